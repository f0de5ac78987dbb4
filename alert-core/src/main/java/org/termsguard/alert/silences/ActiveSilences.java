package org.termsguard.alert.silences;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.termsguard.alert.incidents.IncidentKey;
import org.termsguard.contracts.violations.Severity;

/**
 * The silences not yet ended, compiled, by the owner each is limited to: an incident is matched against its own
 * owner's silences and the few across owners, never against another owner's, so one owner's silences cost other
 * owners nothing.
 */
public final class ActiveSilences {

    public static final ActiveSilences NONE = new ActiveSilences(List.of());

    private final Map<String, List<CompiledSilence>> byOwner = new HashMap<>();
    private final List<CompiledSilence> acrossOwners = new ArrayList<>();
    private final List<CompiledSilence> all;

    public ActiveSilences(Collection<CompiledSilence> silences) {
        this.all = List.copyOf(silences);
        for (CompiledSilence silence : all) {
            if (silence.owner() == null) {
                acrossOwners.add(silence);
            } else {
                byOwner.computeIfAbsent(silence.owner(), o -> new ArrayList<>()).add(silence);
            }
        }
    }

    /** Every silence held, in the order given. */
    public List<CompiledSilence> all() {
        return all;
    }

    public boolean mutes(IncidentKey key, Severity severity, Instant at) {
        for (CompiledSilence silence : byOwner.getOrDefault(key.owner(), List.of())) {
            if (silence.mutes(key, severity, at)) {
                return true;
            }
        }
        for (CompiledSilence silence : acrossOwners) {
            if (silence.mutes(key, severity, at)) {
                return true;
            }
        }
        return false;
    }
}
