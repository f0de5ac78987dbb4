package org.termsguard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class InfraModeTest {

    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;

    @Test
    void autoPrefersGivenServersThenContainersThenEmbedded() {
        assertThat(InfraMode.AUTO.resolve("Kafka", true, DOCKER)).isEqualTo(InfraMode.EXTERNAL);
        assertThat(InfraMode.AUTO.resolve("Kafka", false, DOCKER)).isEqualTo(InfraMode.CONTAINERS);
        assertThat(InfraMode.AUTO.resolve("Kafka", false, NO_DOCKER)).isEqualTo(InfraMode.EMBEDDED);
    }

    @Test
    void autoDoesNotAskDockerWhenAnExternalServerIsGiven() {
        AtomicInteger asked = new AtomicInteger();
        InfraMode.AUTO.resolve("Kafka", true, () -> asked.incrementAndGet() > 0);
        assertThat(asked).hasValue(0);
    }

    @Test
    void containersWithoutDockerFailsWithAClearMessage() {
        assertThatThrownBy(() -> InfraMode.CONTAINERS.resolve("PostgreSQL", false, NO_DOCKER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Docker engine answers")
                .hasMessageContaining("PostgreSQL")
                .hasMessageContaining("termsguard.test.infra=embedded");
    }

    @Test
    void externalWithoutAnAddressFails() {
        assertThatThrownBy(() -> InfraMode.EXTERNAL.resolve("Kafka", false, DOCKER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no address is configured for Kafka");
    }

    @Test
    void embeddedIsEmbeddedWhateverElseIsThere() {
        assertThat(InfraMode.EMBEDDED.resolve("Kafka", true, DOCKER)).isEqualTo(InfraMode.EMBEDDED);
    }

    @Test
    void requestedModeComesFromPropertyThenEnvironmentThenDefault() {
        assertThat(InfraMode.requested(Settings.of(Map.of(), Map.of()))).isEqualTo(InfraMode.AUTO);
        assertThat(InfraMode.requested(Settings.of(Map.of(), Map.of(InfraMode.ENV, "containers"))))
                .isEqualTo(InfraMode.CONTAINERS);
        assertThat(InfraMode.requested(
                        Settings.of(Map.of(InfraMode.PROPERTY, "Embedded"), Map.of(InfraMode.ENV, "containers"))))
                .isEqualTo(InfraMode.EMBEDDED);
    }

    @Test
    void unknownModeIsRejected() {
        assertThatThrownBy(() -> InfraMode.requested(Settings.of(Map.of(InfraMode.PROPERTY, "docker"), Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("use auto, embedded, containers or external");
    }

    @Test
    void externalPostgresUrlIsParsedWithOrWithoutJdbcPrefix() {
        assertThat(ExternalPostgres.parse("postgresql://tg:secret@db.local:6543/ignored"))
                .isEqualTo(new ExternalPostgres("db.local", 6543, "tg", "secret"));
        assertThat(ExternalPostgres.parse("jdbc:postgresql://localhost/x"))
                .isEqualTo(new ExternalPostgres("localhost", 5432, "postgres", ""));
        assertThatThrownBy(() -> ExternalPostgres.parse("mysql://localhost")).isInstanceOf(IllegalStateException.class);
    }
}
