package org.termsguard.alert.deliveries.service;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;
import io.vertx.mutiny.core.http.HttpClientResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.termsguard.alert.AlertConfig;
import org.termsguard.alert.deliveries.Backoff;
import org.termsguard.alert.deliveries.Destination;
import org.termsguard.alert.deliveries.ResponseExcerpt;
import org.termsguard.alert.deliveries.WebhookSignature;
import org.termsguard.alert.incidents.messaging.AlertPublisher;
import org.termsguard.alert.notices.service.NoticeService;
import org.termsguard.alert.routes.ReceiverType;
import org.termsguard.alert.routes.SecretCipher;
import org.termsguard.contracts.net.TargetPolicy;

/**
 * Works the delivery outbox: claims due deliveries under a lease (a worker that dies mid-send lets the lease run
 * out and another sends again — receivers see a {@code Termsguard-Delivery} id to drop the repeat), sends each,
 * logs every attempt, and retries with exponential backoff and jitter until the last attempt, after which the
 * delivery is failed and published to {@code alerts.dlq}.
 *
 * <p>Every claimed delivery is sent and recorded on its own, up to {@code concurrency} at once: a tick does not
 * wait for the slowest receiver of its batch, so one receiver that hangs until the timeout delays nobody else
 * (the reliability suite's F5 found a batch-at-a-time worker holding every notice behind it).
 *
 * <p>Of a receiver's answer only the status is needed when it took the delivery (2xx), and the start, up to {@code
 * response-limit} bytes, when it refused it (kept with the attempt as what the receiver said); then the connection
 * is reset (it is never kept alive) instead of the rest being read, so an answer of any size, or one that never
 * ends, costs that much memory and no more. From the request sent to the answer read takes at most {@code timeout},
 * also for a receiver that drips its answer.
 */
@ApplicationScoped
public class DeliveryWorker {

    /** A claimed delivery. */
    record Claimed(
            long id,
            String alertId,
            String incidentId,
            String owner,
            ReceiverType type,
            String target,
            String secret,
            String payload,
            int attempts) {}

    /** How one attempt went. */
    record Attempt(boolean delivered, Integer statusCode, long latencyMillis, String error) {}

    private final Pool database;
    private final AlertConfig.Deliveries config;
    private final TargetPolicy policy;
    private final Backoff backoff;
    private final HttpClient http;
    private final ReactiveMailer mailer;
    private final NoticeService notices;
    private final AlertPublisher publisher;
    private final AtomicInteger inFlight = new AtomicInteger();

    private final SecretCipher secrets;

