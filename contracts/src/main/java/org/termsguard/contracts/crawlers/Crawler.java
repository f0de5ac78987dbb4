package org.termsguard.contracts.crawlers;

import org.termsguard.contracts.events.Purpose;

/**
 * A known crawler.
 *
 * @param token its user-agent product token, as robots.txt groups name it (e.g. {@code GPTBot})
 * @param consumer the consumer id its operator is known by (e.g. {@code openai})
 * @param operator who runs it, as the source names them
 * @param purpose what its fetches are for, as an RSL 1.0 usage token
 * @param function what it does, in the source's words
 * @param source where the entry comes from: {@code termsguard} (curated) or {@code ai.robots.txt}
 */
public record Crawler(
        String token, String consumer, String operator, Purpose purpose, String function, String source) {}
