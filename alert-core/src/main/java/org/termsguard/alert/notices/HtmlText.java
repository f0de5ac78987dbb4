package org.termsguard.alert.notices;

/**
 * Puts a value that came from an event into HTML text or a quoted attribute: {@link MarkdownText#line} first (so
 * control, bidi and line-separator characters are visible, as in the Markdown notice), then the five characters
 * that are markup ({@code & < > " '}) as character references (HTML Living Standard §13.1.4).
 */
public final class HtmlText {

    private HtmlText() {}

    public static String text(String value) {
        String line = MarkdownText.line(value);
        StringBuilder out = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
