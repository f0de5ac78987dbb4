package org.termsguard.ingest.producers.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

/** A sensor that reports access events: an API gateway, a CDN log shipper, a web server. */
@Entity
public class Producer {

    @Id
    public String id;

    public String name;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    protected Producer() {}

    public Producer(String id, String name) {
        this.id = id;
        this.name = name;
    }
}
