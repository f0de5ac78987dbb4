package org.termsguard.policy.terms;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 address range such as {@code 203.0.113.0/24}; parsing never looks a name up in DNS. */
public record Cidr(byte[] network, int prefixLength) {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    public static Cidr parse(String text) {
        String[] parts = text.trim().split("/", 2);
        byte[] address = literal(parts[0])
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP address range"));
        int bits = address.length * 8;
        int prefix = bits;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length", e);
            }
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + bits);
        }
        return new Cidr(address, prefix);
    }

    public boolean contains(String ip) {
        return literal(ip).filter(this::contains).isPresent();
    }

    private boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest);
        return (address[whole] & mask) == (network[whole] & mask);
    }

    /** The bytes of an IP literal, IPv4-mapped IPv6 folded to IPv4; empty for anything that is not a literal. */
    static Optional<byte[]> literal(String text) {
        if (text == null || text.isEmpty() || !LITERAL.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
