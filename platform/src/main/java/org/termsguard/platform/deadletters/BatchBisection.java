package org.termsguard.platform.deadletters;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs a batch so that one record that can never succeed neither stalls nor poisons the rest. An attempt that fails
 * transiently ({@link FailureKind}) is retried with backoff for as long as it takes; one that fails permanently is
 * split in halves, each run the same way, until the records that fail on their own are found and dead-lettered with
 * the reason. Each attempt is all or nothing (one transaction), so the parts that succeed are kept once and what a
 * failed attempt did is rolled back. A batch with k poison records of n costs O(k log n) extra attempts.
 */
public final class BatchBisection {

    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(10);

    private BatchBisection() {}

    /**
     * @param attempt judges some records in one transaction
     * @param deadLetter sends one record that failed permanently on its own, with the failure
     * @return the outcome of every attempt that succeeded, in record order
     */
    public static <R, O> Uni<List<O>> run(
            List<R> records, Function<List<R>, Uni<O>> attempt, BiFunction<R, Throwable, Uni<Void>> deadLetter) {
        return attempt.apply(records)
                .onFailure(e -> FailureKind.of(e) == FailureKind.TRANSIENT)
                .invoke(e -> Log.warnf(e, "A batch of %d records failed; retrying", records.size()))
                .onFailure(e -> FailureKind.of(e) == FailureKind.TRANSIENT)
                .retry()
                .withBackOff(FIRST_RETRY, LONGEST_RETRY)
                .indefinitely()
                .map(List::of)
                .onFailure()
                .recoverWithUni(failure -> {
                    if (records.isEmpty()) {
                        return Uni.createFrom().failure(failure);
                    }
                    if (records.size() == 1) {
                        Log.warnf(
                                "A record failed for good and goes to the dead letters: %s",
                                FailureKind.reason(failure));
                        return deadLetter.apply(records.get(0), failure).replaceWith(List.<O>of());
                    }
                    int half = records.size() / 2;
                    return run(records.subList(0, half), attempt, deadLetter)
                            .chain(first -> run(records.subList(half, records.size()), attempt, deadLetter)
                                    .map(second -> {
                                        List<O> all = new ArrayList<>(first);
                                        all.addAll(second);
                                        return all;
                                    }));
                });
    }
}
