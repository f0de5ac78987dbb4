package org.termsguard.alert.deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.termsguard.alert.routes.ReceiverType;
import org.termsguard.alert.routes.Route;
import org.termsguard.contracts.net.TargetPolicy;

/** Receiver types as an enum (issue #15): the same tokens on the wire, one checked destination per type. */
class DestinationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TargetPolicy POLICY =
            new TargetPolicy(false, List.of(), host -> new InetAddress[] {InetAddress.getByName("93.184.216.34")});

    @Test
    void receiversKeepTheirTokensOnTheWire() throws Exception {
        String json = "{\"type\":\"alertmanager\",\"url\":\"https://am.x.example/hook\",\"secret\":null,\"to\":[],"
                + "\"minSeverity\":\"info\"}";
        Route.Receiver receiver = JSON.readValue(json, Route.Receiver.class);
        assertThat(receiver.type()).isEqualTo(ReceiverType.ALERTMANAGER);
        // A route stored before requireVerifiedIdentity reads as not requiring it.
        assertThat(receiver.requireVerifiedIdentity()).isFalse();
        assertThat(JSON.readTree(JSON.writeValueAsString(receiver)))
                .isEqualTo(JSON.readTree(json.replace("}", ",\"requireVerifiedIdentity\":false}")));
        assertThat(JSON.readValue("{\"type\":\"pager\"}", Route.Receiver.class).type())
                .as("a type this version does not know is left for the route's validation to name")
                .isNull();
        assertThat(List.of(ReceiverType.values()).stream().map(ReceiverType::token))
                .containsExactly("webhook", "alertmanager", "email");
    }

    @Test
    void eachTypeHasItsDestination() {
        var webhook = Destination.of(ReceiverType.WEBHOOK, "https://hooks.example.com/x", "s3cret", POLICY);
        assertThat(webhook).isInstanceOfSatisfying(Destination.Webhook.class, w -> {
            assertThat(w.secret()).isEqualTo("s3cret");
            assertThat(w.address().port()).isEqualTo(443);
        });
        assertThat(Destination.of(ReceiverType.ALERTMANAGER, "https://am.example.com/x", null, POLICY))
                .isInstanceOf(Destination.Alertmanager.class);
        assertThat(Destination.of(ReceiverType.EMAIL, "legal@x.example,ops@x.example", null, POLICY))
                .isEqualTo(new Destination.Email(List.of("legal@x.example", "ops@x.example")));
        assertThat(Destination.of(ReceiverType.WEBHOOK, "http://hooks.example.com/x", null, POLICY))
                .isEqualTo(new Destination.Refused("only https URLs may be called"));
        assertThat(Destination.of(null, "https://hooks.example.com/x", null, POLICY))
                .isInstanceOf(Destination.Refused.class);
    }
}
