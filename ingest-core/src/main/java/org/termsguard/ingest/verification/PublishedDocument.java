package org.termsguard.ingest.verification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A document as an operator publishes it: read as bounded JSON, and identified by the SHA-256 of its bytes. */
final class PublishedDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishedDocument() {}

    static String sha256(byte[] document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    /**
     * The document's JSON, never null.
     *
     * @param what what the document is, for messages: "The list", "The key directory"
     * @throws IllegalArgumentException when it is larger than {@code maxBytes} or not JSON
     */
    static JsonNode json(byte[] document, int maxBytes, String what) {
        if (document.length > maxBytes) {
            throw new IllegalArgumentException(what + " is larger than " + maxBytes + " bytes");
        }
        try {
            JsonNode root = JSON.readTree(document);
            if (root == null) {
                throw new IllegalArgumentException(what + " is empty");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getMessage(), e);
        }
    }
}
