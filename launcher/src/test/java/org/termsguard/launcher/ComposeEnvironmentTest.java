package org.termsguard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable docker-compose.yml sets for a service is one that service's configuration reads:
 * MicroProfile Config maps {@code QUARKUS_DATASOURCE_JDBC_URL} to {@code quarkus.datasource.jdbc.url} by
 * upper-casing the key and replacing every other character with {@code _}; a typo would be ignored silently.
 */
class ComposeEnvironmentTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyVariableASetsIsReadByTheService() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory())
                .readTree(ROOT.resolve("docker-compose.yml").toFile());
        int checked = 0;
        for (var services = compose.path("services").fields(); services.hasNext(); ) {
            var service = services.next();
            String context = service.getValue().path("build").path("context").asText("");
            if (!context.endsWith("-service")) {
                continue;
            }
            Set<String> readable = environmentForms(
                    ROOT.resolve(context).normalize().resolve("src/main/resources/application.properties"));
            for (var variables = service.getValue().path("environment").fieldNames(); variables.hasNext(); ) {
                String variable = variables.next();
                assertThat(readable)
                        .as(
                                "%s sets %s, which no key of its application.properties maps to",
                                service.getKey(), variable)
                        .contains(variable);
                checked++;
            }
        }
        assertThat(checked).as("variables checked").isGreaterThan(20);
    }

    @Test
    void theMappingIsMicroProfileConfigs() {
        assertThat(environmentForm("%dev.quarkus.datasource.jdbc.url")).isEqualTo("QUARKUS_DATASOURCE_JDBC_URL");
        assertThat(environmentForm("termsguard.alert.default-route.group-wait"))
                .isEqualTo("TERMSGUARD_ALERT_DEFAULT_ROUTE_GROUP_WAIT");
    }

    private static Set<String> environmentForms(Path properties) throws IOException {
        Properties keys = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
            keys.load(reader);
        }
        Set<String> forms = new HashSet<>();
        keys.stringPropertyNames().forEach(key -> forms.add(environmentForm(key)));
        return forms;
    }

    static String environmentForm(String key) {
        String unprofiled = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
        return unprofiled.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
