package org.termsguard.ingest.verification;

import inet.ipaddr.IPAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Forward-confirmed reverse DNS, as Google, Bing and Apple tell sites to verify their crawlers: the address's PTR name
 * must be under the operator's domain, and that name's A/AAAA records must hold the address again. The second lookup
 * is what defeats a PTR record set by whoever controls the address's reverse zone.
 *
 * <p>All lookups for one address share a time budget; what does not finish within it is reported incomplete (the
 * verdict is then {@code claimed}, never a guess). Only PTR names under the given suffixes are looked up forward,
 * at most {@value #MAX_NAMES} of them, and a name that is not a plain host name is never sent to the resolver.
 *
 * <p>Tests use a fake {@link Resolver}; the service's tests are to run this against dnsmasq on loopback.
 */
public final class ForwardConfirmedDns {

    static final int MAX_NAMES = 4;
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*");

    private final Resolver resolver;
    private final Duration budget;
    private final LongSupplier nanoTime;

    /** @param budget how long all lookups for one address may take together */
    public ForwardConfirmedDns(Resolver resolver, Duration budget) {
        this(resolver, budget, System::nanoTime);
    }

    ForwardConfirmedDns(Resolver resolver, Duration budget, LongSupplier nanoTime) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.nanoTime = nanoTime;
    }

    /**
     * Looks {@code clientIp} up.
     *
     * @param suffixes the host-name suffixes worth a forward lookup (the claimed crawler's sources'), lower case
     * @throws IllegalArgumentException when {@code clientIp} is not an IP address
     */
    public ReverseDnsAnswer lookUp(String clientIp, List<String> suffixes) {
        IPAddress parsed = AddressParser.address(clientIp)
                .orElseThrow(() -> new IllegalArgumentException(clientIp + " is not an IP address"));
        String address = parsed.toCanonicalString();
        long deadline = nanoTime.getAsLong() + budget.toNanos();
        List<String> names = new ArrayList<>();
        Map<String, List<String>> forward = new LinkedHashMap<>();
        try {
            InetAddress inet = InetAddress.getByAddress(parsed.getBytes());
            for (String name : resolver.pointerNames(inet, remaining(deadline))) {
                String normalised = normalise(name);
                if (HOST_NAME.matcher(normalised).matches() && !names.contains(normalised)) {
                    names.add(normalised);
                }
            }
            int asked = 0;
            for (String name : names) {
                if (!ReverseDnsAnswer.under(name, suffixes) || asked++ >= MAX_NAMES) {
                    continue;
                }
                List<String> addresses = new ArrayList<>();
                for (InetAddress a : resolver.addresses(name, parsed.isIPv6(), remaining(deadline))) {
                    AddressParser.address(a.getHostAddress()).ifPresent(ip -> addresses.add(ip.toCanonicalString()));
                }
                forward.put(name, addresses);
                if (addresses.contains(address)) {
                    break;
                }
            }
            return new ReverseDnsAnswer(address, names, forward, true, null);
        } catch (TimeoutException e) {
            return new ReverseDnsAnswer(address, names, forward, false, "no answer within " + budget);
        } catch (IOException e) {
            return new ReverseDnsAnswer(address, names, forward, false, "the resolver failed: " + e.getMessage());
        }
    }

    private Duration remaining(long deadline) throws TimeoutException {
        long left = deadline - nanoTime.getAsLong();
        if (left <= 0) {
            throw new TimeoutException("the time budget is spent");
        }
        return Duration.ofNanos(left);
    }

    private static String normalise(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
