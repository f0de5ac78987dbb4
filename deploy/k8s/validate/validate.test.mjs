// npm test: both overlays pass, and each way of breaking issue #17's invariants is caught. The overlays are
// rendered with kubectl kustomize, as CI does, then broken one object at a time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, stringify } from "yaml";
import { validate } from "./validate.mjs";
import { admits, consumerNeeds, selects } from "./invariants.mjs";

function render(overlay) {
  const dir = fileURLToPath(new URL(`../overlays/${overlay}`, import.meta.url));
  const text = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8" });
  return parseAllDocuments(text).map((d) => d.toJS()).filter(Boolean);
}

const find = (docs, kind, name) => docs.find((d) => d.kind === kind && d.metadata.name === name);

async function broken(change, overlay = "production") {
  const docs = render(overlay);
  change(docs);
  const { lines, failures } = await validate(docs.map((d) => stringify(d)).join("---\n"));
  return { failures, invalid: lines.filter((l) => l.startsWith("INVALID")).join("\n") };
}

for (const overlay of ["dev", "production"]) {
  test(`${overlay}: every object and invariant holds; the summary is the last line`, async () => {
    const { lines, failures } = await validate(render(overlay).map((d) => stringify(d)).join("---\n"));
    assert.equal(failures, 0, lines.filter((l) => l.startsWith("INVALID")).join("\n"));
    assert.match(lines.at(-1), /^\d+ objects, \d+ invariants, 0 invalid$/);
  });
}

test("a plaintext listener without authentication is refused, in dev too", async () => {
  const { failures, invalid } = await broken((docs) => {
    find(docs, "Kafka", "termsguard").spec.kafka.listeners.push({ name: "plain", port: 9092, type: "internal", tls: false });
  }, "dev");
  assert.ok(failures > 0);
  assert.match(invalid, /listener plain \(9092\) is plaintext/);
  assert.match(invalid, /listener plain \(9092\) authenticates nobody/);
  assert.match(invalid, /listener plain has no networkPolicyPeers/);
});

test("Kafka without authorization or User Operator is refused", async () => {
  const { invalid } = await broken((docs) => {
    const kafka = find(docs, "Kafka", "termsguard");
    delete kafka.spec.kafka.authorization;
    delete kafka.spec.entityOperator.userOperator;
  });
  assert.match(invalid, /authorization is missing/);
  assert.match(invalid, /userOperator is missing/);
});

test("a service without a KafkaUser is refused", async () => {
  const { invalid } = await broken((docs) => docs.splice(docs.indexOf(find(docs, "KafkaUser", "policy-service-kafka")), 1));
  assert.match(invalid, /Deployment\/policy-service: .*reads Secret policy-service-kafka, which no KafkaUser creates/);
});

