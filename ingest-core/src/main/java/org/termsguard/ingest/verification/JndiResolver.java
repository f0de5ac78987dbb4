package org.termsguard.ingest.verification;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * A {@link Resolver} on the JDK's own DNS client (JNDI's {@code com.sun.jndi.dns} provider, in module
 * {@code jdk.naming.dns}), asking a chosen server with a timeout per question. No library, and no use of the
 * platform's resolver, whose timeouts cannot be bounded from Java.
 */
public final class JndiResolver implements Resolver {

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,254}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");

    private final String providerUrl;
    private final Duration timeout;

    /**
     * @param server {@code host} or {@code host:port} of the DNS server to ask (e.g. {@code 127.0.0.1:5353}); null for
     *     the servers the platform is configured with
     * @param timeout the longest one question may take, whatever the budget left
     */
    public JndiResolver(String server, Duration timeout) {
        this.providerUrl = server == null ? "dns:" : "dns://" + server;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public List<String> pointerNames(InetAddress address, Duration within) throws IOException, TimeoutException {
        List<String> names = new ArrayList<>();
        for (String value : ask(reverseName(address), "PTR", within)) {
            names.add(value);
        }
        return names;
    }

    @Override
    public List<InetAddress> addresses(String hostname, Duration within) throws IOException, TimeoutException {
        if (!HOST_NAME.matcher(hostname).matches()) {
            // JNDI reads "/" and other characters as name syntax: only plain host names are asked about.
            throw new IOException(hostname + " is not a host name");
        }
        return ask(hostname, within, "A", "AAAA");
    }

    @Override
    public List<InetAddress> addresses(String hostname, boolean ipv6, Duration within)
            throws IOException, TimeoutException {
        return ask(hostname, within, ipv6 ? "AAAA" : "A");
    }

    private List<InetAddress> ask(String hostname, Duration within, String... types)
            throws IOException, TimeoutException {
        if (!HOST_NAME.matcher(hostname).matches()) {
            // JNDI reads "/" and other characters as name syntax: only plain host names are asked about.
            throw new IOException(hostname + " is not a host name");
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (String type : types) {
            for (String value : ask(hostname.endsWith(".") ? hostname : hostname + ".", type, within)) {
                AddressParser.address(value).ifPresent(ip -> {
                    try {
                        addresses.add(InetAddress.getByAddress(hostname, ip.getBytes()));
                    } catch (java.net.UnknownHostException e) {
                        // Only for a byte array of the wrong length, which a parsed address never has.
                    }
                });
            }
        }
        return addresses;
    }

    private List<String> ask(String name, String type, Duration within) throws IOException, TimeoutException {
        long millis = Math.max(1, Math.min(timeout.toMillis(), within.toMillis()));
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put(Context.PROVIDER_URL, providerUrl);
        env.put("com.sun.jndi.dns.timeout.initial", Long.toString(millis));
        // One try: with retries the provider doubles the timeout each time, past the budget.
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        DirContext context = null;
        try {
            context = new InitialDirContext(env);
            Attributes attributes = context.getAttributes(name, new String[] {type});
            Attribute attribute = attributes.get(type);
            List<String> values = new ArrayList<>();
            if (attribute != null) {
                NamingEnumeration<?> all = attribute.getAll();
                while (all.hasMore()) {
                    values.add(String.valueOf(all.next()));
                }
            }
            return values;
        } catch (NameNotFoundException e) {
            return List.of();
        } catch (CommunicationException e) {
            if (e.getRootCause() instanceof SocketTimeoutException) {
                throw new TimeoutException("no answer for " + type + " " + name + " within " + millis + " ms");
            }
            throw new IOException("DNS " + type + " " + name + ": " + e.getMessage(), e);
        } catch (NamingException e) {
            throw new IOException("DNS " + type + " " + name + ": " + e.getMessage(), e);
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException e) {
                    // Nothing is held open between questions.
                }
            }
        }
    }

    /** RFC 1035 §3.5 ({@code in-addr.arpa}) and RFC 3596 §2.5 ({@code ip6.arpa}, one label per nibble, reversed). */
    static String reverseName(InetAddress address) {
        byte[] bytes = address.getAddress();
        StringBuilder name = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = bytes.length - 1; i >= 0; i--) {
                name.append(bytes[i] & 0xff).append('.');
            }
            return name.append("in-addr.arpa.").toString();
        }
        for (int i = bytes.length - 1; i >= 0; i--) {
            name.append(Character.forDigit(bytes[i] & 0x0f, 16)).append('.');
            name.append(Character.forDigit((bytes[i] >> 4) & 0x0f, 16)).append('.');
        }
        return name.append("ip6.arpa.").toString();
    }
}
