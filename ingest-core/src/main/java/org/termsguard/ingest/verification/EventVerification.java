package org.termsguard.ingest.verification;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Verification;
import org.termsguard.contracts.events.Verification.Verdict;

/**
 * Sets {@code evidence.verification} on an event: reads what the event says of its request into an {@link
 * Observation}, has the {@link Verifier} judge it, and looks reverse DNS up only where it can change the verdict.
 */
public final class EventVerification {

    /** Reverse DNS as ingest looks it up: cached, within a time budget; empty when it was not looked up. */
    @FunctionalInterface
    public interface ReverseDns {
        Optional<ReverseDnsAnswer> lookUp(String clientIp, List<String> suffixes);

        ReverseDns NONE = (ip, suffixes) -> Optional.empty();
    }

    private final Verifier verifier;
    private final ReverseDns dns;
    private final AgentDirectory.Lookup agents;

    public EventVerification(Verifier verifier, ReverseDns dns) {
        this(verifier, dns, AgentDirectory.Lookup.NONE);
    }

    /** @param agents where key directories of Signature-Agents no source holds are looked up */
    public EventVerification(Verifier verifier, ReverseDns dns, AgentDirectory.Lookup agents) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.dns = Objects.requireNonNull(dns, "dns");
        this.agents = Objects.requireNonNull(agents, "agents");
    }

    public Verifier verifier() {
        return verifier;
    }

    /** The event with its verification, and {@code evidence.identity} derived from it. */
    public AccessEvent verify(AccessEvent event) {
        return event.withEvidence(event.evidence().verifiedAs(verify(observationOf(event))));
    }

    /** The verdict for one observation, with reverse DNS looked up when the lists alone do not confirm the claim. */
    public Verification verify(Observation observation) {
        Verification first = verifier.verify(observation, agents);
        if (observation.reverseDns() != null
                || observation.clientIp() == null
                || (first.verdict() != Verdict.CLAIMED && first.verdict() != Verdict.CONTRADICTED)) {
            return first;
        }
        List<String> suffixes = verifier.hostnameSuffixesFor(observation.userAgent());
        if (suffixes.isEmpty()) {
            return first;
        }
        Optional<ReverseDnsAnswer> answer;
        try {
            answer = dns.lookUp(observation.clientIp(), suffixes);
        } catch (IllegalArgumentException notAnAddress) {
            return first;
        }
        return answer.map(a -> verifier.verify(observation.withReverseDns(a), agents))
                .orElse(first);
    }

    /**
     * What the event says of its request. A signature is checked against the request it describes: the method,
     * authority and path a gateway logged, else those of {@code resource.uri}; without an authority it cannot be
     * checked, and the event is judged as if unsigned.
     */
    public static Observation observationOf(AccessEvent event) {
        AccessEvent.Evidence evidence = event.evidence();
        Observation observation = Observation.of(evidence.userAgent(), evidence.clientIp(), event.observedAt());
        AccessEvent.HttpSignature signature = evidence.httpSignature();
        if (signature == null) {
            return observation;
        }
        URI resource = resourceUri(event);
        String authority = signature.authority() != null
                ? signature.authority()
                : resource == null ? null : resource.getRawAuthority();
        if (authority == null || authority.isBlank()) {
            return observation;
        }
        String path = signature.path();
        if (path == null && resource != null) {
            String rawPath =
                    resource.getRawPath() == null || resource.getRawPath().isEmpty() ? "/" : resource.getRawPath();
            path = resource.getRawQuery() == null ? rawPath : rawPath + "?" + resource.getRawQuery();
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("signature", List.of(signature.signature()));
        fields.put("signature-input", List.of(signature.signatureInput()));
        if (signature.signatureAgent() != null) {
            fields.put("signature-agent", List.of(signature.signatureAgent()));
        }
        String scheme = resource != null && "http".equalsIgnoreCase(resource.getScheme()) ? "http" : "https";
        String target = path == null ? "/" : path;
        int q = target.indexOf('?');
        return observation.withSignedRequest(new SignedRequest(
                signature.method() == null ? "GET" : signature.method(),
                scheme,
                authority,
                q < 0 ? target : target.substring(0, q),
                q < 0 ? null : target.substring(q + 1),
                fields));
    }

    private static URI resourceUri(AccessEvent event) {
        String uri = event.resource() == null ? null : event.resource().uri();
        if (uri == null) {
            return null;
        }
        try {
            URI parsed = new URI(uri);
            return parsed.isAbsolute() ? parsed : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
