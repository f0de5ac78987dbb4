package org.termsguard.testsupport;

import org.testcontainers.kafka.KafkaContainer;

/** The official apache/kafka image in KRaft mode, through Testcontainers. */
final class ContainerKafka implements KafkaServer {

    static final String IMAGE = "apache/kafka:4.1.1";

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafka start() {
        KafkaContainer container = new KafkaContainer(IMAGE).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String description() {
        return "Apache Kafka container " + IMAGE + " (KRaft) at " + bootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
