package org.termsguard.ingest.producers;

import java.util.Set;

/** Who is posting: an authenticated producer and the owners its key may report for. */
public record ProducerIdentity(String producerId, String keyId, Set<String> owners) {

    public boolean mayReportFor(String owner) {
        return owners.contains(owner);
    }
}
