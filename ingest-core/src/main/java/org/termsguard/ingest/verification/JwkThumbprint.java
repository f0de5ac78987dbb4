package org.termsguard.ingest.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JWK SHA-256 thumbprint (RFC 7638 §3), which Web Bot Auth uses as {@code keyid}: the key's required members
 * only, in lexicographic order, as compact JSON in UTF-8, hashed with SHA-256, then base64url without padding.
 * The required members are those of RFC 7638 §3.2 for RSA ({@code e}, {@code kty}, {@code n}) and EC
 * ({@code crv}, {@code kty}, {@code x}, {@code y}), and of RFC 8037 Appendix A.3 for OKP ({@code crv}, {@code kty},
 * {@code x}).
 */
public final class JwkThumbprint {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "RSA", List.of("e", "kty", "n"),
            "EC", List.of("crv", "kty", "x", "y"),
            "OKP", List.of("crv", "kty", "x"));

    private JwkThumbprint() {}

    /** The thumbprint of {@code jwk}, or empty when its {@code kty} is unknown or a required member is missing. */
    public static Optional<String> of(JsonNode jwk) {
        List<String> members = REQUIRED.get(jwk.path("kty").asText());
        if (members == null) {
            return Optional.empty();
        }
        Map<String, String> required = new LinkedHashMap<>();
        for (String member : members) {
            JsonNode value = jwk.get(member);
            if (value == null || !value.isTextual()) {
                return Optional.empty();
            }
            required.put(member, value.asText());
        }
        try {
            byte[] canonical = JSON.writeValueAsString(required).getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("A map of strings always serialises, and SHA-256 always exists", e);
        }
    }
}
