package org.termsguard.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ingest-service's own settings; every key is listed in the service README. */
@ConfigMapping(prefix = "termsguard.ingest")
public interface IngestConfig {

    /** How long a request waits for the broker before it answers 503; a 202 always means acknowledged. */
    @WithDefault("PT5S")
    Duration publishTimeout();

    /** The {@code Retry-After} seconds a 503 suggests. */
    @WithDefault("5")
    int retryAfterSeconds();

    /** How far in the future {@code observedAt} may lie, for producers whose clocks run ahead. */
    @WithDefault("PT5M")
    Duration maxClockSkew();

    /** Largest body of a single event, in bytes. */
    @WithDefault("65536")
    long maxEventBytes();

    /**
     * Most bytes a compressed request body ({@code Content-Encoding} gzip, deflate or zstd) may decode to; beyond it
     * the request is refused with 413 and nothing of it is published.
     */
    @WithDefault("8388608")
    long maxDecodedBytes();

    Batch batch();

    AccessLogs accessLogs();

    Fastly fastly();

    Verification verification();

    /**
     * Kafka producer settings added to (and overriding) the defaults, e.g. {@code linger.ms}, {@code batch.size},
     * {@code compression.type}. {@code acks=all} and idempotence cannot be turned off.
     */
    Map<String, String> producer();

    interface Batch {
        /** Most events in one batch. */
        @WithDefault("10000")
        int maxEvents();

        /** Largest batch body, in bytes (also the largest access-log upload). */
        @WithDefault("5242880")
        long maxBytes();
    }

    interface AccessLogs {
        /**
         * Most lines one access-log upload may hold (413 beyond): its events are held until Kafka has them all, so
         * this bounds the memory of one request alongside {@code batch.max-bytes}.
         */
        @WithDefault("100000")
        int maxLines();

        /** Path endings and segments that make a request a {@code feed} rather than {@code api}. */
        @WithDefault("/feed,/rss,/atom,.rss,.atom,/feed.xml,/rss.xml")
        List<String> feedPaths();

        /** CIDR ranges of the proxies and balancers whose X-Forwarded-For is believed (loopback, RFC 1918, fc00::/7). */
        @WithDefault("127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7")
        List<String> trustedProxies();
    }

    interface Fastly {
        /**
         * Fastly service ids whose log streaming this endpoint accepts (answered, hashed, by the challenge at
         * {@code /.well-known/fastly/logging/challenge}); {@code *} admits any. Unset: the challenge is 404.
         */
        Optional<List<String>> serviceIds();
    }

    interface Verification {
        /**
         * Seed the built-in sources (OpenAI, Google, Common Crawl, Apple, Perplexity lists; Google, Apple and Bing host
         * names) and their first snapshots from the operators' lists shipped with Termsguard, where none exist yet.
         */
        @WithDefault("true")
        boolean seed();

        /** How often each instance reads sources and snapshots other instances added. */
        @WithDefault("PT30S")
        Duration reloadInterval();

        /** How far a Web Bot Auth signature's {@code created} may lie ahead of the request time (clocks drift). */
        @WithDefault("PT1M")
        Duration signatureSkew();

        Dns dns();

        Refresh refresh();

        SignatureAgents signatureAgents();

        interface SignatureAgents {
            /**
             * Fetch the key directory of a signed request's Signature-Agent when no web-bot-auth source holds its
             * origin (through the refresh's SSRF guard and limits), so unknown agents' signatures are checked too.
             */
            @WithDefault("true")
            boolean enabled();

            /** The longest one request's directory fetches may hold its events; past it only cached directories count. */
            @WithDefault("PT0.5S")
            Duration requestBudget();

            /** How long a fetched directory is reused for its origin. */
            @WithDefault("PT1H")
            Duration cacheTtl();

            /** How long a failed fetch is remembered before the origin is tried again. */
            @WithDefault("PT5M")
            Duration failureTtl();

            /** Most origins whose directories (or failures) are kept. */
            @WithDefault("10000")
            long cacheSize();
        }

        interface Refresh {
            /**
             * Fetch each source's url on its {@code refresh} schedule (a new snapshot when the document changed).
             * {@code POST /v1/verification/sources/{id}/refresh} fetches on demand either way.
             */
            @WithDefault("true")
            boolean enabled();

            /** How often the schedule is checked. */
            @WithDefault("PT1M")
            Duration tick();

            /** The longest one fetch may take, redirects included. */
            @WithDefault("PT30S")
            Duration timeout();

            /** Plain-http urls may be fetched; for local test servers only. */
            @WithDefault("false")
            boolean allowHttp();

            /**
             * CIDR ranges fetched although special-purpose (private, loopback, ...), which the SSRF guard refuses
             * otherwise; for a mirror inside the network.
             */
            Optional<List<String>> allowedRanges();
        }

        interface Dns {
            /**
             * Look reverse DNS up for crawlers whose operators name their hosts (forward-confirmed). Off: such claims
             * stay {@code claimed} unless an IP list or a signature decides them.
             */
            @WithDefault("true")
            boolean enabled();

            /** {@code host} or {@code host:port} of the DNS server to ask; unset: the platform's servers. */
            Optional<String> server();

            /** The longest all lookups for one address may take; past it the verdict stays {@code claimed}. */
            @WithDefault("PT0.25S")
            Duration budget();

            /** The longest one request's lookups may take together; later events of it are not looked up. */
            @WithDefault("PT1S")
            Duration requestBudget();

            /** How long an answer is reused for the same address. */
            @WithDefault("PT1H")
            Duration cacheTtl();

            /** Most addresses whose answers are kept. */
            @WithDefault("100000")
            long cacheSize();
        }
    }
}
