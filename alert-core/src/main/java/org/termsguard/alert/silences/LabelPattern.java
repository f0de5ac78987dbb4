package org.termsguard.alert.silences;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A silence matcher's regular expression, which must match the whole label, compiled once with RE2J: RE2 syntax,
 * no backreferences or lookaround, and matching in time linear in the label (java.util.regex backtracks, and
 * {@code ".*".repeat(100) + "z"} never finishes on a long label — issue #17).
 *
 * <p>RE2J does not bound what a pattern expands to: {@code (((a{1000}){1000}){1000}){1000}} exhausts the heap while
 * it compiles, and {@code (a{1000}){1000}} compiles to a million instructions that every match then walks. So the
 * pattern's expanded size is counted before it is compiled — every atom counts one, times the repeat counts
 * ({@code {n}}, {@code {n,m}}, {@code {n,}}) around it — and more than {@value #MAX_EXPANDED_SIZE} is refused. RE2 itself
 * refuses nested repetition past 1000 for the same reason; this bound also covers what RE2J's matching costs.
 */
public final class LabelPattern {

    /** The most atoms a pattern may expand to; {@code ".*".repeat(100) + "z"} is 101. */
    public static final int MAX_EXPANDED_SIZE = 1000;

    private static final java.util.regex.Pattern REPEAT =
            java.util.regex.Pattern.compile("\\{(\\d{1,4})(,(\\d{0,4}))?}");

    private LabelPattern() {}

    /**
     * @throws IllegalArgumentException saying why, when RE2J refuses the pattern or it expands too far
     */
    public static Pattern compile(String regex) {
        if (expandedSize(regex) > MAX_EXPANDED_SIZE) {
            throw new IllegalArgumentException("expands to more than " + MAX_EXPANDED_SIZE
                    + " atoms once its repeat counts are applied; use fewer or smaller {n,m}");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * The atoms {@code regex} expands to, over-counted rather than under (a character, an escape or a class is one
     * atom; a group is the sum of what it holds; a repeat multiplies the atom or group just before it).
     */
    static long expandedSize(String regex) {
        // Each open group's running size; the bottom entry is the whole pattern.
        Deque<long[]> groups = new ArrayDeque<>();
        groups.push(new long[] {0});
        long last = 0; // the size of the atom or group a repeat would apply to
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                int end = escapeEnd(regex, i);
                // \Q...\E quotes each character it holds; a repeat after it applies to the last one.
                boolean quoted = i + 1 < n && regex.charAt(i + 1) == 'Q';
                groups.peek()[0] += quoted ? Math.max(1, end - i - 4) : 1;
                last = 1;
                i = end;
            } else if (c == '[') {
                i = classEnd(regex, i);
                last = 1;
                groups.peek()[0] += last;
            } else if (c == '(') {
                groups.push(new long[] {0});
                last = 0;
                i++;
            } else if (c == ')') {
                if (groups.size() > 1) {
                    last = groups.pop()[0];
                    groups.peek()[0] += last;
                } else {
                    last = 0;
                }
                i++;
            } else if (c == '{') {
                java.util.regex.Matcher repeat = REPEAT.matcher(regex).region(i, n);
                if (repeat.lookingAt()) {
                    long min = Long.parseLong(repeat.group(1));
                    String max = repeat.group(3);
                    long count = repeat.group(2) == null ? min : max.isEmpty() ? min + 1 : Long.parseLong(max);
                    // The atom was counted once already; the repeat adds the other copies.
                    long extra = Math.max(0, Math.max(count, 1) - 1) * last;
                    groups.peek()[0] = Math.min(Long.MAX_VALUE / 4, groups.peek()[0] + extra);
                    last = Math.min(Long.MAX_VALUE / 4, last * Math.max(count, 1));
                    i = repeat.end();
                } else {
                    last = 1;
                    groups.peek()[0] += last;
                    i++;
                }
            } else if (c == '*' || c == '+' || c == '?') {
                // Applies to the atom before it without copying it; a repeat cannot follow (RE2J refuses that).
                i++;
            } else if (c == '|') {
                last = 0;
                i++;
            } else {
                last = 1;
                groups.peek()[0] += last;
                i++;
            }
            if (groups.peek()[0] > MAX_EXPANDED_SIZE) {
                return groups.peek()[0];
            }
        }
        long total = 0;
        while (!groups.isEmpty()) {
            total += groups.pop()[0];
        }
        return total;
    }

    /** Past an escape: {@code \Q...\E}, {@code \p{...}}, {@code \x{...}} or one escaped character. */
    private static int escapeEnd(String regex, int at) {
        int n = regex.length();
        if (at + 1 >= n) {
            return n;
        }
        char next = regex.charAt(at + 1);
        if (next == 'Q') {
            int end = regex.indexOf("\\E", at + 2);
            return end < 0 ? n : end + 2;
        }
        if ((next == 'p' || next == 'P' || next == 'x') && at + 2 < n && regex.charAt(at + 2) == '{') {
            int end = regex.indexOf('}', at + 3);
            return end < 0 ? n : end + 1;
        }
        return at + 2;
    }

    /** Past a character class, with its escapes and {@code [:name:]} classes; a leading {@code ]} is literal. */
    private static int classEnd(String regex, int at) {
        int n = regex.length();
        int i = at + 1;
        if (i < n && regex.charAt(i) == '^') {
            i++;
        }
        if (i < n && regex.charAt(i) == ']') {
            i++;
        }
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i = escapeEnd(regex, i);
            } else if (c == '[' && i + 1 < n && regex.charAt(i + 1) == ':') {
                int end = regex.indexOf(":]", i + 2);
                i = end < 0 ? i + 1 : end + 2;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return n;
    }
}
