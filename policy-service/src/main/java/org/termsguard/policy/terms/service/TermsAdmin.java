package org.termsguard.policy.terms.service;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.termsguard.contracts.terms.TermsChanged;
import org.termsguard.platform.problems.ProblemException;
import org.termsguard.platform.problems.Problems;
import org.termsguard.policy.metering.messaging.ViolationPublisher;
import org.termsguard.policy.terms.TermsDocument;
import org.termsguard.policy.terms.TermsDocument.Alias;
import org.termsguard.policy.terms.TermsDocument.License;
import org.termsguard.policy.terms.TermsSnapshot;
import org.termsguard.policy.terms.repository.TermsStore;

/**
 * Every change to an owner's terms: appends a version, tells every policy instance on {@code terms-changes},
 * and drops this instance's cached copy.
 */
@ApplicationScoped
public class TermsAdmin {

    private final TermsStore store;
    private final TermsCache cache;
    private final ViolationPublisher publisher;

    public TermsAdmin(TermsStore store, TermsCache cache, ViolationPublisher publisher) {
        this.store = store;
        this.cache = cache;
        this.publisher = publisher;
    }

    public Uni<TermsStore.Version> putOwner(
            String owner,
            String displayName,
            String noticeContact,
            TermsDocument.DefaultTerms defaults,
            String robotsTxt,
            Instant effectiveFrom,
            String who) {
        return change(
                owner,
                effectiveFrom,
                "owner terms updated",
                who,
                latest -> new TermsDocument(
                        owner,
                        displayName,
                        noticeContact,
                        defaults,
                        robotsTxt,
                        latest == null ? List.of() : latest.licenses(),
                        latest == null ? List.of() : latest.aliases(),
                        latest == null ? List.of() : latest.citations()));
    }

    public Uni<TermsStore.Version> addLicense(String owner, License license, Instant effectiveFrom, String who) {
        return change(owner, effectiveFrom, "license " + license.licenseId() + " added", who, latest -> {
            TermsDocument current = requireOwner(owner, latest);
            if (current.licenses().stream().anyMatch(l -> l.licenseId().equals(license.licenseId()))) {
                throw new ProblemException(Problems.conflict("License " + license.licenseId() + " exists; change it"
                        + " with PUT /v1/owners/" + owner + "/licenses/" + license.licenseId() + "."));
            }
            List<License> licenses = new ArrayList<>(current.licenses());
            licenses.add(license);
            return with(current, licenses, current.aliases());
        });
    }

    public Uni<TermsStore.Version> replaceLicense(String owner, License license, Instant effectiveFrom, String who) {
        return change(owner, effectiveFrom, "license " + license.licenseId() + " changed", who, latest -> {
            TermsDocument current = requireOwner(owner, latest);
            List<License> licenses = new ArrayList<>(current.licenses());
            int index = indexOf(licenses, license.licenseId())
                    .orElseThrow(() -> new ProblemException(
                            Problems.notFound("Owner " + owner + " has no license " + license.licenseId() + ".")));
            licenses.set(index, license);
            return with(current, licenses, current.aliases());
        });
    }

    public Uni<TermsStore.Version> replaceAliases(
            String owner, List<Alias> aliases, Instant effectiveFrom, String who) {
        return change(owner, effectiveFrom, aliases.size() + " consumer aliases set", who, latest -> {
            TermsDocument current = requireOwner(owner, latest);
            return with(current, current.licenses(), aliases);
        });
    }

    /**
     * A version made from whatever the latest one is (null when the owner has none, so an import can create the
     * owner), as imports of published documents need.
     */
    public Uni<TermsStore.Version> derive(
            String owner, Instant effectiveFrom, String description, String who, TermsStore.Change change) {
        return change(owner, effectiveFrom, description, who, change);
    }

    /** The latest version's document, whatever its effectiveFrom; empty for an unknown owner. */
    public Uni<Optional<TermsDocument>> latest(String owner) {
        return store.versions(owner)
                .map(all -> all.isEmpty()
                        ? Optional.empty()
                        : Optional.of(all.get(all.size() - 1).document()));
    }

    private Uni<TermsStore.Version> change(
            String owner, Instant effectiveFrom, String description, String who, TermsStore.Change change) {
        Instant from = effectiveFrom == null ? Instant.now() : effectiveFrom;
        return store.append(owner, from, description, who, latest -> {
                    TermsDocument next = change.apply(latest).withCurrentCitations();
                    // Compiling checks what validation of single fields cannot (e.g. every alias range parses).
                    new TermsSnapshot(0, from, next);
                    return next;
                })
                .invoke(() -> cache.invalidate(owner))
                .call(version -> announce(
                        new TermsStore.PendingChange(owner, version.version(), version.effectiveFrom(), description)))
                .invoke(version -> Log.infof(
                        "%s: terms version %d (%s) by %s, effective %s",
                        owner, version.version(), description, who, version.effectiveFrom()));
    }

    /**
     * Tells every instance on {@code terms-changes}, then clears the change from the outbox. If the send fails
     * (or the process dies first), the row stays and {@link #announcePending} sends it later.
     */
    private Uni<Void> announce(TermsStore.PendingChange change) {
        return publisher
                .publish(new TermsChanged(
                        change.owner(), change.version(), change.effectiveFrom(), change.description(), Instant.now()))
                .chain(() -> store.sent(change.owner(), change.version()));
    }

    /** The outbox's relay: sends what a crash or a failed send left behind (older than a few seconds). */
    @io.quarkus.scheduler.Scheduled(
            every = "${termsguard.policy.terms-changes.relay-every:PT10S}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> announcePending() {
        return store.pendingChanges(Instant.now().minusSeconds(5))
                .chain(pending -> pending.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : Uni.join()
                                .all(pending.stream().map(this::announce).toList())
                                .andCollectFailures()
                                .replaceWithVoid())
                .onFailure()
                .invoke(e -> Log.warnf(e, "Terms changes left in the outbox could not be sent yet"))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private static TermsDocument requireOwner(String owner, TermsDocument latest) {
        if (latest == null) {
            throw new ProblemException(Problems.notFound(
                    "Owner " + owner + " has no terms yet; create it with PUT /v1/owners/" + owner + " first."));
        }
        return latest;
    }

    private static TermsDocument with(TermsDocument current, List<License> licenses, List<Alias> aliases) {
        return new TermsDocument(
                current.owner(),
                current.displayName(),
                current.noticeContact(),
                current.defaultTerms(),
                current.robotsTxt(),
                licenses,
                aliases,
                current.citations());
    }

    private static Optional<Integer> indexOf(List<License> licenses, String licenseId) {
        for (int i = 0; i < licenses.size(); i++) {
            if (licenses.get(i).licenseId().equals(licenseId)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
