package org.termsguard.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback that misbehaves on purpose (F5). How it treats a delivery depends only on the
 * {@code Termsguard-Delivery} id it carries and on how often that id was seen before, so the suite knows in advance
 * which deliveries must end delivered and which dead-lettered, and after how many attempts.
 *
 * <p>A raw socket rather than an HTTP server library, because resetting a connection and never answering are
 * exactly what a well-behaved server will not do.
 */
final class FlakyReceiver implements AutoCloseable {

    /** What the receiver does with a delivery, on every attempt. */
    enum Behaviour {
        ACCEPT(1),
        /** 500 on the first two attempts. */
        FAIL_TWICE(3),
        /** Reads the first attempt and never answers, until the sender gives up. */
        HANG_ONCE(2),
        /** Resets the connection (RST) on the first attempt, after reading it. */
        RESET_ONCE(2),
        /** Answers every attempt, but only after a second. */
        SLOW(1),
        /** 500, always: the delivery must end dead-lettered after the last attempt. */
        ALWAYS_FAIL(-1);

        /** The attempt that delivers, or -1 when none does. */
        final int deliversAt;

        Behaviour(int deliversAt) {
            this.deliversAt = deliversAt;
        }

        static Behaviour of(long delivery) {
            return values()[(int) (delivery % values().length)];
        }
    }

    /**
     * One request as the receiver saw it, and what it answered: a status, or 0 for a reset, -1 for no answer.
     * {@code signatureValid}: its {@code Termsguard-Signature} is the HMAC-SHA256 of {@code t.body} under the
     * route's secret, recomputed here.
     */
    record Request(long delivery, int attempt, long atMillis, int answer, boolean signed, boolean signatureValid) {}

    /** A request's head and body. */
    private record Received(Map<String, String> headers, byte[] body) {}

    private final ServerSocket server;
    private final Duration hang;
    private final byte[] secret;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "flaky-receiver");
        thread.setDaemon(true);
        return thread;
    });
    final Map<Long, List<Request>> requests = new ConcurrentHashMap<>();

    /**
     * {@code hang}: how long a hanging attempt is held; longer than the sender's timeout. {@code secret}: the
     * route's webhook secret, which every signature must verify against.
     */
    FlakyReceiver(Duration hang, String secret) throws IOException {
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.hang = hang;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        connections.submit(this::accept);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** Deliveries the receiver answered 2xx at least once. */
    long delivered(long delivery) {
        return requests.getOrDefault(delivery, List.of()).stream()
                .filter(r -> r.answer() == 200)
                .count();
    }

    int attempts(long delivery) {
        return requests.getOrDefault(delivery, List.of()).size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(10_000);
            Received received = readRequest(socket.getInputStream());
            Map<String, String> headers = received.headers();
            String id = headers.get("termsguard-delivery");
            if (id == null) {
                answer(socket.getOutputStream(), 400);
                return;
            }
            long delivery = Long.parseLong(id);
            List<Request> seen = requests.computeIfAbsent(delivery, d -> new CopyOnWriteArrayList<>());
            int attempt;
            synchronized (seen) {
                attempt = seen.size() + 1;
            }
            Behaviour behaviour = Behaviour.of(delivery);
            boolean signed = headers.containsKey("termsguard-signature");
            boolean valid = signed && verifies(headers.get("termsguard-signature"), received.body());
            long at = System.currentTimeMillis();
            int status =
                    switch (behaviour) {
                        case ACCEPT -> 200;
                        case FAIL_TWICE -> attempt <= 2 ? 500 : 200;
                        case HANG_ONCE -> attempt == 1 ? -1 : 200;
                        case RESET_ONCE -> attempt == 1 ? 0 : 200;
                        case SLOW -> 200;
                        case ALWAYS_FAIL -> 500;
                    };
            seen.add(new Request(delivery, attempt, at, status, signed, valid));
            if (status == -1) {
                Thread.sleep(hang.toMillis());
            } else if (status == 0) {
                socket.setSoLinger(true, 0);
            } else {
                if (behaviour == Behaviour.SLOW) {
                    Thread.sleep(1000);
                }
                answer(socket.getOutputStream(), status);
            }
        } catch (IOException | RuntimeException e) {
            // A sender that went away mid-request: nothing to record.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Checks {@code t=<unix seconds>,v1=<hex>} against an HMAC-SHA256 of {@code "<t>.<body>"} computed here with
     * {@link Mac}, independently of alert-core's {@code WebhookSignature}: a sender signing the wrong bytes, or
     * with the wrong key, fails here even if it agrees with itself.
     */
    boolean verifies(String header, byte[] body) {
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                String name = part.substring(0, eq).trim();
                String value = part.substring(eq + 1).trim();
                if (name.equals("t")) {
                    t = value;
                } else if (name.equals("v1")) {
                    v1 = value;
                }
            }
        }
        if (t == null || v1 == null || !t.matches("[0-9]{1,12}")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] expected = mac.doFinal(body);
            byte[] given;
            try {
                given = HexFormat.of().parseHex(v1);
            } catch (IllegalArgumentException e) {
                return false;
            }
            return MessageDigest.isEqual(expected, given);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform has HmacSHA256", e);
        }
    }

    private static Received readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the request's head ended");
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        Map<String, String> headers = new ConcurrentHashMap<>();
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
        if (length > 1 << 24) {
            throw new IOException("a body of " + length + " bytes is not a notice");
        }
        return new Received(headers, in.readNBytes((int) length));
    }

    private static void answer(OutputStream out, int status) throws IOException {
        String reason = status == 200 ? "OK" : status == 400 ? "Bad Request" : "Internal Server Error";
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
