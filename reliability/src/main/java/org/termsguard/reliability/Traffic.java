package org.termsguard.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.termsguard.bench.system.BenchOwner;
import org.termsguard.contracts.events.OwnedEventId;

/**
 * Steady traffic through ingest's batch endpoint while faults are injected: every event of a batch answered 202
 * goes into the oracle's acknowledged set as (owner, eventId); every other answer is counted with how long it took.
 * Event ids carry their kind ({@code -L-} a licensee's metered use, {@code -U-} AI training without a license, so
 * one violation) and the run, so the stores can be checked for exactly this run.
 *
 * <p>With {@link Retries} (F8) the traffic behaves like retrying producers of several owners: every owner's batch
 * carries the same event ids (so the ids are shared across owners), and each event is sent 1, 2 or 3 times — its
 * second copy in the request right after the first (ingest refuses a batch repeating an id, so this is as close as
 * copies get: they land in one consumed batch), its third copy {@link Retries#delay} later, amid later events.
 */
final class Traffic implements AutoCloseable {

    /** How F8's producers retry: {@code delay} is how long after the first copy the third one is sent. */
    record Retries(Duration delay) {

        /** 1, 2 or 3, a third of the events each, fixed by the event's number and owner. */
        static int copies(long n, int owner) {
            long mixed = (n + 31L * owner) * 0x9E3779B97F4A7C15L;
            return 1 + (int) Long.remainderUnsigned(mixed >>> 17, 3);
        }
    }

    private record Request(String owner, List<String> ids, String body, long dueNanos) {}

    final String run;
    final List<String> owners;
    final Set<OwnedEventId> acknowledged = ConcurrentHashMap.newKeySet();
    final Map<Integer, AtomicLong> otherAnswers = new ConcurrentHashMap<>();
    final AtomicLong slowestRefusalMs = new AtomicLong();
    /** Copies of events sent (an event sent three times counts three). */
    final AtomicLong sent = new AtomicLong();
    /** Distinct (owner, eventId) sent at least once. */
    final AtomicLong distinct = new AtomicLong();
    /** Events by how many copies of them were planned: index 1, 2, 3. */
    final AtomicLong[] byCopies = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};
    /** When the last request was answered (System.nanoTime), for the bound on judging after the last send. */
    volatile long lastSendNanos;

    private final String producerKey;
    private final int perBatch;
    private final int consumers;
    private final String ingest;
    private final Retries retries;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Deque<Request> delayed = new ArrayDeque<>();
    private final Thread sender;
    private volatile boolean running = true;
    private volatile long limit;

    /** {@code consumers}: how many consumers without a license the violations come from, one incident each. */
    Traffic(String ingest, String run, String producerKey, int perBatch, long limit, int consumers) {
        this(ingest, run, producerKey, List.of(BenchOwner.OWNER), perBatch, limit, consumers, null);
    }

    /**
     * {@code limit}: how many event ids; each is sent for every one of {@code owners}. {@code retries} null: each
     * event once.
     */
    Traffic(
            String ingest,
            String run,
            String producerKey,
            List<String> owners,
            int perBatch,
            long limit,
            int consumers,
            Retries retries) {
        this.ingest = ingest;
        this.run = run;
        this.owners = List.copyOf(owners);
        this.consumers = consumers;
        this.producerKey = producerKey;
        this.perBatch = perBatch;
        this.limit = limit;
        this.retries = retries;
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
            long first = n;
            n += perBatch;
            for (int o = 0; o < owners.size(); o++) {
                String owner = owners.get(o);
                List<String> ids = new ArrayList<>(perBatch);
                StringBuilder body = new StringBuilder();
                List<String> again = new ArrayList<>();
                StringBuilder againBody = new StringBuilder();
                List<String> later = new ArrayList<>();
                StringBuilder laterBody = new StringBuilder();
                for (long e = first; e < first + perBatch; e++) {
                    boolean violating = e % 5 == 0;
                    String id = run + (violating ? "-U-" : "-L-") + e;
                    String event = BenchOwner.event(
                                    owner, id, violating ? unlicensedConsumer(e) : BenchOwner.LICENSED, violating, at)
                            + '\n';
                    ids.add(id);
                    body.append(event);
                    int copies = retries == null ? 1 : Retries.copies(e, o);
                    byCopies[copies].incrementAndGet();
                    if (copies >= 2) {
                        again.add(id);
                        againBody.append(event);
                    }
                    if (copies == 3) {
                        later.add(id);
                        laterBody.append(event);
                    }
                }
                distinct.addAndGet(ids.size());
                post(new Request(owner, ids, body.toString(), 0));
                if (!again.isEmpty()) {
                    // At once, no pause: the copy travels right behind its original.
                    post(new Request(owner, again, againBody.toString(), 0));
                }
                if (!later.isEmpty()) {
                    delayed.add(new Request(
                            owner,
                            later,
                            laterBody.toString(),
                            System.nanoTime() + retries.delay().toNanos()));
                }
            }
            while (!delayed.isEmpty() && delayed.peek().dueNanos() <= System.nanoTime()) {
                post(delayed.poll());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
        // The retries still due go out after the last first copy, each when it is due.
        while (running && !delayed.isEmpty()) {
            long wait = delayed.peek().dueNanos() - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000 + 1);
                } catch (InterruptedException e) {
                    return;
                }
            }
            post(delayed.poll());
        }
    }

    private void post(Request request) {
        long started = System.nanoTime();
        try {
            HttpResponse<Void> answer = http.send(
                    HttpRequest.newBuilder(URI.create(ingest + "/v1/events/batch"))
                            .header("Authorization", "Bearer " + producerKey)
                            .header("Content-Type", "application/x-ndjson")
                            .timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofString(request.body()))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            sent.addAndGet(request.ids().size());
            if (answer.statusCode() == 202) {
                for (String id : request.ids()) {
                    acknowledged.add(new OwnedEventId(request.owner(), id));
                }
            } else {
                refused(answer.statusCode(), started);
            }
        } catch (Exception e) {
            refused(0, started);
        }
        lastSendNanos = System.nanoTime();
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
