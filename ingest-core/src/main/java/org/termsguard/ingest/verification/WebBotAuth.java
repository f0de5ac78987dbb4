package org.termsguard.ingest.verification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.greenbytes.http.sfv.Item;
import org.greenbytes.http.sfv.ListElement;
import org.greenbytes.http.sfv.ParseException;
import org.greenbytes.http.sfv.Parser;
import org.greenbytes.http.sfv.StringItem;

/**
 * Verifies a request's HTTP Message Signatures (RFC 9421 §3.2) under the Web Bot Auth profile
 * (draft-ietf-webbotauth-httpsig-protocol, "Generating HTTP Message Signature" and "Validating Message Signature").
 *
 * <p>Each signature is judged on its own; the first valid one wins. A signature:
 * <ul>
 *   <li>whose {@code tag} is not {@code web-bot-auth} is not this profile's and is ignored (the draft lets a verifier
 *       discard it);
 *   <li>whose {@code keyid} no key directory in force holds, whose {@code alg} or covered components this verifier
 *       does not implement, is not checked: nothing says it is false;
 *   <li>fails when it lacks {@code keyid}, {@code created} or {@code expires}; when {@code created} is later than the
 *       clock (plus the allowed skew) or the clock is past {@code expires}; when it covers neither {@code @authority}
 *       nor {@code @target-uri}; when the request has a {@code Signature-Agent} field it does not cover; when its
 *       {@code alg} is not the key's, or the key is outside its own {@code nbf}/{@code exp}; when a covered component
 *       is missing; and when the signature does not verify.
 * </ul>
 *
 * <p>The clock is the time the request was made (an event's {@code observedAt}), not the time of judging: a log line
 * shipped a day late still carried a signature valid when it was sent. A dry run may give another.
 *
 * <p>A signature covering {@code "signature-agent";key="k"} names the key directory at member {@code k} of the
 * {@code Signature-Agent} Dictionary; one covering plain {@code "signature-agent"} names the legacy String form. Keys
 * are looked up by that URL and the {@code keyid} together, as the draft requires; a signature naming no agent is
 * looked up by {@code keyid} alone and is attributed no further than to the holder of that key.
 */
public final class WebBotAuth {

    public static final String TAG = "web-bot-auth";

    /** Finds the key a signature names in the key directories in force. */
    @FunctionalInterface
    public interface KeyLookup {
        /**
         * @param keyid the signature's {@code keyid} (a JWK thumbprint)
         * @param signatureAgent the Signature-Agent URL the signature covers, if it covers one
         */
        Optional<DirectoryKey> key(String keyid, Optional<String> signatureAgent);
    }

    public enum Status {
        /** A signature verified. */
        VALID,
        /** A web-bot-auth signature was present and is false, expired or incomplete, and none verified. */
        FAILED,
        /** No web-bot-auth signature could be checked: none present, or only unknown keys or unsupported features. */
        NOT_CHECKED
    }

    /**
     * @param status the overall result
     * @param label the label of the signature that verified, or of the first that failed; null otherwise
     * @param keyid that signature's keyid
     * @param signatureAgent the Signature-Agent URL that signature covers, if any
     * @param reasons one sentence per signature looked at
     */
    public record Outcome(Status status, String label, String keyid, String signatureAgent, List<String> reasons) {
        public Outcome {
            reasons = List.copyOf(reasons);
        }
    }

    private final Duration allowedSkew;

    /** @param allowedSkew how far in the future {@code created} may be, for the signer's clock running ahead */
    public WebBotAuth(Duration allowedSkew) {
        this.allowedSkew = Objects.requireNonNull(allowedSkew, "allowedSkew");
    }

    public Outcome check(SignedRequest request, Instant clock, KeyLookup keys) {
        Optional<List<String>> input = request.field("signature-input");
        Optional<List<String>> signature = request.field("signature");
        if (input.isEmpty() && signature.isEmpty()) {
            return new Outcome(Status.NOT_CHECKED, null, null, null, List.of("the request carries no signature"));
        }
        List<MessageSignature> signatures;
        try {
            signatures = MessageSignature.parseAll(
                    input.map(v -> String.join(", ", v)).orElse(null),
                    signature.map(v -> String.join(", ", v)).orElse(null));
        } catch (IllegalArgumentException e) {
            return new Outcome(
                    Status.FAILED, null, null, null, List.of("the signature fields are malformed: " + e.getMessage()));
        }
        List<String> reasons = new ArrayList<>();
        Outcome firstFailure = null;
        for (MessageSignature candidate : signatures) {
            Outcome outcome = check(candidate, request, clock, keys);
            reasons.addAll(outcome.reasons());
            if (outcome.status() == Status.VALID) {
                return new Outcome(Status.VALID, outcome.label(), outcome.keyid(), outcome.signatureAgent(), reasons);
            }
            if (outcome.status() == Status.FAILED && firstFailure == null) {
                firstFailure = outcome;
            }
        }
        if (firstFailure != null) {
            return new Outcome(
                    Status.FAILED, firstFailure.label(), firstFailure.keyid(), firstFailure.signatureAgent(), reasons);
        }
        if (reasons.isEmpty()) {
            reasons.add("the request carries no signature");
        }
        return new Outcome(Status.NOT_CHECKED, null, null, null, reasons);
    }

