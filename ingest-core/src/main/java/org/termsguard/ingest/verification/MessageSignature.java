package org.termsguard.ingest.verification;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greenbytes.http.sfv.ByteSequenceItem;
import org.greenbytes.http.sfv.Dictionary;
import org.greenbytes.http.sfv.InnerList;
import org.greenbytes.http.sfv.IntegerItem;
import org.greenbytes.http.sfv.Item;
import org.greenbytes.http.sfv.ListElement;
import org.greenbytes.http.sfv.ParseException;
import org.greenbytes.http.sfv.Parser;
import org.greenbytes.http.sfv.StringItem;

/**
 * One signature of a request: a member of its {@code Signature-Input} field with the member of the same label in
 * its {@code Signature} field (RFC 9421 §4.1, §4.2), both Dictionary structured fields (RFC 9651 §3.2).
 */
public final class MessageSignature {

    /** Bounds what is parsed from outsiders' headers; real signature fields are a few hundred bytes. */
    public static final int MAX_FIELD_LENGTH = 16 * 1024;

    private final String label;
    private final InnerList signatureParams;
    private final byte[] signature;

    private MessageSignature(String label, InnerList signatureParams, byte[] signature) {
        this.label = label;
        this.signatureParams = signatureParams;
        this.signature = signature;
    }

    /**
     * Every signature the two fields carry, in {@code Signature-Input} order.
     *
     * @param signatureInput the {@code Signature-Input} field value (its field lines joined with commas)
     * @param signature the {@code Signature} field value
     * @throws IllegalArgumentException when either is not a Dictionary, a member has the wrong type, or a label of
     *     {@code Signature-Input} has no {@code Signature} (RFC 9421 §3.2 steps 1–3)
     */
    public static List<MessageSignature> parseAll(String signatureInput, String signature) {
        if (signatureInput == null || signature == null) {
            throw new IllegalArgumentException("Signature-Input and Signature come together (RFC 9421 §4)");
        }
        if (signatureInput.length() > MAX_FIELD_LENGTH || signature.length() > MAX_FIELD_LENGTH) {
            throw new IllegalArgumentException("A signature field is longer than " + MAX_FIELD_LENGTH + " characters");
        }
        Map<String, ListElement<?>> inputs = dictionary("Signature-Input", signatureInput);
        Map<String, ListElement<?>> signatures = dictionary("Signature", signature);
        List<MessageSignature> all = new ArrayList<>();
        for (Map.Entry<String, ListElement<?>> input : inputs.entrySet()) {
            String label = input.getKey();
            if (!(input.getValue() instanceof InnerList params)) {
                throw new IllegalArgumentException("Signature-Input " + label + " is not an inner list");
            }
            if (!(signatures.get(label) instanceof ByteSequenceItem bytes)) {
                throw new IllegalArgumentException("Signature has no byte sequence for " + label);
            }
            ByteBuffer buffer = bytes.get();
            byte[] value = new byte[buffer.remaining()];
            buffer.duplicate().get(value);
            all.add(new MessageSignature(label, params, value));
        }
        return all;
    }

    private static Map<String, ListElement<?>> dictionary(String field, String value) {
        try {
            Dictionary dictionary = Parser.parseDictionary(value);
            return dictionary.get();
        } catch (ParseException e) {
            throw new IllegalArgumentException(field + " is not a Dictionary (RFC 9651 §3.2): " + e.getMessage(), e);
        }
    }

    public String label() {
        return label;
    }

    /** The covered components' identifiers as serialised, e.g. {@code "signature-agent";key="agent2"}. */
    public List<String> components() {
        return signatureParams.get().stream().map(Item::serialize).toList();
    }

    /** Whether a covered component names the field or derived component {@code name}, with any parameters. */
    public boolean covers(String name) {
        return signatureParams.get().stream().anyMatch(c -> SignatureBase.names(c, name));
    }

    /** The {@code key} parameters of the covered components named {@code name} (§2.1.2), e.g. {@code agent2}. */
    List<Optional<String>> coveredKeys(String name) {
        List<Optional<String>> keys = new ArrayList<>();
        for (Item<?> component : signatureParams.get()) {
            if (SignatureBase.names(component, name)) {
                keys.add(
                        component.getParams().get("key") instanceof StringItem key
                                ? Optional.of(key.get())
                                : Optional.empty());
            }
        }
        return keys;
    }

    public Optional<Instant> created() {
        return integer("created").map(Instant::ofEpochSecond);
    }

    public Optional<Instant> expires() {
        return integer("expires").map(Instant::ofEpochSecond);
    }

    public Optional<String> keyid() {
        return string("keyid");
    }

    public Optional<String> alg() {
        return string("alg");
    }

    public Optional<String> tag() {
        return string("tag");
    }

    public Optional<String> nonce() {
        return string("nonce");
    }

    /** Whether the signature parameter {@code name} is present, whatever its type. */
    public boolean hasParameter(String name) {
        return signatureParams.getParams().containsKey(name);
    }

    private Optional<Long> integer(String name) {
        return signatureParams.getParams().get(name) instanceof IntegerItem i ? Optional.of(i.get()) : Optional.empty();
    }

    private Optional<String> string(String name) {
        return signatureParams.getParams().get(name) instanceof StringItem s ? Optional.of(s.get()) : Optional.empty();
    }

    /** The signature base of RFC 9421 §2.5 for {@code request}. */
    String base(SignedRequest request) throws SignatureBase.ComponentException {
        return SignatureBase.of(request, signatureParams);
    }

    /**
     * RFC 9421 §3.2 steps 4–8 for a key the caller trusts: builds the signature base of {@code request} and checks
     * the signature against it. Profile rules (tag, validity, required components) are {@link WebBotAuth}'s.
     *
     * @return false also when a covered component is missing or unsupported
     */
    public boolean verifies(SignedRequest request, PublicKey key, SignatureAlgorithm algorithm) {
        try {
            return algorithm.verifies(key, base(request).getBytes(StandardCharsets.US_ASCII), signature.clone());
        } catch (SignatureBase.ComponentException e) {
            return false;
        }
    }

    byte[] signature() {
        return signature.clone();
    }
}
