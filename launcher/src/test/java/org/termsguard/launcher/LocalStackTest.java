package org.termsguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.termsguard.localstack.Service;

/** What the launcher starts the services with and what it leaves on disk (issue #17). */
class LocalStackTest {

    private static final LocalStack.Database DATABASE = new LocalStack.Database("localhost", 5432, "postgres", "pw");

    @TempDir
    Path root;

    private List<String> command(LocalStack stack, Service service) throws Exception {
        stack.keys().ensure();
        return stack.command(service, "localhost:9092", DATABASE);
    }

    /** Issue #17: every service bound every interface (*:8081-8083). */
    @Test
    void everyServiceListensOnLoopbackByDefault() throws Exception {
        LocalStack stack = new LocalStack(root);
        assertThat(stack.loopbackOnly()).isTrue();
        for (Service service : Service.values()) {
            assertThat(command(stack, service)).as(service.id()).contains("-Dquarkus.http.host=127.0.0.1");
        }
        List<String> alert = command(stack, Service.ALERT);
        assertThat(alert).contains("-Dquarkus.profile=prod,demo");
        assertThat(alert).anySatisfy(arg -> assertThat(arg).startsWith("-Dtermsguard.alert.dashboard.demo-token=ey"));
    }

    /** Listening on the network: the login-free dashboard's platform-admin token is not handed over at all. */
    @Test
    void listeningWiderOffersNoLoginFreeSession() throws Exception {
        LocalStack stack = new LocalStack(root, Main.listen(List.of("demo", "--listen", "0.0.0.0")));
        assertThat(stack.loopbackOnly()).isFalse();
        for (Service service : Service.values()) {
            List<String> command = command(stack, service);
            assertThat(command).as(service.id()).contains("-Dquarkus.http.host=0.0.0.0");
            assertThat(command).noneSatisfy(arg -> assertThat(arg).contains("demo-token"));
            assertThat(command).noneSatisfy(arg -> assertThat(arg).contains("demo"));
        }
        assertThat(command(stack, Service.ALERT)).contains("-Dquarkus.profile=prod");
    }

    @Test
    void listenTakesLoopbackAndWildcardLiteralsAndExplainsAnythingElse() {
        assertThat(Main.listen(List.of("up"))).isEqualTo("127.0.0.1");
        assertThat(Main.listen(List.of("up", "--listen", "localhost"))).isEqualTo("127.0.0.1");
        assertThat(Main.listen(List.of("up", "--listen", "127.0.0.2"))).isEqualTo("127.0.0.2");
        assertThat(Main.listen(List.of("up", "--listen", "::"))).isEqualTo("0:0:0:0:0:0:0:0");
        assertThat(Main.listen(List.of("up", "--listen", "[::1]"))).isEqualTo("0:0:0:0:0:0:0:1");
        for (String bad : List.of(
                "example.com", "", "10.0.0.1", "999.1.1.1", "127.1", "1.2.3.4.5", "0.0.0.0\u0000", "::g", "::1%lo")) {
            assertThatThrownBy(() -> Main.listen(List.of("up", "--listen", bad)))
                    .as(bad)
                    .isInstanceOf(Main.Usage.class)
                    .hasMessageStartingWith("--listen")
                    .hasMessageNotContaining("\u0000");
        }
        assertThatThrownBy(() -> Main.listen(List.of("up", "--listen"))).isInstanceOf(Main.Usage.class);
        assertThatThrownBy(() -> Main.load(List.of("demo", "--load", "ten"))).isInstanceOf(Main.Usage.class);
        assertThatThrownBy(() -> Main.load(List.of("demo", "--load"))).isInstanceOf(Main.Usage.class);
        assertThat(Main.load(List.of("demo", "--load", "500"))).isEqualTo(500);
    }

    /** Issue #17: the private key and credentials.json were written with the default (world-readable) mode. */
    @Test
    void secretFilesAreReadableByTheirOwnerOnly() throws Exception {
        Keys keys = new Keys(root.resolve(".termsguard/jwt"));
        keys.ensure();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.privateKey())))
                .isEqualTo("rw-------");

        Path credentials = root.resolve(".termsguard/credentials.json");
        SecretFile.write(credentials, "{\"producerKey\":\"tgk_x\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                .isEqualTo("rw-------");
        // One written by an older launcher with the default mode is replaced, not rewritten in place.
        Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-r--r--"));
        SecretFile.write(credentials, "{\"producerKey\":\"tgk_y\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(credentials)).contains("tgk_y");
        try (var left = Files.list(credentials.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
        assertThat(keys.token("t", java.util.Set.of("platform-admin"), List.of(), java.time.Duration.ofMinutes(1)))
                .startsWith("ey");
    }
}
