package org.termsguard.ingest.verification;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.Optional;

/**
 * Reads IP address and prefix literals strictly: dotted-quad IPv4 and RFC 4291 §2.2 IPv6 text only, never a host name,
 * wildcard, range, mask or inet_aton form ({@code 1.2.3}, {@code 0x7f.1}), which the library accepts by default.
 */
final class AddressParser {

    /** Longer than any address or prefix literal (an IPv6 with an embedded IPv4, a zone and a prefix length). */
    private static final int MAX_LENGTH = 100;

    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allowSingleSegment(false)
            .allow_inet_aton(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(RangeParameters.NO_RANGE)
            .getIPv4AddressParametersBuilder()
            .allowLeadingZeros(false)
            .allowBinary(false)
            .allowPrefixesBeyondAddressSize(false)
            .getParentBuilder()
            .getIPv6AddressParametersBuilder()
            .allowLeadingZeros(true)
            .allowBinary(false)
            .allowPrefixesBeyondAddressSize(false)
            .getParentBuilder()
            .toParams();

    private AddressParser() {}

    /**
     * A client address without prefix length or zone; an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}, as
     * dual-stack servers log IPv4 clients) reads as the IPv4 address it carries.
     */
    static Optional<IPAddress> address(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH || text.indexOf('/') >= 0) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        long dotted = dottedQuad(trimmed);
        if (dotted >= 0) {
            return Optional.of(new IPv4Address((int) dotted));
        }
        IPAddress address = new IPAddressString(trimmed, STRICT).getAddress();
        if (address == null || address.isIPv4()) {
            // Every IPv4 literal this accepts is a dotted quad, which the loop above has read already.
            return Optional.empty();
        }
        if (address instanceof IPv6Address v6) {
            v6 = v6.removeZone();
            return Optional.of(v6.isIPv4Mapped() ? v6.getEmbeddedIPv4Address() : v6);
        }
        return Optional.of(address);
    }

    /**
     * The address of a dotted quad ({@code 192.0.2.1}: four decimal octets of one to three digits, no leading zeros),
     * read by hand because it is most of the traffic and the library's general parser costs about half a microsecond;
     * -1 for anything else.
     */
    private static long dottedQuad(String text) {
        long address = 0;
        int octets = 0;
        int i = 0;
        int n = text.length();
        while (i < n && octets < 4) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + text.charAt(i) - '0';
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            address = address << 8 | value;
            octets++;
            if (octets < 4) {
                if (i >= n || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return octets == 4 && i == n ? address : -1;
    }

    /**
     * A CIDR prefix as its block ({@code 20.171.206.5/24} is {@code 20.171.206.0/24}); a bare address is the block of
     * that one address.
     */
    static Optional<IPAddress> prefix(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        IPAddress address = new IPAddressString(text.trim(), STRICT).getAddress();
        if (address == null || address.isMultiple() && !address.isPrefixed()) {
            return Optional.empty();
        }
        if (address instanceof IPv6Address v6 && v6.hasZone()) {
            return Optional.empty();
        }
        IPAddress block = address.isPrefixed()
                ? address.toPrefixBlock()
                : address.setPrefixLength(address.getBitCount(), false).toPrefixBlock();
        return Optional.of(block);
    }
}
