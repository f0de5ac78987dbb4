package org.termsguard.ingest.verification.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Optional;
import org.termsguard.ingest.IngestConfig;
import org.termsguard.ingest.verification.EventVerification;
import org.termsguard.ingest.verification.ForwardConfirmedDns;
import org.termsguard.ingest.verification.JndiResolver;
import org.termsguard.ingest.verification.ReverseDnsAnswer;

/**
 * Forward-confirmed reverse DNS for ingest: answers cached per address and suffix set, incomplete answers never
 * cached (a timeout now says nothing of the next try), and a budget per request shared by its events so that a
 * batch of 10,000 unknown addresses cannot hold a 202 back for long.
 */
final class ReverseDnsLookups {

    private record Key(String address, List<String> suffixes) {}

    private final ForwardConfirmedDns dns;
    private final Cache<Key, ReverseDnsAnswer> answers;
    private final long requestBudgetNanos;

    ReverseDnsLookups(IngestConfig.Verification.Dns config) {
        this.dns = new ForwardConfirmedDns(
                new JndiResolver(config.server().orElse(null), config.budget()), config.budget());
        this.answers = Caffeine.newBuilder()
                .maximumSize(config.cacheSize())
                .expireAfterWrite(config.cacheTtl())
                .build();
        this.requestBudgetNanos = config.requestBudget().toNanos();
    }

    /** Lookups for one request: cached answers always, new lookups until the request's budget is spent. */
    EventVerification.ReverseDns forRequest() {
        long deadline = System.nanoTime() + requestBudgetNanos;
        return (clientIp, suffixes) -> {
            Key key = new Key(clientIp, suffixes);
            ReverseDnsAnswer cached = answers.getIfPresent(key);
            if (cached != null) {
                return Optional.of(cached);
            }
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            ReverseDnsAnswer answer = dns.lookUp(clientIp, suffixes);
            if (answer.complete()) {
                answers.put(key, answer);
            }
            return Optional.of(answer);
        };
    }
}
