package org.termsguard.policy.imports;

/** The document is not what its media type says (not JSON-LD, not RSL XML...), so nothing in it can be mapped. */
public class UnreadableDocument extends RuntimeException {
    public UnreadableDocument(String message) {
        super(message);
    }

    public UnreadableDocument(String message, Throwable cause) {
        super(message, cause);
    }
}
