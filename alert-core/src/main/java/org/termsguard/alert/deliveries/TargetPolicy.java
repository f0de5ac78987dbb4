package org.termsguard.alert.deliveries;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which webhook targets may be called, against SSRF: https only unless plain http is allowed, and after DNS
 * resolution no loopback, private (RFC 1918), link-local (incl. cloud metadata 169.254.169.254), CGNAT
 * (100.64/10), unique-local (fc00::/7), multicast or unspecified address unless an allow-list range holds it. The
 * caller connects to the address checked here, so a second DNS answer cannot swap it (DNS rebinding).
 */
public final class TargetPolicy {

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

    private final boolean allowHttp;
    private final List<String> allowedRanges;
    private final Resolver resolver;

    public TargetPolicy(boolean allowHttp, List<String> allowedRanges, Resolver resolver) {
        this.allowHttp = allowHttp;
        this.allowedRanges = List.copyOf(allowedRanges);
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
        for (InetAddress address : addresses) {
            if (forbidden(address) && !allowed(address)) {
                throw new Refused(uri.getHost() + " resolves to " + address.getHostAddress()
                        + ", a loopback, private, link-local or otherwise internal address");
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Target(uri, addresses[0], port);
    }

    static boolean forbidden(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xFE) == 0xFC; // fc00::/7, unique-local
        }
        return false;
    }

    private boolean allowed(InetAddress address) {
        for (String range : allowedRanges) {
            if (Ranges.contains(range, address)) {
                return true;
            }
        }
        return false;
    }

    /** CIDR ranges over literal addresses, never resolving names. */
    static final class Ranges {
        private Ranges() {}

        static boolean contains(String cidr, InetAddress address) {
            String[] parts = cidr.trim().split("/", 2);
            if (!parts[0].matches("[0-9A-Fa-f:.]+")) {
                return false;
            }
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                byte[] candidate = address.getAddress();
                if (network.length != candidate.length) {
                    return false;
                }
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                for (int bit = 0; bit < prefix; bit++) {
                    int mask = 0x80 >>> (bit % 8);
                    if ((network[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
                        return false;
                    }
                }
                return true;
            } catch (UnknownHostException | NumberFormatException e) {
                return false;
            }
        }
    }
}
