package org.termsguard.alert.incidents.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.termsguard.contracts.alerts.Alert;

/** Incidents as they change, for the live stream; each change is broadcast after its transaction committed. */
@ApplicationScoped
public class IncidentUpdates {

    private final BroadcastProcessor<Alert.IncidentSummary> processor = BroadcastProcessor.create();

    public void changed(Alert.IncidentSummary incident) {
        processor.onNext(incident);
    }

    public Multi<Alert.IncidentSummary> stream() {
        return processor;
    }
}
