package org.termsguard.testsupport;

/** A running Kafka cluster the tests talk to. */
public interface KafkaServer extends AutoCloseable {

    String bootstrapServers();

    /** How it was started and which version runs, for the log. */
    String description();

    @Override
    void close();
}
