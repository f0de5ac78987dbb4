package org.termsguard.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Why data is used. The AI and search tokens are RSL 1.0 usage tokens; {@code ai-all} and {@code all} are its
 * covering tokens. {@code train-ai} (IETF aipref and older RSL guides) is read as {@link #AI_TRAIN}.
 */
public enum Purpose {
    AI_TRAIN("ai-train"),
    AI_INPUT("ai-input"),
    AI_INDEX("ai-index"),
    SEARCH("search"),
    AI_ALL("ai-all"),
    ALL("all"),
    DISPLAY("display"),
    ANALYTICS("analytics"),
    ARCHIVE("archive"),
    UNKNOWN("unknown");

    private static final Map<String, Purpose> BY_TOKEN =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Purpose::token, Function.identity()));
    private static final Set<Purpose> AI_TOKENS = EnumSet.of(AI_TRAIN, AI_INPUT, AI_INDEX);

    private final String token;

    Purpose(String token) {
        this.token = token;
    }

    @JsonValue
    public String token() {
        return token;
    }

    /** Reads a token, case-insensitively, accepting the {@code train-ai} alias; empty when unknown. */
    public static Optional<Purpose> fromToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String normalized = token.trim().toLowerCase(Locale.ROOT);
        if (normalized.equals("train-ai")) {
            return Optional.of(AI_TRAIN);
        }
        return Optional.ofNullable(BY_TOKEN.get(normalized));
    }

    @JsonCreator
    static Purpose parse(String token) {
        return fromToken(token)
                .orElseThrow(() -> new IllegalArgumentException("unknown purpose '" + token + "'; expected one of "
                        + BY_TOKEN.keySet().stream().sorted().collect(Collectors.joining(", "))));
    }

    /**
     * Whether a grant of this purpose covers {@code used}: RSL's {@code all} covers every purpose, {@code ai-all}
     * covers the ai-* tokens, any other token covers only itself.
     */
    public boolean covers(Purpose used) {
        return this == used || this == ALL || (this == AI_ALL && AI_TOKENS.contains(used));
    }
}