test("credentials written into a ConfigMap, or a plaintext protocol, are refused", async () => {
  const { invalid } = await broken((docs) => {
    const deployment = find(docs, "Deployment", "ingest-service");
    deployment.spec.template.spec.containers[0].env = [];
    const config = find(docs, "ConfigMap", "ingest-service").data;
    config.KAFKA_SASL_JAAS_CONFIG = 'org.apache.kafka.common.security.scram.ScramLoginModule required username="x" password="y";';
    config.KAFKA_SECURITY_PROTOCOL = "PLAINTEXT";
  });
  assert.match(invalid, /Deployment\/ingest-service: .*KAFKA_SECURITY_PROTOCOL is PLAINTEXT/);
  assert.match(invalid, /KAFKA_SASL_JAAS_CONFIG must come from a KafkaUser's Secret/);
  assert.match(invalid, /KAFKA_SSL_TRUSTSTORE_PASSWORD must come from termsguard-cluster-ca-cert/);
});

test("the old plaintext bootstrap port and an unmounted truststore are refused", async () => {
  const { invalid } = await broken((docs) => {
    find(docs, "ConfigMap", "alert-service").data.KAFKA_BOOTSTRAP_SERVERS = "termsguard-kafka-bootstrap:9092";
    find(docs, "Deployment", "alert-service").spec.template.spec.containers[0].volumeMounts.pop();
  });
  assert.match(invalid, /bootstrap termsguard-kafka-bootstrap:9092: no listener on port 9092/);
  assert.match(invalid, /KAFKA_SSL_TRUSTSTORE_LOCATION \(\/kafka-ca\/ca.p12\) is not ca.p12 of a mounted termsguard-cluster-ca-cert/);
});

test("a shared KafkaUser is refused", async () => {
  const { invalid } = await broken((docs) => {
    find(docs, "Deployment", "alert-service").spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name = "policy-service-kafka";
  });
  assert.match(invalid, /KafkaUser\/policy-service-kafka is shared by/);
  assert.match(invalid, /KafkaUser\/alert-service-kafka is used by no service/);
});

test("an ACL on a topic that is no KafkaTopic, or one that creates topics, is refused", async () => {
  const { invalid } = await broken((docs) => {
    const acls = find(docs, "KafkaUser", "ingest-service-kafka").spec.authorization.acls;
    acls[0].resource.name = "access-event";
    acls.push({ resource: { type: "topic", name: "alerts", patternType: "literal" }, operations: ["Create"] });
  });
  assert.match(invalid, /topic access-event is no KafkaTopic/);
  assert.match(invalid, /Create on topic alerts/);
});

test("a prefix ACL on topics, or one on every consumer group, is refused", async () => {
  const { invalid } = await broken((docs) => {
    const acls = find(docs, "KafkaUser", "alert-service-kafka").spec.authorization.acls;
    acls.push({ resource: { type: "topic", name: "", patternType: "prefix" }, operations: ["Read"] });
    acls.push({ resource: { type: "group", name: "", patternType: "prefix" }, operations: ["Read"] });
  });
  assert.match(invalid, /topic ACL {2}is a prefix, not a literal topic/);
  assert.match(invalid, /an ACL on every consumer group/);
});

test("a bootstrap address outside the cluster is refused", async () => {
  const { invalid } = await broken((docs) => {
    find(docs, "ConfigMap", "ingest-service").data.KAFKA_BOOTSTRAP_SERVERS = "termsguard-kafka-bootstrap.example.com:9093";
  });
  assert.match(invalid, /bootstrap termsguard-kafka-bootstrap.example.com:9093 is not the service termsguard-kafka-bootstrap/);
});

test("a KafkaUser missing what its service's consumers need is refused", async () => {
  const { invalid } = await broken((docs) => {
    const user = find(docs, "KafkaUser", "policy-service-kafka");
    user.spec.authorization.acls = user.spec.authorization.acls.filter((a) => a.resource.name !== "policy-cache-" && a.resource.name !== "access-events.dlq");
  });
  assert.match(invalid, /no Read on group policy-cache-\*/);
  assert.match(invalid, /no Write on topic access-events.dlq/);
});

test("a service that would create its own topics is refused", async () => {
  const { invalid } = await broken((docs) => {
    find(docs, "ConfigMap", "alert-service").data.TERMSGUARD_TOPICS_CREATE = "true";
  });
  assert.match(invalid, /Deployment\/alert-service: .*TERMSGUARD_TOPICS_CREATE must be "false"/);
});

test("Kafka without its NetworkPolicies, or with its listener open to all pods, is refused", async () => {
  const none = await broken((docs) => {
    for (const name of ["kafka-default-deny", "kafka-clients", "kafka-strimzi"]) docs.splice(docs.indexOf(find(docs, "NetworkPolicy", name)), 1);
  });
  assert.match(none.invalid, /no NetworkPolicy selects the dual-role nodes/);
  const isolatedFromStrimzi = await broken((docs) => docs.splice(docs.indexOf(find(docs, "NetworkPolicy", "kafka-strimzi")), 1));
  assert.match(isolatedFromStrimzi.invalid, /strimzi\/\{"strimzi.io\/kind":"cluster-operator"\} cannot reach port 9090/);
  assert.match(isolatedFromStrimzi.invalid, /"strimzi.io\/name":"termsguard-entity-operator"\} cannot reach port 9091/);
  const open = await broken((docs) => delete find(docs, "Kafka", "termsguard").spec.kafka.listeners[0].networkPolicyPeers);
  assert.match(open.invalid, /"stranger"\} reaches a port of the dual-role nodes/);
});

