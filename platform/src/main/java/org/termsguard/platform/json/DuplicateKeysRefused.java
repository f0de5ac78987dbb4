package org.termsguard.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A JSON object that names a key twice is refused (400), not read as whichever came last: two readers of the same
 * document could otherwise disagree about what it says, and Jackson cannot bind a duplicate to a record at all
 * (it answered 500 until the reliability suite's bad-input cases found it).
 */
@Singleton
public class DuplicateKeysRefused implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
