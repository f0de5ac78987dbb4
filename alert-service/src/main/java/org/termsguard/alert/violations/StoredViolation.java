package org.termsguard.alert.violations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A violation as kept by the alert service; {@code payload} is the message exactly as received. */
@Entity
@Table(name = "violation")
public class StoredViolation {

    @Id
    @Column(name = "violation_id")
    public String violationId;

    @Column(name = "event_id")
    public String eventId;

    public String owner;
    public String consumer;
    public String rule;
    public String severity;

    @Column(name = "observed_at")
    public Instant observedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public String payload;

    @Column(name = "received_at", insertable = false, updatable = false)
    public Instant receivedAt;
}
