package org.termsguard.ingest.events.service;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Events accepted per endpoint and rejected per reason, as {@code termsguard_ingest_events_*_total}. */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String endpoint, int events) {
        registry.counter("termsguard.ingest.events.accepted", "endpoint", endpoint)
                .increment(events);
    }

    /** @param reason one of validation, scope, too-large, unavailable, unparseable-line */
    public void rejected(String reason, int events) {
        registry.counter("termsguard.ingest.events.rejected", "reason", reason).increment(events);
    }
}
