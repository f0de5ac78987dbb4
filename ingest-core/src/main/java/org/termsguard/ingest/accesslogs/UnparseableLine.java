package org.termsguard.ingest.accesslogs;

/** Why a line of an upload was skipped; the message is shown to the producer with the line's number. */
public final class UnparseableLine extends Exception {
    public UnparseableLine(String reason) {
        super(reason, null, false, false);
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
