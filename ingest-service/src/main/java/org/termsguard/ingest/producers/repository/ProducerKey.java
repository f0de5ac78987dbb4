package org.termsguard.ingest.producers.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An API key of a producer: its hash (never the key), the owners it may report for, and whether it is revoked. */
@Entity
@Table(name = "producer_key")
public class ProducerKey {

    @Id
    public String id;

    @Column(name = "producer_id")
    public String producerId;

    @Column(name = "key_hash")
    public byte[] keyHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> owners;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;
}
