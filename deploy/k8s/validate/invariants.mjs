// The security invariants of issue #17 over one rendered overlay, so that they cannot rot: Kafka is reached only
// over TLS with SCRAM, each service as a KafkaUser of its own whose ACLs name existing KafkaTopics and cover what
// its consumers read, and NetworkPolicies admit only the services (and the operators) to Kafka and PostgreSQL.
// Each invariant is { name, problems }; no problems means it holds.
import { readFileSync, existsSync } from "node:fs";

const ANY_PORT = Symbol("any port");
const SERVICE_LABEL = "app.kubernetes.io/name";

/** Kubernetes label-selector semantics; an absent selector selects everything, like podSelector: {}. */
export function selects(selector, labels) {
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const e of selector?.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const within = has && (e.values ?? []).includes(labels[e.key]);
    const holds = { In: within, NotIn: !within, Exists: has, DoesNotExist: !has }[e.operator];
    if (!holds) return false;
  }
  return true;
}

function isIngressPolicy(np) {
  // Without policyTypes a policy always governs ingress (networking.k8s.io/v1 NetworkPolicySpec).
  return !np.spec?.policyTypes || np.spec.policyTypes.includes("Ingress");
}

function peerAdmits(peer, from, policyNamespace) {
  // An ipBlock admits addresses, and pods have addresses too: counted as admitting anyone, to err on the safe side.
  if (peer.ipBlock) return true;
  if (peer.namespaceSelector) {
    if (!selects(peer.namespaceSelector, from.namespaceLabels)) return false;
  } else if (from.namespace !== policyNamespace) {
    return false;
  }
  return peer.podSelector ? selects(peer.podSelector, from.labels) : true;
}

function portAdmits(ports, port, target) {
  if (!ports?.length || port === ANY_PORT) return true;
  return ports.some((p) => {
    if ((p.protocol ?? "TCP") !== "TCP") return false;
    if (p.port === undefined) return true;
    const number = typeof p.port === "string" ? target.ports?.[p.port] : p.port;
    return number === port || (p.endPort !== undefined && number <= port && port <= p.endPort);
  });
}

/** Whether the union of {@code policies} lets {@code from} open a TCP connection to {@code target} on {@code port}. */
export function admits(policies, target, from, port) {
  const governing = policies.filter(
    (np) => np.metadata.namespace === target.namespace && isIngressPolicy(np) && selects(np.spec.podSelector, target.labels),
  );
  if (governing.length === 0) return true;
  return governing.some((np) =>
    (np.spec.ingress ?? []).some(
      (rule) =>
        (!rule.from?.length || rule.from.some((peer) => peerAdmits(peer, from, np.metadata.namespace))) &&
        portAdmits(rule.ports, port, target),
    ),
  );
}

function isolated(policies, target) {
  return policies.some(
    (np) => np.metadata.namespace === target.namespace && isIngressPolicy(np) && selects(np.spec.podSelector, target.labels),
  );
}

function pod(namespace, labels, ports = {}) {
  return { namespace, namespaceLabels: { "kubernetes.io/metadata.name": namespace }, labels, ports };
}

/** The ingress policy Strimzi's Cluster Operator generates for a Kafka cluster's nodes (KafkaCluster.generateNetworkPolicy). */
function strimziGeneratedPolicy(kafka, nodeLabels) {
  const clusterOperator = { namespaceSelector: {}, podSelector: { matchLabels: { "strimzi.io/kind": "cluster-operator" } } };
  const nodes = { podSelector: { matchLabels: nodeLabels } };
  const entityOperator = { podSelector: { matchLabels: { "strimzi.io/name": `${kafka.metadata.name}-entity-operator` } } };
  return {
    metadata: { name: `${kafka.metadata.name}-network-policy-kafka`, namespace: kafka.metadata.namespace },
    spec: {
      podSelector: { matchLabels: nodeLabels },
      policyTypes: ["Ingress"],
      ingress: [
        { from: [nodes, clusterOperator], ports: [{ port: 9090 }] },
        { from: [clusterOperator, nodes, entityOperator], ports: [{ port: 9091 }] },
        { from: [clusterOperator], ports: [{ port: 8443 }] },
        // A listener without networkPolicyPeers is open to every pod (an empty from).
        ...(kafka.spec.kafka.listeners ?? []).map((l) => ({ from: l.networkPolicyPeers ?? [], ports: [{ port: l.port }] })),
      ],
    },
  };
}

