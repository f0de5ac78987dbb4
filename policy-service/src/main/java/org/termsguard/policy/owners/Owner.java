package org.termsguard.policy.owners;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

/** A party whose data is used: a platform, a publisher, a label. */
@Entity
public class Owner {

    @Id
    public String id;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "notice_contact")
    public String noticeContact;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    protected Owner() {}

    public Owner(String id, String displayName, String noticeContact) {
        this.id = id;
        this.displayName = displayName;
        this.noticeContact = noticeContact;
    }
}
