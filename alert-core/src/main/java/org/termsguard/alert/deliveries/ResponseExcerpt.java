package org.termsguard.alert.deliveries;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The start of a receiver's answer, up to a bound: enough to store what a failing receiver said, while the rest is
 * never read into memory (a receiver may answer with any size, or never stop — issue #17). Its text is safe to
 * store: UTF-8 with what could not be decoded replaced, and control characters (NUL included, which PostgreSQL
 * text refuses) turned into spaces.
 */
public final class ResponseExcerpt {

    private final byte[] kept;
    private int size;
    private boolean cut;

    public ResponseExcerpt(int limit) {
        this.kept = new byte[Math.max(0, limit)];
    }

    /**
     * Keeps what fits of {@code chunk}.
     *
     * @return whether more is wanted; false once the bound is reached, so the caller stops reading
     */
    public boolean add(byte[] chunk) {
        int taken = Math.min(chunk.length, kept.length - size);
        System.arraycopy(chunk, 0, kept, size, taken);
        size += taken;
        if (taken < chunk.length) {
            cut = true;
        }
        return size < kept.length;
    }

    /** Whether the answer went on past the bound. */
    public boolean cut() {
        return cut;
    }

    /** What was kept, as text to store; empty when the answer had no body. */
    public String text() {
        String text = new String(Arrays.copyOf(kept, size), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        String trimmed = out.toString().strip();
        return cut && !trimmed.isEmpty() ? trimmed + "…" : trimmed;
    }
}
