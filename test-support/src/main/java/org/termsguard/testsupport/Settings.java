package org.termsguard.testsupport;

import java.util.Map;
import java.util.function.Function;

/** Reads test settings from system properties first, then the environment; swappable in unit tests. */
public record Settings(Function<String, String> properties, Function<String, String> environment) {

    public static Settings fromSystem() {
        return new Settings(System::getProperty, System::getenv);
    }

    public static Settings of(Map<String, String> properties, Map<String, String> environment) {
        return new Settings(properties::get, environment::get);
    }

    /** The value of {@code property}, else of {@code env}, else null. */
    public String get(String property, String env) {
        String value = properties.apply(property);
        return value != null ? value : environment.apply(env);
    }
}
