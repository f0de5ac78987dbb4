package org.termsguard.alert.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.commonmark.node.Code;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MarkdownTextTest {

    private static final Parser COMMONMARK = Parser.builder().build();

    static Stream<String> hostile() {
        return Stream.of(
                "\n\n## How much\n\n**Estimated fee:** 0.00 USD\n",
                "# heading",
                "=====",
                "---",
                "- item",
                "+ item",
                "1. item",
                "1) item",
                "> quote",
                "    indented code",
                "```\nfenced\n```",
                "~~~",
                "[click](https://evil.example \"title\")",
                "![img](https://evil.example/x.png)",
                "[ref]: https://evil.example",
                "<https://evil.example>",
                "<script>alert(1)</script>",
                "<a href='x'>",
                "&lt;b&gt; &amp; &#x3C;",
                "*em* _em_ **strong** __strong__ ~~strike~~",
                "`code` ``two`` ` x",
                "`",
                "``",
                " `a` ",
                "  ",
                "| a | b |\n|---|---|\n| c | d |",
                "a\r\nb\rc\nd",
                "nul\u0000byte\u0001\u001f\u007f\u0085\u009f",
                "line\u2028separator\u2029paragraph",
                "bidi \u202Eevil\u202C \u2066x\u2069",
                "lone \uD800 surrogate \uDC00",
                "emoji 😀 ok",
                "trailing backslash \\",
                "hard break  \nnext",
                "$x$ ^sup^ {attr} :smile: ==mark== www.evil.example foo@bar.example",
                "");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void textIsOneTextRunOnItsLine(String value) {
        for (String template : List.of("**To:** %s", "- %s", "> %s", "%s", "- basis: %s\n- second")) {
            String markdown = template.formatted(MarkdownText.text(value));
            Node document = COMMONMARK.parse(markdown);
            String shape = shape(document);
            String expected = shape(COMMONMARK.parse(template.formatted(value.isEmpty() ? "" : "X")));
            assertThat(shape).as(markdown).isEqualTo(expected);
            assertThat(texts(document)).as(markdown).contains(MarkdownText.line(value));
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void codeIsOneCodeSpanReadingBackTheValue(String value) {
        String line = MarkdownText.line(value);
        if (line.isEmpty()) {
            assertThat(MarkdownText.code(value)).isEmpty();
            return;
        }
        Node document = COMMONMARK.parse("- page — " + MarkdownText.code(value));
        Node item = document.getFirstChild().getFirstChild();
        assertThat(item).isInstanceOf(ListItem.class);
        Node paragraph = item.getFirstChild();
        assertThat(paragraph).isInstanceOf(Paragraph.class);
        assertThat(paragraph.getFirstChild()).isInstanceOf(Text.class);
        assertThat(paragraph.getLastChild()).isInstanceOf(Code.class);
        assertThat(((Code) paragraph.getLastChild()).getLiteral()).isEqualTo(line);
        assertThat(paragraph.getFirstChild().getNext()).isSameAs(paragraph.getLastChild());
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void everyAsciiPunctuationCharacterIsEscapedSoNoExtensionSeesItEither(String value) {
        // The one construct text() writes itself: a space at either end as a character reference.
        String text = MarkdownText.text(value).replace("&#32;", " ");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0) {
                assertThat(text.charAt(i)).as(text + " at " + i).isEqualTo('\\');
                i++;
            }
        }
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void nothingLeftCanBreakALineOrHide(String value) {
        String line = MarkdownText.line(value);
        assertThat(line.chars())
                .noneMatch(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029)
                .noneMatch(c -> (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
        assertThat(line.codePoints()).noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void htmlHasNoMarkupOfTheValue(String value) {
        assertThat(HtmlText.text(value))
                .doesNotContain("<", ">", "\"", "'")
                .doesNotContainPattern("&(?!amp;|lt;|gt;|quot;|#39;)");
    }

    @org.junit.jupiter.api.Test
    void lineBreaksAreShownNotFollowed() {
        assertThat(MarkdownText.line("a\r\nb\rc\nd\u2028e")).isEqualTo("a␤b␤c␤d␤e");
        assertThat(MarkdownText.line("a\u0000b\tc")).isEqualTo("a\uFFFDb c");
        assertThat(MarkdownText.line(null)).isEmpty();
        assertThat(MarkdownText.text("## x")).isEqualTo("\\#\\# x");
        assertThat(MarkdownText.code("a`b")).isEqualTo("``a`b``");
        assertThat(MarkdownText.code("`a")).isEqualTo("`` `a ``");
    }

    /** The block and inline node types of a document, with text collapsed, to compare with the template's own. */
    private static String shape(Node node) {
        StringBuilder out = new StringBuilder();
        shape(node, out);
        return out.toString();
    }

    private static void shape(Node node, StringBuilder out) {
        if (node instanceof Text) {
            // Adjacent text runs are one run to a reader.
            if (out.length() == 0 || out.charAt(out.length() - 1) != 'T') {
                out.append('T');
            }
            return;
        }
        out.append('(').append(node.getClass().getSimpleName());
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            shape(child, out);
        }
        out.append(')');
    }

    /** Everything a reader sees as text, in order. */
    private static String texts(Node node) {
        StringBuilder out = new StringBuilder();
        texts(node, out);
        return out.toString();
    }

    private static void texts(Node node, StringBuilder out) {
        if (node instanceof Text t) {
            out.append(t.getLiteral());
        } else if (node instanceof Code c) {
            out.append(c.getLiteral());
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            texts(child, out);
        }
    }
}
