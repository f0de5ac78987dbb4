package org.termsguard.policy.terms.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.termsguard.policy.terms.service.TermsCache;

/**
 * Drops cached terms when any instance changes them. Every instance reads the whole topic in a consumer group of
 * its own; only the record key (the owner) matters, so an unreadable value is no reason to stop.
 */
@ApplicationScoped
public class TermsChangesConsumer {

    public static final String CHANNEL = "terms-changes";

    private final TermsCache cache;

    public TermsChangesConsumer(TermsCache cache) {
        this.cache = cache;
    }

    @Incoming(CHANNEL)
    public CompletionStage<Void> onChange(KafkaRecord<String, String> record) {
        if (record.getKey() != null) {
            cache.invalidate(record.getKey());
        }
        return record.ack();
    }
}
