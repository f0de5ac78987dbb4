package org.termsguard.ingest.verification;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** A resolver answering from tables, which can also stall (time out) or fail. */
final class FakeResolver implements Resolver {

    private final Map<String, List<String>> pointers = new HashMap<>();
    private final Map<String, List<String>> addresses = new HashMap<>();
    private final Map<String, Duration> slow = new HashMap<>();
    private final Map<String, String> failing = new HashMap<>();
    /** What the fake clock reads, in nanoseconds; a slow answer moves it on. */
    long now;

    FakeResolver ptr(String address, String... names) {
        pointers.put(address, List.of(names));
        return this;
    }

    FakeResolver a(String name, String... values) {
        addresses.put(name, List.of(values));
        return this;
    }

    FakeResolver slow(String question, Duration takes) {
        slow.put(question, takes);
        return this;
    }

    FakeResolver failing(String question, String why) {
        failing.put(question, why);
        return this;
    }

    @Override
    public List<String> pointerNames(InetAddress address, Duration within) throws IOException, TimeoutException {
        String key = address.getHostAddress();
        answerIn(key, within);
        return pointers.getOrDefault(key, List.of());
    }

    @Override
    public List<InetAddress> addresses(String hostname, Duration within) throws IOException, TimeoutException {
        answerIn(hostname, within);
        List<InetAddress> found = new java.util.ArrayList<>();
        for (String value : addresses.getOrDefault(hostname, List.of())) {
            found.add(InetAddress.getByAddress(
                    AddressParser.address(value).orElseThrow().getBytes()));
        }
        return found;
    }

    private void answerIn(String question, Duration within) throws IOException, TimeoutException {
        if (failing.containsKey(question)) {
            throw new IOException(failing.get(question));
        }
        Duration takes = slow.getOrDefault(question, Duration.ofMillis(1));
        if (takes.compareTo(within) > 0) {
            now += within.toNanos();
            throw new TimeoutException("no answer for " + question);
        }
        now += takes.toNanos();
    }
}
