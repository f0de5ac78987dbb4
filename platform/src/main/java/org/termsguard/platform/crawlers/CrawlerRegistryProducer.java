package org.termsguard.platform.crawlers;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.termsguard.contracts.crawlers.CrawlerRegistry;

/** The bundled crawler registry, loaded once per service. */
public class CrawlerRegistryProducer {

    @Produces
    @Singleton
    CrawlerRegistry bundled() {
        return CrawlerRegistry.bundled();
    }
}
