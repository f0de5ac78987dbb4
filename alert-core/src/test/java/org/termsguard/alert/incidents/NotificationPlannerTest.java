package org.termsguard.alert.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.termsguard.alert.routes.Route;
import org.termsguard.alert.silences.ActiveSilences;
import org.termsguard.alert.silences.CompiledSilence;
import org.termsguard.alert.silences.Silence;
import org.termsguard.contracts.alerts.Alert;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.contracts.events.Purpose;
import org.termsguard.contracts.violations.PurposeSource;
import org.termsguard.contracts.violations.Rule;
import org.termsguard.contracts.violations.Severity;
import org.termsguard.contracts.violations.Violation;

class NotificationPlannerTest {

    static final Instant T0 = Instant.parse("2023-04-12T10:00:00Z");
    static final Route ROUTE = new Route(
            Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4), Duration.ofHours(24), List.of());
    private final NotificationPlanner planner = new NotificationPlanner();
    private final IncidentGrouper grouper = new IncidentGrouper();

    static Violation violation(String id, String event, Severity severity, long records, String fee) {
        return new Violation(
                id,
                event,
                "x-corp",
                "microsoft",
                Rule.QUOTA_EXCEEDED,
                severity,
                2,
                "ms",
                "quota",
                "over",
                Purpose.ANALYTICS,
                PurposeSource.DECLARED,
                new AccessEvent.Volume(records, null),
                T0,
                T0,
                fee == null ? null : new Violation.Fee(new BigDecimal(fee), "USD", "overage"),
                null);
    }

    private Incident open(Violation... violations) {
        var live = new java.util.HashMap<IncidentKey, Incident>();
        grouper.group(List.of(violations), live, Set.of(), o -> ROUTE, ActiveSilences.NONE, T0);
        return live.values().iterator().next();
    }

    @Test
    void groupsCountingEveryViolationButEachEventOnce() {
        Incident incident = open(
                violation("v1", "e1", Severity.INFO, 100, null),
                violation("v2", "e1", Severity.INFO, 100, null),
                violation("v3", "e2", Severity.HIGH, 40, "0.50"),
                violation("v4", "e3", Severity.HIGH, 2, "0.25"));
        assertThat(incident.violations()).isEqualTo(4);
        assertThat(incident.events()).isEqualTo(3);
        assertThat(incident.records()).isEqualTo(142);
        assertThat(incident.severity()).isEqualTo(Severity.HIGH);
        assertThat(incident.summary(null).estimatedFee()).isEqualTo(new Alert.Money(new BigDecimal("0.75"), "USD"));
        assertThat(incident.summary(null).sampleEventIds()).containsExactly("e1", "e2", "e3");
    }

    @Test
    void opensAfterGroupWaitUpdatesAtMostOncePerGroupIntervalRepeatsAndResolves() {
        Incident incident = open(violation("v1", "e1", Severity.HIGH, 1, null));
        assertThat(planner.plan(incident, ROUTE, T0.plusSeconds(29)))
                .isEqualTo(new NotificationPlanner.Plan(Optional.empty(), T0.plusSeconds(30)));
        var opened = planner.plan(incident, ROUTE, T0.plusSeconds(30));
        assertThat(opened.due()).contains(Alert.Kind.OPENED);
        planner.notified(incident, Alert.Kind.OPENED, T0.plusSeconds(30), ROUTE);

        incident.absorb(violation("v2", "e2", Severity.HIGH, 1, null), true, T0.plusSeconds(60));
        assertThat(planner.plan(incident, ROUTE, T0.plusSeconds(60)).due()).isEmpty();
        assertThat(planner.plan(incident, ROUTE, T0.plusSeconds(60)).nextActionAt())
                .isEqualTo(T0.plusSeconds(330));
        assertThat(planner.plan(incident, ROUTE, T0.plusSeconds(330)).due()).contains(Alert.Kind.UPDATED);
        planner.notified(incident, Alert.Kind.UPDATED, T0.plusSeconds(330), ROUTE);

        assertThat(planner.plan(incident, ROUTE, T0.plusSeconds(330).plus(Duration.ofHours(4)))
                        .due())
                .contains(Alert.Kind.REPEATED);
        assertThat(planner.plan(incident, ROUTE, T0.plusSeconds(60).plus(Duration.ofHours(24)))
                        .due())
                .contains(Alert.Kind.RESOLVED);
    }

    @Test
    void anAcknowledgedIncidentDoesNotRepeat() {
        Incident incident = open(violation("v1", "e1", Severity.HIGH, 1, null));
        planner.notified(incident, Alert.Kind.OPENED, T0.plusSeconds(30), ROUTE);
        incident.acknowledge("ops@example.com", T0.plusSeconds(40));
        assertThat(planner.plan(incident, ROUTE, T0.plus(Duration.ofHours(5))).due())
                .isEmpty();
    }

    @Test
    void silencesMatchByEqualityAndWholeLabelRegex() throws CompiledSilence.Refused {
        var key = IncidentKey.of("x-corp", "microsoft", Rule.QUOTA_EXCEEDED);
        var silence = new Silence(
                "s",
                List.of(new Silence.Matcher("owner", "x-corp", false), new Silence.Matcher("rule", "quota-.*", true)),
                T0,
                T0.plusSeconds(60),
                "ops",
                "why",
                T0);
        var compiled = CompiledSilence.compile(silence);
        assertThat(compiled.mutes(key, Severity.HIGH, T0.plusSeconds(1))).isTrue();
        assertThat(compiled.mutes(key, Severity.HIGH, T0.plusSeconds(60))).isFalse();
        assertThat(compiled.mutes(IncidentKey.of("x-corp", "microsoft", Rule.NO_LICENSE), Severity.HIGH, T0))
                .isFalse();
        assertThat(CompiledSilence.conditions(List.of(new Silence.Matcher("rule", "quota", true)))
                        .get(0)
                        .matches(key, Severity.HIGH))
                .isFalse();
        assertThat(CompiledSilence.conditions(List.of(new Silence.Matcher("severity", "high", false)))
                        .get(0)
                        .matches(key, Severity.HIGH))
                .isTrue();
        Incident incident = open(violation("v1", "e1", Severity.HIGH, 1, null));
        var live = new java.util.HashMap<>(Map.of(incident.key(), incident));
        grouper.group(
                List.of(violation("v9", "e9", Severity.HIGH, 1, null)),
                live,
                Set.of(),
                o -> ROUTE,
                new ActiveSilences(List.of(compiled)),
                T0.plusSeconds(2));
        assertThat(incident.silenced()).isTrue();
    }
}