    private Outcome check(MessageSignature s, SignedRequest request, Instant clock, KeyLookup keys) {
        String label = s.label();
        String keyid = s.keyid().orElse(null);
        if (!s.tag().map(TAG::equals).orElse(false)) {
            return notChecked(label, "signature " + label + " is not tagged " + TAG + "; ignored");
        }
        if (keyid == null || s.created().isEmpty() || s.expires().isEmpty()) {
            return failed(
                    s, null, "signature " + label + " lacks keyid, created or expires, which Web Bot Auth requires");
        }
        Instant created = s.created().get();
        Instant expires = s.expires().get();
        if (created.isAfter(clock.plus(allowedSkew))) {
            return failed(s, null, "signature " + label + " was created at " + created + ", after " + clock);
        }
        if (clock.isAfter(expires) || !expires.isAfter(created)) {
            return failed(s, null, "signature " + label + " expired at " + expires + " (checked at " + clock + ")");
        }
        if (!s.covers("@authority") && !s.covers("@target-uri")) {
            return failed(s, null, "signature " + label + " covers neither @authority nor @target-uri");
        }
        Optional<String> agent;
        if (request.field("signature-agent").isPresent()) {
            if (!s.covers("signature-agent")) {
                return failed(s, null, "signature " + label + " does not cover the Signature-Agent field it came with");
            }
            agent = agent(s, request);
            if (agent.isEmpty()) {
                return failed(s, null, "signature " + label + " covers no Signature-Agent member that is a URL");
            }
        } else {
            agent = Optional.empty();
        }
        Optional<SignatureAlgorithm> named = s.alg().flatMap(SignatureAlgorithm::fromToken);
        if (s.alg().isPresent() && named.isEmpty()) {
            return notChecked(
                    label, "signature " + label + " uses alg " + s.alg().get() + ", not supported");
        }
        Optional<DirectoryKey> found = keys.key(keyid, agent);
        if (found.isEmpty()) {
            return notChecked(
                    label,
                    "signature " + label + " names key " + keyid
                            + agent.map(a -> " of " + a).orElse("") + ", which no key directory in force holds");
        }
        DirectoryKey key = found.get();
        if (named.isPresent() && named.get() != key.algorithm()) {
            return failed(
                    s,
                    agent,
                    "signature " + label + " says alg " + named.get().token() + " but key " + keyid + " is "
                            + key.algorithm().token());
        }
        if (!key.validAt(clock)) {
            return failed(s, agent, "key " + keyid + " is not valid at " + clock + " by its nbf/exp");
        }
        String base;
        try {
            base = s.base(request);
        } catch (SignatureBase.ComponentException e) {
            return e.problem() == SignatureBase.Problem.UNSUPPORTED
                    ? notChecked(label, "signature " + label + " cannot be checked: " + e.getMessage())
                    : failed(
                            s,
                            agent,
                            "signature " + label + " covers a component the request lacks: " + e.getMessage());
        }
        if (!key.algorithm().verifies(key.publicKey(), base.getBytes(StandardCharsets.US_ASCII), s.signature())) {
            return failed(s, agent, "signature " + label + " does not verify with key " + keyid);
        }
        return new Outcome(
                Status.VALID,
                label,
                keyid,
                agent.orElse(null),
                List.of("signature " + label
                        + " verifies with key " + keyid
                        + agent.map(a -> " of " + a).orElse("") + " ("
                        + key.algorithm().token()
                        + ", created " + created + ", expires " + expires + ")"));
    }

    /** The URL of the first covered Signature-Agent member (or legacy String) that is a String Item. */
    private static Optional<String> agent(MessageSignature s, SignedRequest request) {
        List<String> values = request.field("signature-agent").orElse(List.of());
        for (Optional<String> key : s.coveredKeys("signature-agent")) {
            try {
                if (key.isPresent()) {
                    ListElement<?> member =
                            new Parser(values).parseDictionary().get().get(key.get());
                    if (member instanceof StringItem url) {
                        return Optional.of(url.get());
                    }
                } else {
                    Item<?> item = new Parser(values).parseItem();
                    if (item instanceof StringItem url) {
                        return Optional.of(url.get());
                    }
                }
            } catch (ParseException e) {
                // Not this form; another covered member may still name the agent.
            }
        }
        return Optional.empty();
    }

    private static Outcome notChecked(String label, String reason) {
        return new Outcome(Status.NOT_CHECKED, label, null, null, List.of(reason));
    }

    private static Outcome failed(MessageSignature s, Optional<String> agent, String reason) {
        return new Outcome(
                Status.FAILED,
                s.label(),
                s.keyid().orElse(null),
                agent == null ? null : agent.orElse(null),
                List.of(reason));
    }
}
