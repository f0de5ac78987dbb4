package org.termsguard.launcher;

import static org.termsguard.launcher.LocalStack.say;

import java.nio.file.Path;
import java.util.List;
import org.termsguard.localstack.Service;

/** {@code ./termsguard up [--listen ADDRESS] | down | status | demo [--once] [--load N] [--listen ADDRESS]}. */
public final class Main {

    static final String USAGE = "usage: ./termsguard up [--listen ADDRESS] | down | status"
            + " | demo [--once] [--load N] [--listen ADDRESS] | token [OWNER...] | verify BUNDLE.zip   (containers: keys DIR | load)";

    /** Bad command-line input: a line for the user, exit status 2, no stack trace. */
    static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message, null, false, false);
        }
    }

    private Main() {}

    /**
     * The address {@code --listen} names, else {@link LocalStack#LOOPBACK}. Only loopback addresses and the wildcards
     * ({@code 0.0.0.0}, {@code ::}) are taken: the launcher and the demo reach the services at {@code localhost},
     * which a single other interface would not answer. Literal addresses only, so nothing is looked up in DNS.
     */
    static String listen(List<String> arguments) {
        int at = arguments.indexOf("--listen");
        if (at < 0) {
            return LocalStack.LOOPBACK;
        }
        if (at + 1 >= arguments.size()) {
            throw new Usage("--listen needs an address, e.g. --listen 0.0.0.0");
        }
        String given = arguments.get(at + 1);
        if (given.equalsIgnoreCase("localhost")) {
            return LocalStack.LOOPBACK;
        }
        String literal = given.startsWith("[") && given.endsWith("]") ? given.substring(1, given.length() - 1) : given;
        // A dotted quad, or IPv6 (with a ':', which InetAddress parses as a literal and never looks up).
        boolean ipv4 = literal.matches(
                "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
        boolean ipv6 = literal.length() <= 45 && literal.contains(":") && literal.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            throw new Usage("--listen takes an IP address (127.0.0.1, ::1, 0.0.0.0 or ::), not " + printable(given));
        }
        java.net.InetAddress address;
        try {
            address = java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new Usage("--listen takes an IP address (127.0.0.1, ::1, 0.0.0.0 or ::), not " + printable(given));
        }
        if (!address.isLoopbackAddress() && !address.isAnyLocalAddress()) {
            throw new Usage("--listen " + literal + ": only a loopback address or 0.0.0.0 / :: (every interface)"
                    + " is supported, since the launcher reaches the services at localhost");
        }
        return address.getHostAddress().replaceFirst("%.*$", "");
    }

    /** {@code --load N}: 0 without it. */
    static int load(List<String> arguments) {
        int at = arguments.indexOf("--load");
        if (at < 0) {
            return 0;
        }
        String given = at + 1 < arguments.size() ? arguments.get(at + 1) : "";
        if (!given.matches("[0-9]{1,9}")) {
            throw new Usage("--load needs a number of events, e.g. --load 10000; not " + printable(given));
        }
        return Integer.parseInt(given);
    }

    private static String printable(String given) {
        String shown = given.length() > 64 ? given.substring(0, 64) + "…" : given;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    public static void main(String[] args) throws Exception {
        // The Kafka and PostgreSQL clients log every connection at INFO; the launcher's own lines say enough.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // Its admin client complains while the broker is still booting, which the launcher waits for anyway.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        Path root = Path.of(System.getProperty("termsguard.root", "."))
                .toAbsolutePath()
                .normalize();
        List<String> arguments = List.of(args);
        String command = arguments.isEmpty() ? "help" : arguments.get(0);
        try {
            LocalStack stack = new LocalStack(root, listen(arguments));
            switch (command) {
                case "up" -> {
                    stack.up();
                    localScenario(stack, root).load();
                    say("Dashboard: " + Service.ALERT.url() + "/"
                            + (stack.loopbackOnly() ? "" : " (sign in with a token: ./termsguard token)")
                            + "  ·  ops API: " + Service.ALERT.url() + "/v1/incidents  ·  stop with ./termsguard down");
                }
                case "down" -> stack.down();
                case "keys" -> {
                    if (arguments.size() < 2) {
                        throw new Usage("keys needs the directory to write the key pair to");
                    }
                    new Keys(Path.of(arguments.get(1))).ensure();
                }
                case "token" -> {
                    // A JWT for the dashboard or the APIs: platform-admin, or owner-viewer of the owners named.
                    var keys = new Keys(Path.of(env(
                            "TERMSGUARD_KEYS", root.resolve(".termsguard/jwt").toString())));
                    List<String> owners = arguments.subList(1, arguments.size());
                    System.out.println(keys.token(
                            owners.isEmpty() ? "local-admin" : "local-viewer",
                            java.util.Set.of(owners.isEmpty() ? "platform-admin" : "owner-viewer"),
                            owners,
                            java.time.Duration.ofHours(12)));
                }
                case "load" -> {
                    // The demo against services running elsewhere (docker compose), with keys made by "keys".
                    var keys = new Keys(Path.of(env("TERMSGUARD_KEYS", ".termsguard/jwt")));
                    var scenario = new DemoScenario(
                            Path.of(env("TERMSGUARD_DEMO_DATA", "deploy/demo")),
                            keys,
                            Path.of(env("TERMSGUARD_CREDENTIALS_DIR", ".termsguard")),
                            DemoScenario.Endpoints.fromEnvironment());
                    var credentials = scenario.load();
                    scenario.replay(credentials);
                    String costliest = scenario.report(credentials.admin(), true);
                    if (costliest != null) {
                        scenario.evidence(credentials.admin(), costliest);
                    }
                }
                case "status" -> System.exit(stack.status(true) ? 0 : 3);
                case "demo" -> demo(stack, root, arguments);
                default -> {
                    say(USAGE);
                    System.exit(command.equals("help") ? 0 : 2);
                }
            }
        } catch (Usage e) {
            System.err.println("termsguard: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (Api.Failure | IllegalStateException | java.io.IOException e) {
            System.err.println("termsguard: " + e.getMessage());
            System.exit(1);
        }
    }

    private static DemoScenario localScenario(LocalStack stack, Path root) {
        return new DemoScenario(
                root.resolve("deploy/demo"), stack.keys(), stack.state(), DemoScenario.Endpoints.local());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void demo(LocalStack stack, Path root, List<String> arguments) throws Exception {
        boolean once = arguments.contains("--once");
        int load = load(arguments);
        if (!once) {
            // Ctrl-C stops every process the demo started.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    stack.down();
                } catch (Exception e) {
                    System.err.println("termsguard: stopping failed: " + e.getMessage());
                }
            }));
        }
        try {
            stack.up();
            DemoScenario scenario = localScenario(stack, root);
            var credentials = scenario.load();
            scenario.replay(credentials);
            String costliest = scenario.report(credentials.admin(), true);
            if (costliest != null) {
                scenario.evidence(credentials.admin(), costliest);
            }
            if (load > 0) {
                scenario.load(credentials, load);
            }
        } finally {
            if (once) {
                // Whatever happened, --once leaves nothing running.
                stack.down();
            }
        }
        if (once) {
            return;
        }
        say("");
        say("Termsguard is up. Dashboard: " + Service.ALERT.url()
                + (stack.loopbackOnly()
                        ? "/ (no login in the demo, from this machine)"
                        : "/ (listening on " + stack.listen() + ": sign in with a token from ./termsguard token)")
                + "  ·  ingest "
                + Service.INGEST.url() + ", policy " + Service.POLICY.url() + ", alert " + Service.ALERT.url()
                + " (OpenAPI at /q/swagger-ui)."
                + " Press Ctrl-C to stop everything.");
        Thread.currentThread().join();
    }
}