    public DeliveryWorker(
            Pool database,
            AlertConfig config,
            Vertx vertx,
            ReactiveMailer mailer,
            NoticeService notices,
            AlertPublisher publisher) {
        this.database = database;
        this.config = config.deliveries();
        this.policy = new TargetPolicy(
                config.webhooks().allowHttp(),
                config.webhooks().allowedRanges().orElse(List.of()),
                InetAddress::getAllByName);
        this.secrets = SecretCipher.fromBase64(config.secrets().key());
        this.backoff = new Backoff(this.config.backoffBase(), this.config.backoffMax(), RandomGenerator.getDefault());
        this.http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setConnectTimeout((int) this.config.timeout().toMillis())
                .setVerifyHost(true)
                .setKeepAlive(false)
                // Vert.x queues requests beyond 5 connections per host; a queued attempt would time out unsent.
                .setMaxPoolSize(this.config.concurrency()));
        this.mailer = mailer;
        this.notices = notices;
        this.publisher = publisher;
    }

    @PreDestroy
    void close() {
        http.closeAndAwait();
    }

    @Scheduled(every = "${termsguard.alert.delivery-tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        int free = config.concurrency() - inFlight.get();
        if (free <= 0) {
            return Uni.createFrom().voidItem();
        }
        return claim(free)
                .invoke(claimed -> claimed.forEach(this::dispatch))
                .onFailure()
                .invoke(e -> Log.warnf(e, "Delivery tick failed; the deliveries stay pending"))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Sends one delivery and records the attempt, independently of the others claimed with it. */
    private void dispatch(Claimed delivery) {
        inFlight.incrementAndGet();
        send(delivery)
                .chain(attempt -> record(delivery, attempt))
                .onTermination()
                .invoke(inFlight::decrementAndGet)
                .subscribe()
                .with(
                        done -> {},
                        e -> Log.warnf(
                                e,
                                "Delivery %d: its attempt could not be recorded; it is sent again when its lease ends",
                                delivery.id()));
    }

    private Uni<List<Claimed>> claim(int limit) {
        return database.preparedQuery(
                        "update delivery set next_attempt_at = now() + $1::bigint * interval '1 millisecond' where id in (select id"
                                + " from delivery where status = 'pending' and next_attempt_at <= now() order by next_attempt_at"
                                + " limit $2 for update skip locked) returning id, alert_id, incident_id, owner, receiver_type,"
                                + " target, secret, payload, attempts")
                .execute(Tuple.of(config.lease().toMillis(), limit))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row r : rows) {
                        claimed.add(new Claimed(
                                r.getLong("id"),
                                r.getString("alert_id"),
                                r.getString("incident_id"),
                                r.getString("owner"),
                                ReceiverType.of(r.getString("receiver_type")),
                                r.getString("target"),
                                r.getString("secret"),
                                r.getString("payload"),
                                r.getInteger("attempts")));
                    }
                    return claimed;
                });
    }

    Uni<Attempt> send(Claimed delivery) {
        long started = System.nanoTime();
        Uni<Destination> checked = Uni.createFrom()
                .item(() -> Destination.of(
                        delivery.type(), delivery.target(), secrets.open(delivery.secret(), delivery.owner()), policy));
        if (delivery.type() == null || delivery.type().callsUrl()) {
            // DNS is blocking, so the check runs on a worker thread; the request then goes to the address checked.
            checked = checked.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return checked.chain(destination -> {
                    if (destination instanceof Destination.Refused refused) {
                        return Uni.createFrom()
                                .item(new Attempt(false, null, millisSince(started), "refused: " + refused.reason()));
                    }
                    if (destination instanceof Destination.Email email) {
                        return email(delivery, email, started);
                    }
                    return post(delivery, (Destination.Http) destination, started);
                })
                .onFailure()
                .recoverWithItem(e -> new Attempt(
                        false, null, millisSince(started), e.getClass().getSimpleName() + ": " + e.getMessage()));
    }

    private Uni<Attempt> post(Claimed delivery, Destination.Http destination, long started) {
        TargetPolicy.Target checked = destination.address();
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setAbsoluteURI(delivery.target())
                .setServer(SocketAddress.inetSocketAddress(
                        checked.port(), checked.address().getHostAddress()))
                .setFollowRedirects(false)
                .setTimeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Termsguard/0.1")
                .putHeader("Termsguard-Delivery", Long.toString(delivery.id()));
        if (destination instanceof Destination.Webhook webhook && webhook.secret() != null) {
            options.putHeader(
                    WebhookSignature.HEADER,
                    WebhookSignature.sign(webhook.secret(), Instant.now().getEpochSecond(), body));
        }
        return http.request(options).chain(request -> request.send(Buffer.buffer(body))
                .chain(response -> {
                    int status = response.statusCode();
                    if (status >= 200 && status < 300) {
                        // Taken: nothing of the answer is needed, so none of it is read.
                        request.reset();
                        return Uni.createFrom().item(new Attempt(true, status, millisSince(started), null));
                    }
                    return excerpt(request, response).map(excerpt -> failed(status, excerpt, started));
                })
                // Vert.x's timeout only bounds silence between bytes; a receiver that drips its answer
                // would otherwise hold the attempt for ever.
                .ifNoItem()
                .after(config.timeout())
                .failWith(() -> new TimeoutException("no whole answer within " + config.timeout()))
                .onFailure()
                .invoke(e -> request.reset())
                .onCancellation()
                .invoke(() -> request.reset()));
    }

    private static Attempt failed(int status, ResponseExcerpt excerpt, long started) {
        String said = excerpt.text();
        return new Attempt(
                false,
                status,
                millisSince(started),
                said.isEmpty() ? "HTTP " + status : "HTTP " + status + ": " + said);
    }

    /** Reads the answer up to the bound, then resets the connection rather than read (or buffer) the rest. */
    private Uni<ResponseExcerpt> excerpt(HttpClientRequest request, HttpClientResponse response) {
        ResponseExcerpt excerpt = new ResponseExcerpt(config.responseLimit());
        return Uni.createFrom().emitter(done -> {
            response.exceptionHandler(done::fail);
            response.endHandler(() -> done.complete(excerpt));
            response.handler(chunk -> {
                if (!excerpt.add(chunk.getBytes(0, Math.min(chunk.length(), config.responseLimit())))) {
                    response.handler(null);
                    response.endHandler(null);
                    response.exceptionHandler(null);
                    done.complete(excerpt);
                    request.reset();
                }
            });
        });
    }

    private Uni<Attempt> email(Claimed delivery, Destination.Email email, long started) {
        return notices.notice(delivery.incidentId()).chain(notice -> {
            Mail mail = new Mail()
                    .setTo(email.to())
                    .setSubject(notice.subject())
                    .setText(notice.markdown())
                    .setHtml(notice.html())
                    .addHeader("Termsguard-Delivery", Long.toString(delivery.id()));
            return mailer.send(mail).replaceWith(new Attempt(true, null, millisSince(started), null));
        });
    }

    private Uni<Void> record(Claimed delivery, Attempt attempt) {
        int number = delivery.attempts() + 1;
        boolean last = !attempt.delivered() && number >= config.maxAttempts();
        String status = attempt.delivered() ? "delivered" : last ? "failed" : "pending";
        Instant next =
                attempt.delivered() || last ? Instant.now() : Instant.now().plus(backoff.after(number));
        return database.withTransaction(c -> c.preparedQuery("insert into delivery_attempt (delivery_id, attempt, at,"
                                + " outcome, status_code, latency_ms, error) values ($1, $2, now(), $3, $4, $5, $6)")
                        .execute(Tuple.from(Arrays.asList(
                                delivery.id(),
                                number,
                                attempt.delivered() ? "delivered" : "failed",
                                attempt.statusCode(),
                                attempt.latencyMillis(),
                                attempt.error())))
                        .chain(() -> c.preparedQuery(
                                        "update delivery set attempts = $2, status = $3::varchar, next_attempt_at = $4,"
                                                + " last_error = $5, finished_at = case when $3::varchar = 'pending' then null else now() end"
                                                + " where id = $1")
                                .execute(Tuple.from(Arrays.asList(
                                        delivery.id(),
                                        number,
                                        status,
                                        next.atOffset(ZoneOffset.UTC),
                                        attempt.error())))))
                // The failed row is the outbox of its dead letter: DeadLetterRelay sends it from there, so a crash
                // right after this commit cannot lose it.
                .invoke(() -> {
                    if (last) {
                        Log.warnf(
                                "Delivery %d of alert %s to %s failed for good: %s",
                                delivery.id(), delivery.alertId(), delivery.target(), attempt.error());
                    }
                })
                .replaceWithVoid();
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