test("PostgreSQL open to everyone, or closed to a service, is refused", async () => {
  const open = await broken((docs) => {
    find(docs, "NetworkPolicy", "postgres-clients").spec.ingress.push({});
  });
  assert.match(open.invalid, /elsewhere\/\{"app.kubernetes.io\/name":"stranger"\} reaches a port of the instances/);
  const closed = await broken((docs) => {
    find(docs, "NetworkPolicy", "postgres-clients").spec.ingress[0].from[0].podSelector.matchExpressions[0].values = ["ingest-service"];
  });
  assert.match(closed.invalid, /"app.kubernetes.io\/name":"alert-service".* cannot reach 5432/);
});

test("a NetworkPolicy that shuts a service's HTTP port is refused", async () => {
  const { invalid } = await broken((docs) => {
    docs.push({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "deny-all", namespace: "termsguard" },
      spec: { podSelector: {}, policyTypes: ["Ingress"] },
    });
  });
  assert.match(invalid, /Deployment\/ingest-service: its HTTP ports stay reachable: .* cannot reach 8081/);
});

test("label selectors and peers follow Kubernetes' semantics", () => {
  const labels = { a: "1", b: "2" };
  assert.ok(selects({}, labels));
  assert.ok(selects({ matchLabels: { a: "1" }, matchExpressions: [{ key: "b", operator: "In", values: ["2", "3"] }] }, labels));
  assert.ok(!selects({ matchExpressions: [{ key: "b", operator: "NotIn", values: ["2"] }] }, labels));
  assert.ok(selects({ matchExpressions: [{ key: "c", operator: "DoesNotExist" }] }, labels));
  assert.ok(!selects({ matchExpressions: [{ key: "c", operator: "Exists" }] }, labels));
  const target = { namespace: "n", labels: { app: "db" }, ports: { pg: 5432 } };
  const policy = (ingress) => ({ metadata: { namespace: "n" }, spec: { podSelector: { matchLabels: { app: "db" } }, ingress } });
  const neighbour = { namespace: "n", namespaceLabels: { "kubernetes.io/metadata.name": "n" }, labels: { app: "web" } };
  const outsider = { namespace: "o", namespaceLabels: { "kubernetes.io/metadata.name": "o" }, labels: { app: "web" } };
  const fromWeb = [{ from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ port: "pg" }] }];
  assert.ok(admits([policy(fromWeb)], target, neighbour, 5432), "a named port resolves to the container's");
  assert.ok(!admits([policy(fromWeb)], target, neighbour, 5433));
  assert.ok(!admits([policy(fromWeb)], target, outsider, 5432), "a podSelector alone means this namespace");
  assert.ok(admits([policy([{ from: [{ namespaceSelector: {} }] }])], target, outsider, 1), "namespaceSelector {} means every namespace");
  assert.ok(admits([policy([{ from: [{ ipBlock: { cidr: "10.0.0.0/8" } }] }])], target, outsider, 1), "an ipBlock counts as open");
  assert.ok(!admits([policy([])], target, neighbour, 5432), "a selecting policy without rules denies");
  assert.ok(admits([], target, outsider, 5432), "an unselected pod admits everyone");
});

test("consumer needs come from the default and %prod profiles of application.properties", () => {
  const needs = consumerNeeds(
    [
      "mp.messaging.incoming.in.topic=t",
      "mp.messaging.incoming.in.group.id=g-${quarkus.uuid}",
      "%prod.mp.messaging.incoming.in.failure-strategy=dead-letter-queue",
      "mp.messaging.incoming.in.dead-letter-queue.topic=t.dlq",
      "%test.mp.messaging.incoming.in.topic=ignored",
    ].join("\n"),
  );
  assert.deepEqual(needs, [
    { type: "topic", name: "t", operation: "Read" },
    { type: "group", name: "g-", operation: "Read", prefix: true },
    { type: "topic", name: "t.dlq", operation: "Write" },
  ]);
});
