package org.termsguard.policy.usage.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.termsguard.contracts.validation.FieldError;
import org.termsguard.contracts.violations.Violation;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;
import org.termsguard.platform.security.OwnerAccess;
import org.termsguard.policy.evaluation.Fees;
import org.termsguard.policy.evaluation.UsageKey;
import org.termsguard.policy.metering.repository.UsageCounters;
import org.termsguard.policy.terms.QuotaPeriod;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.TermsSnapshot;
import org.termsguard.policy.terms.service.TermsCache;

/** How much of an owner's data each consumer used in a period, against quota, with the fees it comes to. */
@Path("/v1/owners/{owner}/usage")
@Authenticated
@Tag(name = "usage", description = "Metered usage per licensee")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    /** One consumer's use under one license (or unlicensed, licenseId null) in the period. */
    public record Line(
            String consumer,
            String licenseId,
            String tier,
            long recordsUsed,
            Long quota,
            BigDecimal percentUsed,
            long overage,
            Violation.Fee estimatedFee) {}

    public record Usage(String owner, String period, String granularity, Long termsVersion, List<Line> licensees) {}

    private final UsageCounters counters;
    private final TermsCache terms;
    private final OwnerAccess access;

    public UsageResource(UsageCounters counters, TermsCache terms, OwnerAccess access) {
        this.counters = counters;
        this.terms = terms;
        this.access = access;
    }

    @GET
    @Operation(
            summary = "Usage per licensee in a period",
            description = "period is 2023-04 (months, the default: the current one), 2023-04-12 (days) or 2023 (years):"
                    + " counters of that calendar period in UTC. Quota, tier and prices come from the terms in force at"
                    + " the period's end (or now, for the current period). Unlicensed use is listed with licenseId null"
                    + " and priced at the owner's list price; overage at the license's overage rate.")
    @APIResponse(
            responseCode = "200",
            description = "The usage",
            content = @Content(schema = @Schema(implementation = Usage.class)))
    @APIResponse(responseCode = "400", description = "period is not a year, month or day")
    @APIResponse(responseCode = "401", description = "No valid JWT")
    @APIResponse(responseCode = "403", description = "The JWT may not read this owner")
    public Uni<Usage> usage(
            @PathParam("owner") String owner,
            @Parameter(description = "2023-04, 2023-04-12 or 2023") @QueryParam("period") String period) {
        access.requireRead(owner);
        var parsed = parse(period);
        Instant end = parsed.end().isAfter(Instant.now()) ? Instant.now() : parsed.end();
        return terms.timeline(owner).chain(timeline -> {
            TermsSnapshot snapshot = timeline.at(end).orElse(null);
            return counters.ofPeriod(owner, parsed.granularity(), parsed.start())
                    .map(rows -> new Usage(
                            owner,
                            parsed.granularity().label(parsed.start()),
                            parsed.granularity().iso(),
                            snapshot == null ? null : snapshot.version(),
                            rows.stream().map(row -> line(row, snapshot)).toList()));
        });
    }

    private static Line line(UsageCounters.Counter row, TermsSnapshot snapshot) {
        UsageKey key = row.key();
        long used = row.records();
        if (UsageKey.UNLICENSED.equals(key.licenseId())) {
            var price =
                    snapshot == null ? null : snapshot.document().defaultTerms().listPrice();
            Violation.Fee fee = price == null ? null : unlicensed(Fees.atListPrice(used, price, key.owner()));
            return new Line(key.consumer(), null, null, used, null, null, 0, fee);
        }
        TermsDocument.License license =
                snapshot == null ? null : snapshot.license(key.licenseId()).orElse(null);
        Long quota = license == null || license.quota() == null
                ? null
                : license.quota().records();
        long overage = quota == null ? 0 : Math.max(0, used - quota);
        BigDecimal percent = quota == null || quota == 0
                ? null
                : BigDecimal.valueOf(used)
                        .multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(quota), 2, RoundingMode.HALF_UP);
        Violation.Fee fee = license == null || license.overagePerThousand() == null || overage == 0
                ? null
                : Fees.overQuota(overage, license.overagePerThousand(), license.licenseId());
        return new Line(
                key.consumer(),
                key.licenseId(),
                license == null ? null : license.tier(),
                used,
                quota,
                percent,
                overage,
                fee);
    }

    /** The unlicensed counter also counts use that needs no license: the usage report says so beside the price. */
    private static Violation.Fee unlicensed(Violation.Fee fee) {
        return new Violation.Fee(fee.amount(), fee.currency(), fee.basis() + "; includes use that needs no license");
    }

    record Period(QuotaPeriod granularity, LocalDate start, Instant end) {}

    static Period parse(String text) {
        try {
            if (text == null || text.isBlank()) {
                YearMonth now = YearMonth.now(ZoneOffset.UTC);
                return new Period(
                        QuotaPeriod.MONTH,
                        now.atDay(1),
                        now.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (text.matches("\\d{4}")) {
                LocalDate start = LocalDate.of(Integer.parseInt(text), 1, 1);
                return new Period(
                        QuotaPeriod.YEAR,
                        start,
                        start.plusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (text.matches("\\d{4}-\\d{2}")) {
                YearMonth month = YearMonth.parse(text);
                return new Period(
                        QuotaPeriod.MONTH,
                        month.atDay(1),
                        month.plusMonths(1)
                                .atDay(1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant());
            }
            LocalDate day = LocalDate.parse(text);
            return new Period(
                    QuotaPeriod.DAY,
                    day,
                    day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ProblemException(Problems.validation(
                    "period is not a year, month or day.",
                    List.of(FieldError.of("period", "must look like 2023, 2023-04 or 2023-04-12"))));
        }
    }
}
