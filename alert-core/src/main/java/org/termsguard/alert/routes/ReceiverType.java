package org.termsguard.alert.routes;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a route's receiver is, named on the wire and in the delivery outbox by its token. */
public enum ReceiverType {
    /** Termsguard's Alert JSON, signed with the receiver's secret ({@code Termsguard-Signature}). */
    WEBHOOK("webhook"),
    /** Alertmanager's webhook payload, version 4, so that existing Alertmanager receivers work. */
    ALERTMANAGER("alertmanager"),
    /** The notice, over SMTP. */
    EMAIL("email");

    private final String token;

    ReceiverType(String token) {
        this.token = token;
    }

    @JsonValue
    public String token() {
        return token;
    }

    /**
     * The type named {@code token}, or null when there is none: a route naming another type is then refused field
     * by field with the rest of its errors, not as unreadable JSON.
     */
    @JsonCreator
    public static ReceiverType of(String token) {
        for (ReceiverType type : values()) {
            if (type.token.equals(token)) {
                return type;
            }
        }
        return null;
    }

    /** Whether it is called at a URL, which {@code TargetPolicy} must allow. */
    public boolean callsUrl() {
        return this != EMAIL;
    }
}
