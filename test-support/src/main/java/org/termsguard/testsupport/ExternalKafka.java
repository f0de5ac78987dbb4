package org.termsguard.testsupport;

/** A broker someone else runs, addressed by {@value #ENV}. */
record ExternalKafka(String bootstrapServers) implements KafkaServer {

    static final String PROPERTY = "termsguard.test.kafka.bootstrap-servers";
    static final String ENV = "TERMSGUARD_TEST_KAFKA_BOOTSTRAP_SERVERS";

    @Override
    public String description() {
        return "external Kafka at " + bootstrapServers;
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
