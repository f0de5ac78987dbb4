package org.termsguard.alert.notices;

/**
 * Puts a value that came from an event (a path, a user agent, a consumer's or owner's name, an explanation) into
 * Markdown so that it can only ever be text on the line it was put on.
 *
 * <ul>
 *   <li>{@link #line}: every character that could end the line or hide in it becomes visible: CR LF, CR, LF, NEL,
 *       U+2028 and U+2029 (line breaks to CommonMark 0.31 §2.1 and Unicode) become {@code ␤}; tab becomes a space;
 *       any other C0 control, DEL and C1 control, the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 *       U+2066–U+2069, which reorder what a reader sees) and a lone surrogate become U+FFFD.
 *   <li>{@link #text}: {@link #line}, then every ASCII punctuation character gets a backslash (CommonMark 0.31 §2.4:
 *       "Any ASCII punctuation character may be backslash-escaped", and an escaped one is a literal character), so no
 *       heading, list, block quote, thematic break, table cell, emphasis, link, image, autolink, entity, raw HTML or
 *       code span can start from the value, nor any of the common extensions' constructs.
 *   <li>{@link #code}: {@link #line}, then a code span (CommonMark 0.31 §6.1) fenced by one more backtick than the
 *       longest run inside, padded with a space when the content starts or ends with a backtick or a space, so that
 *       the content reads back exactly. Nothing inside a code span is Markdown; it keeps paths and user agents
 *       readable in the plain-text e-mail. (Not for GFM table cells, where {@code |} ends a cell even in code.)
 * </ul>
 */
public final class MarkdownText {

    /** What a line break in a value becomes: U+2424 SYMBOL FOR NEWLINE. */
    public static final char LINE_BREAK = '\u2424';

    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private MarkdownText() {}

    /** The value on one line with nothing invisible in it; null becomes the empty string. */
    public static String line(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r') {
                out.append(LINE_BREAK);
                if (i + 1 < value.length() && value.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\u000B' || c == '\f') {
                out.append(LINE_BREAK);
            } else if (c == '\t') {
                out.append(' ');
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || bidiControl(c)) {
                out.append('\uFFFD');
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The value as Markdown text: it renders as exactly {@link #line}{@code (value)}. A space at either end is written
     * as the character reference {@code &#32;} (§2.5): leading spaces would otherwise indent (four make a code block,
     * §4.4) and trailing ones make a hard line break (§6.7) or vanish, and a space cannot be backslash-escaped.
     */
    public static String text(String value) {
        String line = line(value);
        StringBuilder out = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' && (i == 0 || i == line.length() - 1)) {
                out.append("&#32;");
                continue;
            }
            if (ASCII_PUNCTUATION.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The value as a Markdown code span: it renders as {@code <code>}{@link #line}{@code (value)}{@code </code>}. */
    public static String code(String value) {
        String line = line(value);
        if (line.isEmpty()) {
            // An empty code span cannot be written: two backticks are one backtick string (§6.1).
            return "";
        }
        int longest = 0;
        int run = 0;
        for (int i = 0; i < line.length(); i++) {
            run = line.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        // §6.1 strips one space from each end when both ends are spaces, and a backtick at an end would join the
        // fence; a space on each side is then what the parser removes, so the content reads back unchanged.
        boolean pad = line.startsWith("`")
                || line.endsWith("`")
                || (line.startsWith(" ") && line.endsWith(" ") && !line.chars().allMatch(ch -> ch == ' '));
        String content = pad ? " " + line + " " : line;
        return fence + content + fence;
    }

    private static boolean bidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }
}
