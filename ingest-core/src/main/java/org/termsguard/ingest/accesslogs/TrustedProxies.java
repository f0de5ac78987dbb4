package org.termsguard.ingest.accesslogs;

import inet.ipaddr.AddressStringParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4AddressTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressTrie;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies and load balancers whose word on the client address is believed, and the client address a request
 * came from behind them.
 *
 * <p>Each proxy appends the address it received the request from to the right of {@code X-Forwarded-For}; whatever
 * stands to the left of the first proxy's entry the client wrote itself and may have forged. So the client is found
 * by walking from the connecting peer leftwards through the header and taking the first address that is not a
 * trusted proxy (the right-most untrusted address; MDN's "Selecting an IP address", and Caddy's
 * {@code trusted_proxies_strict}). When every address is trusted the request came from inside, and the left-most
 * address is the client. An entry that is not an address ({@code unknown}, a host name, garbage) ends the walk: the
 * client is then the last address walked, as nginx's {@code real_ip_recursive} does.
 *
 * <p>{@link #DEFAULT} trusts loopback ({@code 127.0.0.0/8}, {@code ::1}), the private ranges of RFC 1918 and the
 * unique local addresses of RFC 4193 ({@code fc00::/7}): the addresses proxies inside a site's own network have. It
 * does not trust link-local addresses ({@code 169.254.0.0/16}, {@code fe80::/10}; RFC 3927, RFC 4291 §2.5.6): they
 * are self-assigned by whatever sits on the link, not given to proxies, so trusting them would let any neighbour
 * forge {@code X-Forwarded-For}. Caddy's {@code private_ranges} makes the same choice; an owner whose proxies do use
 * them, or CGNAT's {@code 100.64.0.0/10}, lists the ranges in the configuration.
 */
public final class TrustedProxies {

    /** Loopback, RFC 1918 and RFC 4193 unique local addresses. */
    public static final List<String> DEFAULT_RANGES =
            List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");

    public static final TrustedProxies DEFAULT = of(DEFAULT_RANGES);

    /** At most this many entries of one {@code X-Forwarded-For} are walked; a longer chain is a forgery anyway. */
    static final int MAX_HOPS = 64;

    // Address literals only: no inet_aton shorthand ("127.1"), wildcards, ranges or masks, which a log line must
    // not be able to pass off as a client.
    private static final IPAddressStringParameters LITERAL = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowMask(false)
            .allowPrefix(false)
            .allowSingleSegment(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(AddressStringParameters.RangeParameters.NO_RANGE)
            .getIPv4AddressParametersBuilder()
            .allow_inet_aton(false)
            .allowLeadingZeros(false)
            .getParentBuilder()
            .toParams();

    private final List<String> ranges;
    private final IPv4AddressTrie ipv4 = new IPv4AddressTrie();
    private final IPv6AddressTrie ipv6 = new IPv6AddressTrie();

    private TrustedProxies(List<String> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * @param cidrs ranges such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a single address stands for itself
     * @throws IllegalArgumentException naming the first entry that is not a range
     */
    public static TrustedProxies of(List<String> cidrs) {
        TrustedProxies proxies = new TrustedProxies(cidrs);
        for (String cidr : cidrs) {
            IPAddress range = new IPAddressString(cidr.strip()).getAddress();
            if (range == null) {
                throw new IllegalArgumentException(
                        "'" + cidr + "' is not an IP address range in CIDR notation, e.g. 10.0.0.0/8 or fc00::/7");
            }
            IPAddress block = range.isPrefixed() ? range.toPrefixBlock() : range;
            if (block.isIPv4()) {
                proxies.ipv4.add(block.toIPv4());
            } else {
                proxies.ipv6.add(block.toIPv6());
            }
        }
        return proxies;
    }

    /** Trusts nobody: the connecting peer is always the client. */
    public static TrustedProxies none() {
        return of(List.of());
    }

    public List<String> ranges() {
        return ranges;
    }

    /** Whether {@code address} (an address literal, with or without a port) is a trusted proxy. */
    public boolean trusts(String address) {
        IPAddress parsed = parse(address);
        return parsed != null && trusted(parsed);
    }

    /**
     * The client of a request.
     *
     * @param peer the connecting address as logged: an address, with or without a port, or a comma-separated list
     *     (Apache's {@code %{X-Forwarded-For}i} in place of {@code %h}); may be null
     * @param forwardedFor the {@code X-Forwarded-For} header the request arrived with; may be null
     * @return the client's address without a port, or null when neither names an address
     */
    public String clientOf(String peer, String forwardedFor) {
        List<String> chain = new ArrayList<>();
        split(forwardedFor, chain);
        split(peer, chain);
        String client = null;
        int walked = 0;
        for (int i = chain.size() - 1; i >= 0 && walked < MAX_HOPS; i--, walked++) {
            String entry = chain.get(i);
            IPAddress address = parse(entry);
            if (address == null) {
                break;
            }
            client = text(entry, address);
            if (!trusted(address)) {
                break;
            }
        }
        return client;
    }

    private boolean trusted(IPAddress address) {
        if (address.isIPv4()) {
            return ipv4.elementContains(address.toIPv4());
        }
        IPv6Address v6 = address.toIPv6();
        // An IPv4 client on a dual-stack socket is logged as ::ffff:a.b.c.d (RFC 4291 §2.5.5.2).
        if (v6.isIPv4Mapped()) {
            return ipv4.elementContains(v6.getEmbeddedIPv4Address()) || ipv6.elementContains(v6);
        }
        return ipv6.elementContains(v6.removeZone());
    }

    private static void split(String list, List<String> into) {
        if (list == null) {
            return;
        }
        int start = 0;
        while (start <= list.length() && into.size() < 4 * MAX_HOPS) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? list.length() : comma;
            String entry = list.substring(start, end).strip();
            if (!entry.isEmpty() && !entry.equals("-")) {
                into.add(entry);
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
    }

    /** The address of a literal, or of {@code a.b.c.d:port} / {@code [v6]:port} (RFC 3986 §3.2.2); else null. */
    static IPAddress parse(String entry) {
        if (entry == null || entry.isEmpty() || entry.length() > 64) {
            return null;
        }
        return literal(hostPart(entry));
    }

    private static String hostPart(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0 || !isPortOrNothing(entry.substring(close + 1))) {
                return null;
            }
            return entry.substring(1, close);
        }
        int colon = entry.indexOf(':');
        if (colon >= 0 && colon == entry.lastIndexOf(':')) {
            return isPortOrNothing(entry.substring(colon)) ? entry.substring(0, colon) : null;
        }
        return entry;
    }

    private static boolean isPortOrNothing(String rest) {
        if (rest.isEmpty()) {
            return true;
        }
        if (rest.length() < 2 || rest.length() > 6 || rest.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < rest.length(); i++) {
            if (!Character.isDigit(rest.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static IPAddress literal(String text) {
        return text == null ? null : new IPAddressString(text, LITERAL).getAddress();
    }

    /** The entry as logged, without its port and brackets. */
    private static String text(String entry, IPAddress address) {
        String host = hostPart(entry);
        return host != null ? host : address.toCanonicalString();
    }
}
