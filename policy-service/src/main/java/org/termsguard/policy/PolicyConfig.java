package org.termsguard.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** policy-service's own settings ({@code termsguard.policy.*}). */
@ConfigMapping(prefix = "termsguard.policy")
public interface PolicyConfig {

    Ledger ledger();

    interface Ledger {
        /**
         * The de-duplication horizon: how long the ledger remembers a judged (owner, eventId). A copy of an event
         * that arrives later than this after the original was judged is judged again.
         */
        @WithDefault("P30D")
        Duration horizon();

        /** How often the ledger forgets what is older than the horizon. */
        @WithDefault("PT1H")
        Duration pruneEvery();

        /** Rows forgotten per statement, so pruning never holds a long lock on the ledger. */
        @WithDefault("10000")
        int pruneChunk();
    }
}
