package org.termsguard.contracts.net;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which webhook targets may be called, against SSRF: https only unless plain http is allowed, and after DNS
 * resolution no address in one of {@link #REFUSED}'s special-purpose ranges (IANA's IPv4 and IPv6 Special-Purpose
 * Address Registries, RFC 6890) unless an allow-list range holds it. Addresses that embed an IPv4 address (IPv4-mapped
 * and -compatible, RFC 4291 §2.5.5; NAT64, RFC 6052 §2.1; 6to4, RFC 3056 §2; Teredo, RFC 4380 §4) are refused as
 * ranges, and when the allow-list lets such a range through, the IPv4 inside is judged as well: allowing
 * {@code 64:ff9b::/96} for an IPv6-only network does not let {@code 64:ff9b::127.0.0.1} reach loopback. The caller
 * connects to the address checked here, so a second DNS answer cannot swap it (DNS rebinding).
 */
public final class TargetPolicy {

    /** Where an address of a range carries an IPv4 address that packets to it end up at. */
    enum Embedded {
        NONE,
        /** The last 32 bits: IPv4-mapped, IPv4-compatible, NAT64 with a /96 prefix (RFC 6052 §2.2). */
        LOW_32,
        /** Bits 16–47 (RFC 3056 §2). */
        SIX_TO_FOUR,
        /** The server in bits 32–63 and the client, inverted, in the last 32 (RFC 4380 §4). */
        TEREDO
    }

    /** A special-purpose range no webhook may reach unless allowed. */
    record Range(String cidr, String name, Embedded embedded, IPAddress block) {
        static Range of(String cidr, String name) {
            return of(cidr, name, Embedded.NONE);
        }

        static Range of(String cidr, String name, Embedded embedded) {
            return new Range(cidr, name, embedded, new IPAddressString(cidr).getAddress());
        }
    }

