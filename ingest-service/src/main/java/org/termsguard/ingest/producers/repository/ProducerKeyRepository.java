package org.termsguard.ingest.producers.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class ProducerKeyRepository implements PanacheRepositoryBase<ProducerKey, String> {

    public Uni<List<ProducerKey>> ofProducer(String producerId) {
        return list("producerId = ?1 order by createdAt", producerId);
    }
}
