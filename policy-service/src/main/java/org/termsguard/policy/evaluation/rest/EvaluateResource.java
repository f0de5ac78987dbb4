package org.termsguard.policy.evaluation.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.contracts.crawlers.CrawlerRegistry;
import org.termsguard.contracts.events.AccessEvent;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;
import org.termsguard.platform.security.OwnerAccess;
import org.termsguard.policy.evaluation.Evaluator;
import org.termsguard.policy.evaluation.UsageKey;
import org.termsguard.policy.evaluation.Verdict;
import org.termsguard.policy.metering.messaging.AccessEventConsumer;
import org.termsguard.policy.metering.repository.UsageCounters;
import org.termsguard.policy.terms.service.TermsCache;

/** Judges an event without recording it: the verdict with every rule's reason, for owners and their lawyers. */
@Path("/v1/evaluate")
@jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "evaluation", description = "Dry-run evaluation")
@SecurityRequirement(name = "jwt")
public class EvaluateResource {

    private final TermsCache terms;
    private final UsageCounters usage;
    private final Evaluator evaluator;
    private final OwnerAccess access;

    public EvaluateResource(TermsCache terms, UsageCounters usage, CrawlerRegistry crawlers, OwnerAccess access) {
        this.terms = terms;
        this.usage = usage;
        this.evaluator = new Evaluator(crawlers, Clock.systemUTC());
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Judge an access event without recording it",
            description = "The verdict the consumer would reach now: the terms version in force at observedAt, how the"
                    + " consumer and purpose were worked out, the license that covers the use, every rule with its"
                    + " outcome and reason, and the violations with their fees. Quotas are checked against the usage"
                    + " recorded so far; nothing is counted.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "event",
                                            value =
                                                    """
            {"eventId":"dry-1","observedAt":"2023-04-12T09:30:00Z","owner":"x-corp","consumer":"microsoft","channel":"api",
             "resource":{"kind":"tweets","uri":"https://api.x.example/2/tweets/search/all"},"purpose":"ai-train",
             "volume":{"records":50000},"evidence":{"apiClientId":"ms-ads-7731","identity":"claimed"}}""")))
    @APIResponse(
            responseCode = "200",
            description = "The verdict",
            content = @Content(schema = @Schema(implementation = Verdict.class)))
    @APIResponse(responseCode = "400", description = "The event cannot be judged")
    @APIResponse(responseCode = "401", description = "No valid JWT")
    @APIResponse(responseCode = "403", description = "The JWT may not read this owner")
    @APIResponse(responseCode = "404", description = "The owner had no terms in force at observedAt")
    public Uni<Verdict> evaluate(AccessEvent event) {
        String missing = event == null ? "no event" : AccessEventConsumer.incomplete(event);
        if (missing != null) {
            throw new ProblemException(Problems.validation("The event cannot be judged: " + missing + ".", List.of()));
        }
        access.requireRead(event.owner());
        AccessEvent judged = event.eventId() == null ? event.withEventId("dry-run") : event;
        return terms.timeline(judged.owner()).chain(timeline -> {
            var snapshot = timeline.at(judged.observedAt())
                    .orElseThrow(() -> new ProblemException(Problems.notFound(
                            "Owner " + judged.owner() + " had no terms in force at " + judged.observedAt() + ".")));
            Set<UsageKey> keys = Set.of(evaluator.usageKey(judged, snapshot));
            return usage.current(keys).map(current -> {
                Map<UsageKey, Long> running = new HashMap<>(current);
                return evaluator.evaluate(
                        judged, snapshot, (key, records) -> running.merge(key, records, Long::sum) - records);
            });
        });
    }
}
