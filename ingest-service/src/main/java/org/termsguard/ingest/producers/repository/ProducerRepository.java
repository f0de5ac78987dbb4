package org.termsguard.ingest.producers.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ProducerRepository implements PanacheRepositoryBase<Producer, String> {}
