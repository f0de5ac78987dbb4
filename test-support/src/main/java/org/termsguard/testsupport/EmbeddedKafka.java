package org.termsguard.testsupport;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.common.utils.AppInfoParser;

/** A genuine single-node KRaft broker (broker and controller roles) running inside the test JVM. */
final class EmbeddedKafka implements KafkaServer {

    private final EmbeddedKafkaBroker broker;

    private EmbeddedKafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    static EmbeddedKafka start() {
        quietBrokerLogs();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    // Services create their topics with the settings DESIGN.md gives; a typo must not
                    // silently create a topic with broker defaults.
                    props.put("auto.create.topics.enable", "false");
                    props.put("group.initial.rebalance.delay.ms", "0");
                    props.put("offsets.topic.replication.factor", "1");
                    props.put("offsets.topic.num.partitions", "5");
                    props.put("transaction.state.log.replication.factor", "1");
                    props.put("transaction.state.log.min.isr", "1");
                    props.put("num.partitions", "1");
                })
                .start();
        return new EmbeddedKafka(broker);
    }

    /** The broker logs every partition change at INFO; tests only need its warnings. */
    private static void quietBrokerLogs() {
        for (String category : new String[] {"kafka", "org.apache.kafka", "state.change.logger", "io.smallrye"}) {
            Logger.getLogger(category).setLevel(Level.WARNING);
        }
    }

    @Override
    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replaceAll("[A-Z_]+://", "");
    }

    @Override
    public String description() {
        return "embedded Apache Kafka " + AppInfoParser.getVersion() + " broker (KRaft, node " + broker.getNodeId()
                + ", cluster " + broker.getClusterId() + ") at " + bootstrapServers();
    }

    @Override
    public void close() {
        broker.close();
    }
}
