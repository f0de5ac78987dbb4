package org.termsguard.ingest.verification;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The two DNS questions forward-confirmed reverse DNS asks. Implementations answer within the time they are given, or
 * say they could not: ingest's reply must never wait long on a slow resolver.
 */
public interface Resolver {

    /**
     * The PTR names of {@code address} (its {@code in-addr.arpa} or {@code ip6.arpa} name), as the DNS gives them;
     * empty when it has none (NXDOMAIN or no PTR record).
     *
     * @throws TimeoutException when no answer came within {@code within}
     * @throws IOException when the resolver failed otherwise (SERVFAIL, refused, unreachable)
     */
    List<String> pointerNames(InetAddress address, Duration within) throws IOException, TimeoutException;

    /**
     * The A and AAAA addresses of {@code hostname}; empty when it has none.
     *
     * @throws TimeoutException when no answer came within {@code within}
     * @throws IOException when the resolver failed otherwise
     */
    List<InetAddress> addresses(String hostname, Duration within) throws IOException, TimeoutException;

    /**
     * The addresses of {@code hostname} in one family: its A records, or its AAAA records. Forward confirmation needs
     * only the client address's family, and asking only that one keeps a failing question about the other (some
     * servers refuse a type a name has no records of) from deciding anything.
     *
     * @throws TimeoutException when no answer came within {@code within}
     * @throws IOException when the resolver failed otherwise
     */
    default List<InetAddress> addresses(String hostname, boolean ipv6, Duration within)
            throws IOException, TimeoutException {
        return addresses(hostname, within).stream()
                .filter(a -> (a instanceof java.net.Inet6Address) == ipv6)
                .toList();
    }
}
