package org.termsguard.ingest.events;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Checks IP address literals without ever resolving a name (InetAddress would look a host name up in DNS). */
final class IpLiteral {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");

    private IpLiteral() {}

    static boolean isValid(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (text.indexOf(':') < 0 || !IPV6_CHARS.matcher(text).matches()) {
            return false;
        }
        try {
            // Only hex digits, colons and dots reach here, so this parses a literal and never does a lookup.
            InetAddress.getByName(text.contains("%") ? text.substring(0, text.indexOf('%')) : text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
