package org.termsguard.launcher;

import static org.termsguard.launcher.LocalStack.say;

import java.nio.file.Path;
import java.util.List;
import org.termsguard.localstack.Service;

/** {@code ./termsguard up | down | status | demo [--once] [--load N]}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        // The Kafka and PostgreSQL clients log every connection at INFO; the launcher's own lines say enough.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // Its admin client complains while the broker is still booting, which the launcher waits for anyway.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        Path root = Path.of(System.getProperty("termsguard.root", "."))
                .toAbsolutePath()
                .normalize();
        LocalStack stack = new LocalStack(root);
        List<String> arguments = List.of(args);
        String command = arguments.isEmpty() ? "help" : arguments.get(0);
        try {
            switch (command) {
                case "up" -> {
                    stack.up();
                    localScenario(stack, root).load();
                    say("Dashboard: " + Service.ALERT.url() + "/  ·  ops API: " + Service.ALERT.url()
                            + "/v1/incidents  ·  stop with ./termsguard down");
                }
                case "down" -> stack.down();
                case "keys" -> new Keys(Path.of(arguments.get(1))).ensure();
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
                    scenario.report(credentials.admin(), true);
                }
                case "status" -> System.exit(stack.status(true) ? 0 : 3);
                case "demo" -> demo(stack, root, arguments);
                default -> {
                    say(
                            "usage: ./termsguard up | down | status | demo [--once] [--load N] | token [OWNER...]   (containers: keys DIR | load)");
                    System.exit(command.equals("help") ? 0 : 2);
                }
            }
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
        int load = arguments.contains("--load") ? Integer.parseInt(arguments.get(arguments.indexOf("--load") + 1)) : 0;
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
            scenario.report(credentials.admin(), true);
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
        say("Termsguard is up. Dashboard: " + Service.ALERT.url() + "/ (no login in the demo)  ·  ingest "
                + Service.INGEST.url() + ", policy " + Service.POLICY.url() + ", alert " + Service.ALERT.url()
                + " (OpenAPI at /q/swagger-ui)."
                + " Press Ctrl-C to stop everything.");
        Thread.currentThread().join();
    }
}
