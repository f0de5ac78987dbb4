package org.termsguard.ingest.verification;

import java.time.Instant;

/**
 * What a verdict rests on: the source consulted, how, which version of its published document, and what matched.
 *
 * @param sourceId the verification source, e.g. {@code openai-gptbot}
 * @param method how it was checked: the source's kind, {@code ip-ranges}, {@code reverse-dns} or {@code web-bot-auth}
 * @param snapshotVersion the version of the source's snapshot in force at {@code observedAt}; null for reverse DNS
 * @param snapshotSha256 the SHA-256 (hex) of that snapshot's document; null for reverse DNS
 * @param validFrom when that snapshot came into force; null for reverse DNS
 * @param matched what matched: the prefix holding the address, the confirmed host name or the signing key's id;
 *     null when nothing did (a contradicted or claimed verdict)
 */
public record Basis(
        String sourceId,
        String method,
        Integer snapshotVersion,
        String snapshotSha256,
        Instant validFrom,
        String matched) {}
