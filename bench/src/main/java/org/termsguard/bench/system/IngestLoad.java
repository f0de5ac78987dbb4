package org.termsguard.bench.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.termsguard.localstack.Service;

/**
 * Closed-loop load on ingest-service's two write endpoints (the single-event one through wrk): a fixed number of requests in flight, each answered
 * 202 only once Kafka has the events. Events per second accepted, and request latency from HdrHistogram.
 */
final class IngestLoad {

    record Result(
            String endpoint,
            int inFlight,
            int eventsPerRequest,
            long events,
            double eventsPerSecond,
            double p50Ms,
            double p99Ms,
            long failures) {}

    private final String producerKey;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4))
            .build();

    IngestLoad(String producerKey) {
        this.producerKey = producerKey;
    }

    /**
     * The single-event endpoint driven by wrk (C, one event per request from {@code bench/wrk/single-event.lua}):
     * a Java client spends more CPU per request than the service does, on the same two cores.
     */
    Result single(Duration duration, int inFlight) throws Exception {
        wrk(Duration.ofSeconds(2), inFlight);
        String[] figures = wrk(duration, inFlight);
        long requests = Long.parseLong(figures[1]);
        long micros = Long.parseLong(figures[2]);
        long failed = Long.parseLong(figures[3]);
        return new Result(
                "POST /v1/events",
                inFlight,
                1,
                requests - failed,
                (requests - failed) / (micros / 1e6),
                Double.parseDouble(figures[4]),
                Double.parseDouble(figures[5]),
                failed);
    }

    private String[] wrk(Duration duration, int connections) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "wrk",
                        "-t2",
                        "-c" + connections,
                        "-d" + duration.toSeconds() + "s",
                        "--timeout",
                        "10s",
                        "-s",
                        "bench/wrk/single-event.lua",
                        Service.INGEST.url())
                .redirectErrorStream(true);
        builder.environment().put("TG_PRODUCER_KEY", producerKey);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        for (String line : output.split("\n")) {
            if (line.startsWith("RESULT ")) {
                return line.split(" ");
            }
        }
        throw new IllegalStateException("wrk said: " + output);
    }

    Result batch(Duration duration, int inFlight, int eventsPerRequest) throws InterruptedException {
        return run(
                "POST /v1/events/batch",
                "/v1/events/batch",
                "application/x-ndjson",
                eventsPerRequest,
                duration,
                inFlight,
                (run, sequence, at) ->
                        BenchOwner.event("ingest-" + run + "-" + sequence, BenchOwner.LICENSED, false, at));
    }

    /** Access-log uploads of {@code linesPerRequest} lines in {@code format}: a line is an event. */
    Result accessLogs(Duration duration, int inFlight, int linesPerRequest, String format) throws InterruptedException {
        return run(
                "POST /v1/access-logs?format=" + format,
                "/v1/access-logs?owner=" + BenchOwner.OWNER + "&format=" + format + "&site=https://www.bench.example",
                AccessLogLines.contentType(format),
                linesPerRequest,
                duration,
                inFlight,
                (run, sequence, at) -> AccessLogLines.line(format, run, sequence, at));
    }

    /** One record of a request body. */
    interface Records {
        String record(String run, long sequence, Instant at);
    }

    private Result run(
            String name,
            String path,
            String contentType,
            int perRequest,
            Duration duration,
            int inFlight,
            Records records)
            throws InterruptedException {
        String run = Long.toString(System.nanoTime(), 36);
        Semaphore slots = new Semaphore(inFlight);
        Recorder latencies = new Recorder(3);
        AtomicLong accepted = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        Instant at = Instant.now();
        // A short warm-up, not counted, so the JIT and the producer's connections are ready.
        long warmUpEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        long start = warmUpEnd;
        long end = start + duration.toNanos();
        while (System.nanoTime() < end) {
            slots.acquire();
            StringBuilder body = new StringBuilder(perRequest * 520);
            for (int i = 0; i < perRequest; i++) {
                body.append(records.record(run, sequence.incrementAndGet(), at));
                if (perRequest > 1) {
                    body.append('\n');
                }
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(Service.INGEST.url() + path))
                    .header("Authorization", "Bearer " + producerKey)
                    .header("Content-Type", contentType)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build();
            long sent = System.nanoTime();
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                long done = System.nanoTime();
                if (error == null && response.statusCode() == 202) {
                    if (sent >= start && done <= end) {
                        accepted.addAndGet(perRequest);
                        latencies.recordValue(TimeUnit.NANOSECONDS.toMicros(done - sent));
                    }
                } else if (sent >= start) {
                    failures.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquire(inFlight);
        var histogram = latencies.getIntervalHistogram();
        return new Result(
                name,
                inFlight,
                perRequest,
                accepted.get(),
                accepted.get() / (duration.toNanos() / 1e9),
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0,
                failures.get());
    }
}
