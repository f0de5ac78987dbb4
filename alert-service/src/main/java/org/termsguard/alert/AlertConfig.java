package org.termsguard.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** alert-service's own settings; every key is listed in the service README. */
@ConfigMapping(prefix = "termsguard.alert")
public interface AlertConfig {

    /** Where the service is reached from outside, for links in alerts and notices. */
    @WithDefault("http://localhost:8083")
    String externalUrl();

    /** How often due incidents are looked at (a Quarkus scheduler interval, e.g. 1s). */
    @WithDefault("1s")
    String tick();

    /** How often the delivery outbox is worked. */
    @WithDefault("1s")
    String deliveryTick();

    /** How often silences made by other instances are picked up. */
    @WithDefault("5s")
    String silenceRefresh();

    /** Bounds on silences, so that one owner's silences cannot slow the grouping of everyone's violations. */
    Silences silences();

    /** Timing for owners without a route of their own. */
    DefaultRoute defaultRoute();

    Deliveries deliveries();

    Webhooks webhooks();

    Dashboard dashboard();

    Notices notices();

    Secrets secrets();

    Evidence evidence();

    interface Evidence {
        /**
         * The Ed25519 key that signs each owner's evidence-log checkpoints, in C2SP signed-note's private key form
         * ({@code PRIVATE+KEY+<name>+<key id>+<key>}); its verifier key is served at {@code /v1/evidence/log-key}.
         * Required in prod; the launcher makes one into {@code .termsguard/}.
         */
        Optional<String> logKey();

        /** The checkpoints' origin before the owner, e.g. {@code termsguard.example/evidence} → {@code …/reddit}. */
        @WithDefault("termsguard.local/evidence")
        String origin();

        /** How often each owner's log, when it has grown, gets a new signed checkpoint. */
        @WithDefault("PT1M")
        Duration checkpointInterval();

        /**
         * The RFC 3161 Time-Stamping Authority each checkpoint is stamped by (its signed text's SHA-256); unset:
         * checkpoints carry no trusted time. The launcher runs a local one.
         */
        Optional<String> tsaUrl();

        /** A PEM file of the roots the TSA's certificate must chain to; served as {@code /v1/evidence/tsa-roots.pem}. */
        Optional<String> tsaTrust();

        /** The longest one timestamp request may take; a checkpoint not stamped in time is stamped on a later run. */
        @WithDefault("PT10S")
        Duration tsaTimeout();

        /**
         * The most events one evidence bundle carries (each with its proof); a larger incident's bundle is refused
         * with a 422 naming the count, as it would not fit in memory at once.
         */
        @WithDefault("20000")
        int bundleMaxEvents();
    }

    interface Silences {
        /** Matchers one silence may have; more are refused with 422. */
        @WithDefault("16")
        int maxMatchers();

        /**
         * Silences not yet ended one owner may have (those across owners, made by platform admins, count as one
         * more owner); a further one is refused with 422 until one ends or is expired.
         */
        @WithDefault("100")
        int maxActivePerOwner();
    }

    interface DefaultRoute {
        @WithDefault("PT30S")
        Duration groupWait();

        @WithDefault("PT5M")
        Duration groupInterval();

        @WithDefault("PT4H")
        Duration repeatInterval();

        @WithDefault("PT24H")
        Duration resolveAfter();
    }

    interface Deliveries {
        /** Turn off to keep deliveries pending (e.g. a read-only replica); they survive until a worker runs. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Deliveries in flight at once per instance. Each is sent on its own, so a receiver that hangs until the
         * timeout holds one of these, not the deliveries claimed with it.
         */
        @WithDefault("20")
        int concurrency();

        /** Attempts before a delivery is marked failed and sent to alerts.dlq. */
        @WithDefault("8")
        int maxAttempts();

        /** First retry waits up to this; each further one up to twice as long (full jitter). */
        @WithDefault("PT1S")
        Duration backoffBase();

        @WithDefault("PT5M")
        Duration backoffMax();

        /** Longest wait for a receiver's answer, connection included. */
        @WithDefault("PT10S")
        Duration timeout();

        /**
         * Bytes of a refusing receiver's answer read, at most, and stored with the attempt as what it said; the rest
         * is not read (nor anything of a 2xx answer).
         */
        @WithDefault("8192")
        int responseLimit();

        /** How long a worker holds a delivery it is sending before another may take it over. */
        @WithDefault("PT60S")
        Duration lease();
    }

    interface Webhooks {
        /** Allow plain http targets (the demo and tests); https only otherwise. */
        @WithDefault("false")
        boolean allowHttp();

        /** CIDR ranges of internal addresses webhooks may still reach, e.g. 127.0.0.0/8 for a local receiver. */
        Optional<List<String>> allowedRanges();
    }

    interface Notices {
        /**
         * Most events whose violations a notice (and so each e-mail attempt) reads; the notice says how many more there
         * are, and the evidence digest still covers all of them.
         */
        @WithDefault("100")
        int maxEvents();
    }

    interface Dashboard {
        /**
         * Open the dashboard without signing in, as {@code demo-token}'s holder. Refused at start-up unless the
         * {@code demo} profile is active: only the local demo may run without a login.
         */
        @WithDefault("false")
        boolean loginFree();

        /** The JWT the login-free dashboard uses; the demo launcher mints it. */
        Optional<String> demoToken();
    }

    interface Secrets {
        /**
         * The AES key (standard base64 of 16, 24 or 32 bytes; 32 recommended) that seals receiver secrets at rest.
         * Required in prod; the launcher generates one into {@code .termsguard/}. Changing it makes sealed secrets
         * unreadable: routes must then be written again.
         */
        String key();
    }
}
