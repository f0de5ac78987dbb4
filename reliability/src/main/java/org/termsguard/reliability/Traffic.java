package org.termsguard.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.termsguard.bench.system.BenchOwner;

/**
 * Steady traffic through ingest's batch endpoint while faults are injected: every event id of a batch answered
 * 202 goes into the oracle's acknowledged set; every other answer is counted with how long it took. Event ids
 * carry their kind ({@code -L-} a licensee's metered use, {@code -U-} AI training without a license, so one
 * violation) and the run, so the stores can be checked for exactly this run.
 */
final class Traffic implements AutoCloseable {

    final String run;
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final Map<Integer, AtomicLong> otherAnswers = new ConcurrentHashMap<>();
    final AtomicLong slowestRefusalMs = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    private final String producerKey;
    private final int perBatch;
    private final int consumers;
    private final String ingest;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Thread sender;
    private volatile boolean running = true;
    private volatile long limit;

    /** {@code consumers}: how many consumers without a license the violations come from, one incident each. */
    Traffic(String ingest, String run, String producerKey, int perBatch, long limit, int consumers) {
        this.ingest = ingest;
        this.run = run;
        this.consumers = consumers;
        this.producerKey = producerKey;
        this.perBatch = perBatch;
        this.limit = limit;
        this.sender = new Thread(this::send, "traffic-" + run);
        sender.start();
    }

    private String unlicensedConsumer(long n) {
        return "u-" + run + "-" + (n / 5 % consumers);
    }

    private void send() {
        Instant at = Instant.now();
        long n = 0;
        while (running && n < limit) {
            StringBuilder body = new StringBuilder();
            List<String> ids = new ArrayList<>(perBatch);
            for (int i = 0; i < perBatch; i++, n++) {
                boolean violating = n % 5 == 0;
                String id = run + (violating ? "-U-" : "-L-") + n;
                ids.add(id);
                body.append(BenchOwner.event(
                                id, violating ? unlicensedConsumer(n) : BenchOwner.LICENSED, violating, at))
                        .append('\n');
            }
            long started = System.nanoTime();
            try {
                HttpResponse<Void> answer = http.send(
                        HttpRequest.newBuilder(URI.create(ingest + "/v1/events/batch"))
                                .header("Authorization", "Bearer " + producerKey)
                                .header("Content-Type", "application/x-ndjson")
                                .timeout(Duration.ofSeconds(20))
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                sent.addAndGet(ids.size());
                if (answer.statusCode() == 202) {
                    acknowledged.addAll(ids);
                } else {
                    refused(answer.statusCode(), started);
                }
            } catch (Exception e) {
                refused(0, started);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void refused(int status, long started) {
        otherAnswers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        slowestRefusalMs.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
    }

    /** Waits until the whole planned run is sent. */
    void finish() throws InterruptedException {
        sender.join();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sender.join();
    }
}