function properties(text) {
  const entries = new Map();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([^#!\s][^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
    if (m) entries.set(m[1], m[2].trim());
  }
  return entries;
}

/**
 * What a service's consumers need from Kafka, read from its application.properties (the default and %prod
 * profiles): Read on each incoming channel's topic and consumer group, Write on its dead-letter topic. A group id
 * with an expression (policy-cache-${quarkus.uuid}) needs its literal start as a prefix.
 */
export function consumerNeeds(propertiesText) {
  const config = properties(propertiesText);
  const value = (key) => config.get(`%prod.${key}`) ?? config.get(key);
  const channels = new Set();
  for (const key of config.keys()) {
    const m = /^(?:%prod\.)?mp\.messaging\.incoming\.([^.]+)\./.exec(key);
    if (m) channels.add(m[1]);
  }
  const needs = [];
  for (const channel of channels) {
    const prefix = `mp.messaging.incoming.${channel}.`;
    needs.push({ type: "topic", name: value(prefix + "topic") ?? channel, operation: "Read" });
    const group = value(prefix + "group.id");
    if (group !== undefined) {
      const dynamic = group.indexOf("${");
      needs.push(
        dynamic < 0
          ? { type: "group", name: group, operation: "Read" }
          : { type: "group", name: group.slice(0, dynamic), operation: "Read", prefix: true },
      );
    }
    if (value(prefix + "failure-strategy") === "dead-letter-queue") {
      const dlq = value(prefix + "dead-letter-queue.topic") ?? `dead-letter-topic-${channel}`;
      needs.push({ type: "topic", name: dlq, operation: "Write" });
    }
  }
  return needs;
}

function granted(acls, need) {
  return acls.some((acl) => {
    const r = acl.resource ?? {};
    if (r.type !== need.type) return false;
    const ops = acl.operations ?? (acl.operation ? [acl.operation] : []);
    if (!ops.includes(need.operation) && !ops.includes("All")) return false;
    if (r.type === "cluster") return true;
    const pattern = r.patternType ?? "literal";
    if (need.prefix) return pattern === "prefix" && need.name.startsWith(r.name);
    return pattern === "prefix" ? need.name.startsWith(r.name) : r.name === need.name || r.name === "*";
  });
}

/** The environment a container sees: envFrom ConfigMaps and Secrets of the render, then env (which wins). */
function environment(container, docs, namespace) {
  const env = new Map();
  const find = (kind, name) => docs.find((d) => d.kind === kind && d.metadata?.name === name && d.metadata?.namespace === namespace);
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      for (const [k, v] of Object.entries(find("ConfigMap", source.configMapRef.name)?.data ?? {})) env.set(k, { value: v, from: "ConfigMap" });
    }
    if (source.secretRef) {
      const secret = find("Secret", source.secretRef.name);
      for (const k of Object.keys({ ...(secret?.data ?? {}), ...(secret?.stringData ?? {}) })) env.set(k, { from: "Secret", literal: true });
    }
  }
  for (const e of container.env ?? []) {
    env.set(e.name, e.valueFrom ? { valueFrom: e.valueFrom } : { value: e.value ?? "", from: "env" });
  }
  return env;
}

function secretRef(entry) {
  return entry?.valueFrom?.secretKeyRef;
}

