// Validates every object of a rendered overlay (kubectl kustomize ... | node validate.mjs) against the Kubernetes
// schemas (kubernetes-models) and Strimzi's CRD schemas (@kubernetes-models/strimzi-kafka-operator), then checks the
// security invariants across objects (invariants.mjs). CloudNativePG publishes no schema package; its Cluster is
// checked for the fields the services depend on. The last line is the summary CI prints.
import { parseAllDocuments } from "yaml";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { invariants } from "./invariants.mjs";

const models = {
  "v1/Service": "kubernetes-models/v1/Service",
  "v1/ConfigMap": "kubernetes-models/v1/ConfigMap",
  "v1/Secret": "kubernetes-models/v1/Secret",
  "apps/v1/Deployment": "kubernetes-models/apps/v1/Deployment",
  "policy/v1/PodDisruptionBudget": "kubernetes-models/policy/v1/PodDisruptionBudget",
  "autoscaling/v2/HorizontalPodAutoscaler": "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler",
  "networking.k8s.io/v1/NetworkPolicy": "kubernetes-models/networking.k8s.io/v1/NetworkPolicy",
  "kafka.strimzi.io/v1beta2/Kafka": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2/Kafka",
  "kafka.strimzi.io/v1beta2/KafkaNodePool": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2/KafkaNodePool",
  "kafka.strimzi.io/v1beta2/KafkaTopic": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2/KafkaTopic",
  "kafka.strimzi.io/v1beta2/KafkaUser": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2/KafkaUser",
};

function checkCnpgCluster(o) {
  const problems = [];
  if (!Number.isInteger(o.spec?.instances) || o.spec.instances < 1) problems.push("spec.instances must be a positive integer");
  if (!o.spec?.storage?.size) problems.push("spec.storage.size is required");
  if (!o.spec?.bootstrap?.initdb?.database) problems.push("spec.bootstrap.initdb.database is required");
  return problems;
}

/** Every line of the report, and how many objects and invariants failed. */
export async function validate(yamlText) {
  const docs = parseAllDocuments(yamlText).map((d) => d.toJS()).filter(Boolean);
  const lines = [];
  let failures = 0;
  for (const o of docs) {
    const id = `${o.apiVersion}/${o.kind}`;
    const name = `${o.kind}/${o.metadata?.name}`;
    try {
      if (id === "postgresql.cnpg.io/v1/Cluster") {
        const problems = checkCnpgCluster(o);
        if (problems.length) throw new Error(problems.join("; "));
      } else if (models[id]) {
        const module = await import(models[id]);
        const Model = module[o.kind] ?? module.default;
        new Model(o).validate();
      } else {
        throw new Error(`no schema known for ${id}`);
      }
      lines.push(`valid    ${name}`);
    } catch (e) {
      failures++;
      lines.push(`INVALID  ${name}: ${e.message}`);
    }
  }
  const held = invariants(docs);
  for (const { name, problems } of held) {
    if (problems.length) {
      failures++;
      lines.push(`INVALID  invariant ${name}: ${problems.join("; ")}`);
    } else {
      lines.push(`holds    invariant ${name}`);
    }
  }
  lines.push(`${docs.length} objects, ${held.length} invariants, ${failures} invalid`);
  return { lines, failures, objects: docs.length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { lines, failures, objects } = await validate(readFileSync(0, "utf8"));
  console.log(lines.join("\n"));
  process.exit(failures === 0 && objects > 0 ? 0 : 1);
}
