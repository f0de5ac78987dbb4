package org.termsguard.alert.deliveries;

import java.util.List;
import org.termsguard.alert.routes.ReceiverType;
import org.termsguard.contracts.net.TargetPolicy;

/** Where one delivery goes, once its receiver's target has been checked; one kind per receiver type, or refused. */
public sealed interface Destination permits Destination.Http, Destination.Email, Destination.Refused {

    /** Called over HTTP at the address {@link TargetPolicy} checked (never at a second DNS answer). */
    sealed interface Http extends Destination permits Webhook, Alertmanager {
        TargetPolicy.Target address();
    }

    /** @param secret the HMAC key it is signed with, or null to send it unsigned */
    record Webhook(TargetPolicy.Target address, String secret) implements Http {}

    record Alertmanager(TargetPolicy.Target address) implements Http {}

    record Email(List<String> to) implements Destination {
        public Email {
            to = List.copyOf(to);
        }
    }

    /** A target that may not be called, or a type this version does not know. */
    record Refused(String reason) implements Destination {}

    /**
     * Checks a delivery's target as the outbox stored it. Resolving a host blocks: call it off the event loop for a
     * type that {@linkplain ReceiverType#callsUrl() calls a URL}.
     *
     * @param target the URL, or for e-mail the addresses joined by commas
     */
    static Destination of(ReceiverType type, String target, String secret, TargetPolicy policy) {
        if (type == null) {
            return new Refused("unknown receiver type");
        }
        return switch (type) {
            case EMAIL -> new Email(List.of(target.split(",")));
            case WEBHOOK, ALERTMANAGER -> {
                try {
                    TargetPolicy.Target address = policy.check(target);
                    yield type == ReceiverType.WEBHOOK ? new Webhook(address, secret) : new Alertmanager(address);
                } catch (TargetPolicy.Refused refused) {
                    yield new Refused(refused.getMessage());
                }
            }
        };
    }
}