export function invariants(docs) {
  const results = [];
  const check = (name, fn) => {
    const problems = [];
    try {
      fn(problems);
    } catch (e) {
      problems.push(`could not be checked: ${e.message}`);
    }
    results.push({ name, problems });
  };
  const all = (kind) => docs.filter((d) => d.kind === kind);
  const kafkas = all("Kafka");
  const topics = all("KafkaTopic");
  const users = all("KafkaUser");
  const policies = all("NetworkPolicy");
  const deployments = all("Deployment");
  const databases = docs.filter((d) => d.kind === "Cluster" && d.apiVersion?.startsWith("postgresql.cnpg.io/"));
  const topicNames = new Set(topics.map((t) => t.spec?.topicName ?? t.metadata.name));

  check("there is one Strimzi Kafka cluster and one CloudNativePG Cluster", (p) => {
    if (kafkas.length !== 1) p.push(`${kafkas.length} Kafka resources`);
    if (databases.length !== 1) p.push(`${databases.length} CloudNativePG Clusters`);
  });
  const kafka = kafkas[0];
  const cluster = kafka?.metadata.name;
  const namespace = kafka?.metadata.namespace;
  const listeners = kafka?.spec?.kafka?.listeners ?? [];

  check(`Kafka/${cluster}: every listener is TLS with authentication, authorization is on`, (p) => {
    if (listeners.length === 0) p.push("no listener");
    for (const l of listeners) {
      if (l.tls !== true) p.push(`listener ${l.name} (${l.port}) is plaintext`);
      if (!l.authentication?.type) p.push(`listener ${l.name} (${l.port}) authenticates nobody`);
    }
    if (!kafka?.spec?.kafka?.authorization?.type) p.push("spec.kafka.authorization is missing: every user could do everything");
    if (!kafka?.spec?.entityOperator?.userOperator) p.push("spec.entityOperator.userOperator is missing: KafkaUsers would never get credentials");
  });

  check("every KafkaTopic and KafkaUser belongs to the Kafka cluster", (p) => {
    for (const o of [...topics, ...users]) {
      if (o.metadata.labels?.["strimzi.io/cluster"] !== cluster) p.push(`${o.kind}/${o.metadata.name} is labelled for ${o.metadata.labels?.["strimzi.io/cluster"]}`);
    }
  });

  // The services: every Deployment that talks to Kafka.
  const services = [];
  for (const d of deployments) {
    const container = d.spec?.template?.spec?.containers?.[0];
    const env = container ? environment(container, docs, d.metadata.namespace) : new Map();
    if (env.has("KAFKA_BOOTSTRAP_SERVERS")) services.push({ deployment: d, container, env });
  }
  const userOf = new Map();

  check("every service that uses Kafka is a Deployment", (p) => {
    if (services.length === 0) p.push("no Deployment sets KAFKA_BOOTSTRAP_SERVERS");
  });

  for (const { deployment, container, env } of services) {
    const name = deployment.metadata.name;
    check(`Deployment/${name}: reaches Kafka over SASL_SSL as a KafkaUser of its own, trusting the cluster CA`, (p) => {
      const bootstrap = env.get("KAFKA_BOOTSTRAP_SERVERS")?.value ?? "";
      for (const address of bootstrap.split(",")) {
        const [host, port] = address.trim().split(":");
        const listener = listeners.find((l) => l.port === Number(port));
        const service = `${cluster}-kafka-bootstrap`;
        if (![service, `${service}.${namespace}`, `${service}.${namespace}.svc`, `${service}.${namespace}.svc.cluster.local`].includes(host)) {
          p.push(`bootstrap ${address} is not the service ${service}`);
        }
        if (!listener) p.push(`bootstrap ${address}: no listener on port ${port}`);
        else if (listener.tls !== true || listener.authentication?.type !== "scram-sha-512") p.push(`bootstrap ${address}: listener ${listener.name} is not TLS with SCRAM-SHA-512`);
      }
      const expect = { KAFKA_SECURITY_PROTOCOL: "SASL_SSL", KAFKA_SASL_MECHANISM: "SCRAM-SHA-512", KAFKA_SSL_TRUSTSTORE_TYPE: "PKCS12" };
      for (const [key, wanted] of Object.entries(expect)) {
        if (env.get(key)?.value !== wanted) p.push(`${key} is ${env.get(key)?.value ?? "unset"}, not ${wanted}`);
      }
      const jaas = secretRef(env.get("KAFKA_SASL_JAAS_CONFIG"));
      const user = users.find((u) => u.metadata.name === jaas?.name);
      if (!jaas || jaas.key !== "sasl.jaas.config") p.push("KAFKA_SASL_JAAS_CONFIG must come from a KafkaUser's Secret (key sasl.jaas.config), never be written out");
      else if (!user) p.push(`KAFKA_SASL_JAAS_CONFIG reads Secret ${jaas.name}, which no KafkaUser creates`);
      else if (user.spec?.authentication?.type !== "scram-sha-512") p.push(`KafkaUser/${user.metadata.name} does not authenticate with scram-sha-512`);
      else userOf.set(name, user);
      const caSecret = `${cluster}-cluster-ca-cert`;
      const password = secretRef(env.get("KAFKA_SSL_TRUSTSTORE_PASSWORD"));
      if (password?.name !== caSecret || password?.key !== "ca.password") p.push(`KAFKA_SSL_TRUSTSTORE_PASSWORD must come from ${caSecret} (key ca.password)`);
      const location = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION")?.value ?? "";
      const mounted = (container.volumeMounts ?? []).some((m) => {
        const volume = deployment.spec.template.spec.volumes?.find((v) => v.name === m.name);
        if (volume?.secret?.secretName !== caSecret) return false;
        const file = (volume.secret.items ?? [{ key: "ca.p12", path: "ca.p12" }]).find((i) => i.key === "ca.p12")?.path;
        return file !== undefined && location === `${m.mountPath.replace(/\/$/, "")}/${file}`;
      });
      if (!mounted) p.push(`KAFKA_SSL_TRUSTSTORE_LOCATION (${location || "unset"}) is not ca.p12 of a mounted ${caSecret}`);
      if (env.get("TERMSGUARD_TOPICS_CREATE")?.value !== "false") p.push("TERMSGUARD_TOPICS_CREATE must be \"false\": the KafkaTopics own the topics and no user may create them");
    });
  }

  check("every KafkaUser is exactly one service's", (p) => {
    const holders = new Map();
    for (const [deployment, user] of userOf) holders.set(user.metadata.name, [...(holders.get(user.metadata.name) ?? []), deployment]);
    for (const u of users) {
      const who = holders.get(u.metadata.name) ?? [];
      if (who.length === 0) p.push(`KafkaUser/${u.metadata.name} is used by no service`);
      if (who.length > 1) p.push(`KafkaUser/${u.metadata.name} is shared by ${who.join(", ")}`);
    }
  });

  for (const u of users) {
    check(`KafkaUser/${u.metadata.name}: ACLs only on existing KafkaTopics, never creating or deleting`, (p) => {
      const acls = u.spec?.authorization?.acls ?? [];
      if (u.spec?.authorization?.type !== "simple") p.push("authorization is not simple (ACLs)");
      if (acls.length === 0) p.push("no ACLs");
      for (const acl of acls) {
        const r = acl.resource ?? {};
        const ops = acl.operations ?? (acl.operation ? [acl.operation] : []);
        for (const op of ["All", "Create", "Delete", "Alter", "AlterConfigs"]) {
          if (ops.includes(op)) p.push(`${op} on ${r.type} ${r.name ?? ""}: topics belong to the KafkaTopics`);
        }
        if (r.type === "topic") {
          // A prefix could grow to cover topics nobody reviewed (and "" covers all): each topic is named.
          if ((r.patternType ?? "literal") !== "literal") p.push(`topic ACL ${r.name} is a ${r.patternType}, not a literal topic`);
          else if (r.name === "*") p.push("an ACL on every topic (*)");
          else if (!topicNames.has(r.name)) p.push(`topic ${r.name} is no KafkaTopic`);
        }
        if (r.type === "group" && (r.name === "*" || !r.name)) p.push("an ACL on every consumer group");
      }
      const writes = acls.some((a) => a.resource?.type === "topic" && (a.operations ?? [a.operation]).includes("Write"));
      if (writes && !granted(acls, { type: "cluster", operation: "IdempotentWrite" })) p.push("writes topics but lacks IdempotentWrite on the cluster (the producers are idempotent)");
    });
  }

  const root = new URL("../../../", import.meta.url);
  for (const [deployment, user] of userOf) {
    check(`KafkaUser/${user.metadata.name}: grants what ${deployment}'s consumers read and dead-letter`, (p) => {
      const file = new URL(`${deployment}/src/main/resources/application.properties`, root);
      if (!existsSync(file)) {
        p.push(`${file.pathname} not found`);
        return;
      }
      for (const need of consumerNeeds(readFileSync(file, "utf8"))) {
        if (!granted(user.spec?.authorization?.acls ?? [], need)) p.push(`no ${need.operation} on ${need.type} ${need.name}${need.prefix ? "*" : ""}`);
        if (need.type === "topic" && !topicNames.has(need.name)) p.push(`topic ${need.name} is no KafkaTopic`);
      }
    });
  }

  // NetworkPolicies, evaluated against the pods the operators create.
  const strangers = [
    pod(namespace, { [SERVICE_LABEL]: "stranger" }),
    pod("elsewhere", { [SERVICE_LABEL]: "stranger" }),
  ];
  const servicePods = services.map(({ deployment, container }) =>
    pod(
      deployment.metadata.namespace,
      deployment.spec.template.metadata?.labels ?? {},
      Object.fromEntries((container.ports ?? []).filter((p) => p.name).map((p) => [p.name, p.containerPort])),
    ),
  );
  const nodeLabels = { "strimzi.io/cluster": cluster, "strimzi.io/kind": "Kafka", "strimzi.io/name": `${cluster}-kafka` };
  const nodePools = all("KafkaNodePool").filter((np) => np.metadata.labels?.["strimzi.io/cluster"] === cluster);
  const kafkaPods = nodePools.map((np) =>
    pod(namespace, {
      ...nodeLabels,
      "strimzi.io/pool-name": np.metadata.name,
      "strimzi.io/component-type": "kafka",
      "app.kubernetes.io/name": "kafka",
      "app.kubernetes.io/instance": cluster,
      ...(np.spec?.roles?.includes("broker") ? { "strimzi.io/broker-role": "true" } : {}),
      ...(np.spec?.roles?.includes("controller") ? { "strimzi.io/controller-role": "true" } : {}),
    }),
  );
  const withStrimzi = kafka ? [...policies, strimziGeneratedPolicy(kafka, nodeLabels)] : policies;
  const label = (from) => `${from.namespace}/${JSON.stringify(from.labels)}`;

  check(`Kafka/${cluster}: a NetworkPolicy isolates its nodes; only the services reach its listeners, nobody else any port`, (p) => {
    if (kafkaPods.length === 0) p.push("no KafkaNodePool for the cluster");
    for (const target of kafkaPods) {
      if (!isolated(policies, target)) p.push(`no NetworkPolicy selects the ${target.labels["strimzi.io/pool-name"]} nodes`);
      for (const l of listeners) {
        for (const from of servicePods) {
          if (!admits(withStrimzi, target, from, l.port)) p.push(`${label(from)} cannot reach listener ${l.name} (${l.port})`);
        }
      }
      for (const from of strangers) {
        if (admits(withStrimzi, target, from, ANY_PORT)) p.push(`${label(from)} reaches a port of the ${target.labels["strimzi.io/pool-name"]} nodes`);
      }
      for (const l of listeners) {
        if (!l.networkPolicyPeers?.length) p.push(`listener ${l.name} has no networkPolicyPeers: Strimzi's own policy opens it to every pod`);
      }
    }
  });

  check(`Kafka/${cluster}: the nodes, the Cluster Operator and the Entity Operator reach Strimzi's ports without Strimzi's generated policy`, (p) => {
    const clusterOperator = pod("strimzi", { "strimzi.io/kind": "cluster-operator" });
    const entityOperator = pod(namespace, { "strimzi.io/cluster": cluster, "strimzi.io/kind": "Kafka", "strimzi.io/name": `${cluster}-entity-operator` });
    for (const target of kafkaPods) {
      const needs = [
        ...kafkaPods.flatMap((node) => [[node, 9090], [node, 9091]]),
        [clusterOperator, 9090], [clusterOperator, 9091], [clusterOperator, 8443],
        [entityOperator, 9091],
      ];
      for (const [from, port] of needs) {
        if (!admits(policies, target, from, port)) p.push(`${label(from)} cannot reach port ${port}`);
      }
    }
  });

  for (const db of databases) {
    const dbName = db.metadata.name;
    check(`Cluster/${dbName}: a NetworkPolicy isolates PostgreSQL; the services and CloudNativePG reach it, nobody else`, (p) => {
      const instance = pod(db.metadata.namespace, { "cnpg.io/cluster": dbName, "cnpg.io/podRole": "instance", role: "primary" });
      const joinJob = pod(db.metadata.namespace, { "cnpg.io/cluster": dbName, "cnpg.io/jobRole": "join" });
      const operator = pod("cnpg-system", { "app.kubernetes.io/name": "cloudnative-pg" });
      if (!isolated(policies, instance)) p.push("no NetworkPolicy selects the instances");
      for (const from of servicePods) {
        if (!admits(policies, instance, from, 5432)) p.push(`${label(from)} cannot reach 5432`);
      }
      for (const [from, port] of [[operator, 8000], [operator, 5432], [instance, 5432], [joinJob, 5432]]) {
        if (!admits(policies, instance, from, port)) p.push(`${label(from)} cannot reach ${port}`);
      }
      for (const from of strangers) {
        if (admits(policies, instance, from, ANY_PORT)) p.push(`${label(from)} reaches a port of the instances`);
      }
    });
  }

  for (const [i, { deployment, container }] of services.entries()) {
    check(`Deployment/${deployment.metadata.name}: its HTTP ports stay reachable`, (p) => {
      for (const port of container.ports ?? []) {
        for (const from of strangers) {
          if (!admits(policies, servicePods[i], from, port.containerPort)) p.push(`${label(from)} cannot reach ${port.containerPort}`);
        }
      }
    });
  }
  return results;
}