    /** IANA's special-purpose registries, minus the globally reachable entries; plus multicast and reserved. */
    static final List<Range> REFUSED = List.of(
            Range.of("0.0.0.0/8", "this network (unspecified)"),
            Range.of("10.0.0.0/8", "private (RFC 1918)"),
            Range.of("100.64.0.0/10", "shared address space, CGNAT (RFC 6598)"),
            Range.of("127.0.0.0/8", "loopback"),
            Range.of("169.254.0.0/16", "link-local, incl. cloud metadata (RFC 3927)"),
            Range.of("172.16.0.0/12", "private (RFC 1918)"),
            Range.of("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
            Range.of("192.0.2.0/24", "documentation, TEST-NET-1 (RFC 5737)"),
            Range.of("192.168.0.0/16", "private (RFC 1918)"),
            Range.of("198.18.0.0/15", "benchmarking (RFC 2544)"),
            Range.of("198.51.100.0/24", "documentation, TEST-NET-2 (RFC 5737)"),
            Range.of("203.0.113.0/24", "documentation, TEST-NET-3 (RFC 5737)"),
            Range.of("224.0.0.0/4", "multicast"),
            Range.of("240.0.0.0/4", "reserved, incl. limited broadcast (RFC 1112)"),
            Range.of("::/128", "unspecified"),
            Range.of("::1/128", "loopback"),
            Range.of("::/96", "IPv4-compatible (RFC 4291 §2.5.5.1)", Embedded.LOW_32),
            Range.of("::ffff:0:0/96", "IPv4-mapped (RFC 4291 §2.5.5.2)", Embedded.LOW_32),
            Range.of("64:ff9b::/96", "NAT64 well-known prefix (RFC 6052)", Embedded.LOW_32),
            // RFC 8215 leaves the prefix length inside this /48 to the network, so there is no one place to read the
            // IPv4 address from: the range is refused whole.
            Range.of("64:ff9b:1::/48", "NAT64 local-use prefix (RFC 8215)"),
            Range.of("100::/64", "discard-only (RFC 6666)"),
            Range.of("2001::/32", "Teredo (RFC 4380)", Embedded.TEREDO),
            Range.of("2001:2::/48", "benchmarking (RFC 5180)"),
            Range.of("2001:db8::/32", "documentation (RFC 3849)"),
            Range.of("2002::/16", "6to4 (RFC 3056)", Embedded.SIX_TO_FOUR),
            Range.of("3fff::/20", "documentation (RFC 9637)"),
            Range.of("fc00::/7", "unique-local (RFC 4193)"),
            Range.of("fe80::/10", "link-local"),
            Range.of("fec0::/10", "site-local (deprecated, RFC 3879)"),
            Range.of("ff00::/8", "multicast"));

    /** The address to connect to, and the URL's parts to send. */
    public record Target(URI uri, InetAddress address, int port) {}

    /** A target that may not be called, and why. */
    public static final class Refused extends Exception {
        public Refused(String why) {
            super(why, null, false, false);
        }
    }

    /** Looks a host name up; swappable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Literal CIDR only: {@link IPAddressString} would also take wildcards such as {@code *} or {@code 10.*}. */
    private static final Pattern CIDR = Pattern.compile("[0-9A-Fa-f:.]+(/[0-9]{1,3})?");

    private final boolean allowHttp;
    private final List<IPAddress> allowedRanges;
    private final Resolver resolver;

    public TargetPolicy(boolean allowHttp, List<String> allowedRanges, Resolver resolver) {
        this.allowHttp = allowHttp;
        this.allowedRanges = parse(allowedRanges);
        this.resolver = resolver;
    }

    public Target check(String url) throws Refused {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new Refused("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new Refused("only https" + (allowHttp ? " or http" : "") + " URLs may be called");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw new Refused("the URL needs a host and no user info");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("the host does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("the host does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> why = refusal(of(address));
            if (why.isPresent()) {
                throw new Refused(uri.getHost() + " resolves to " + address.getHostAddress() + ", " + why.get());
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Target(uri, addresses[0], port);
    }

    /** Why {@code address} may not be called, or empty when it may. */
    Optional<String> refusal(IPAddress address) {
        for (Range range : REFUSED) {
            if (!range.block().contains(address)) {
                continue;
            }
            if (!allowed(address)) {
                return Optional.of(
                        "in " + range.cidr() + ", " + range.name() + ": an internal or special-purpose" + " address");
            }
            for (IPv4Address inside : embedded(range, address.toIPv6())) {
                Optional<String> why = refusal(inside);
                if (why.isPresent()) {
                    return Optional.of("which carries " + inside + " (" + range.name() + "), " + why.get());
                }
            }
        }
        return Optional.empty();
    }

    private static List<IPv4Address> embedded(Range range, IPv6Address address) {
        byte[] b = address.getBytes();
        return switch (range.embedded()) {
            case NONE -> List.of();
            // :: and ::1 are not IPv4-compatible (RFC 4291 §2.5.5.1 needs a unicast IPv4 address inside).
            case LOW_32 ->
                address.isZero() || address.isLoopback()
                        ? List.of()
                        : List.of(new IPv4Address(new byte[] {b[12], b[13], b[14], b[15]}));
            case SIX_TO_FOUR -> List.of(new IPv4Address(new byte[] {b[2], b[3], b[4], b[5]}));
            case TEREDO ->
                List.of(
                        new IPv4Address(new byte[] {b[4], b[5], b[6], b[7]}),
                        new IPv4Address(new byte[] {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]}));
        };
    }

    private boolean allowed(IPAddress address) {
        for (IPAddress range : allowedRanges) {
            if (range.getIPVersion() == address.getIPVersion() && range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    static IPAddress of(InetAddress address) {
        if (address instanceof Inet4Address v4) {
            return new IPv4Address(v4);
        }
        // The zone (scope id) of a link-local address plays no part in which range it is in.
        return new IPv6Address(((Inet6Address) address).getAddress());
    }

    /** Literal CIDR ranges (never names to resolve); anything else is ignored, as it always was. */
    private static List<IPAddress> parse(List<String> ranges) {
        List<IPAddress> parsed = new ArrayList<>();
        for (String range : ranges) {
            String cidr = range.trim();
            if (!CIDR.matcher(cidr).matches()) {
                continue;
            }
            IPAddress address = new IPAddressString(cidr).getAddress();
            if (address != null) {
                parsed.add(address.toPrefixBlock());
            }
        }
        return List.copyOf(parsed);
    }
}
