package org.termsguard.contracts.events;

/**
 * The identity of an event: its owner and its {@code eventId}. Producers choose event ids, and the producers of two
 * owners may choose the same one, so an id alone identifies nothing once more than one owner writes: every ledger,
 * de-duplication and oracle keys on this pair.
 */
public record OwnedEventId(String owner, String eventId) {

    public static OwnedEventId of(AccessEvent event) {
        return new OwnedEventId(event.owner(), event.eventId());
    }

    @Override
    public String toString() {
        return owner + "/" + eventId;
    }
}
