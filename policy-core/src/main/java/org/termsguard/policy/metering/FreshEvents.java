package org.termsguard.policy.metering;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.OwnedEventId;

/**
 * Which events of a consumed batch are judged: exactly one copy of each event the ledger did not know. A producer
 * that retries sends the same (owner, eventId) again, and the copies may land in one batch; the first copy in
 * offset order is judged and every later one is a duplicate, as is every copy of an event judged before.
 */
public final class FreshEvents {

    /**
     * @param fresh the events to judge, in offset order, each identity once
     * @param duplicates copies of events judged before or earlier in this batch
     */
    public record Selection(List<AccessEvent> fresh, int duplicates) {}

    private FreshEvents() {}

    /**
     * @param batch the batch in offset order
     * @param unseen the identities the ledger had not recorded before this batch
     */
    public static Selection select(List<AccessEvent> batch, Set<OwnedEventId> unseen) {
        Set<OwnedEventId> open = new HashSet<>(unseen);
        List<AccessEvent> fresh = new ArrayList<>(Math.min(batch.size(), unseen.size()));
        for (AccessEvent event : batch) {
            if (open.remove(OwnedEventId.of(event))) {
                fresh.add(event);
            }
        }
        return new Selection(fresh, batch.size() - fresh.size());
    }
}
