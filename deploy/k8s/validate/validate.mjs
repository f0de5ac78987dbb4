// Validates every object of a rendered overlay (kubectl kustomize ... | node validate.mjs) against the Kubernetes
// schemas (kubernetes-models) and Strimzi's CRD schemas (@kubernetes-models/strimzi-kafka-operator). CloudNativePG
// publishes no such package; its Cluster is checked for the fields the services depend on.
import { parseAllDocuments } from "yaml";
import { readFileSync } from "node:fs";

const models = {
  "v1/Service": "kubernetes-models/v1/Service",
  "v1/ConfigMap": "kubernetes-models/v1/ConfigMap",
  "v1/Secret": "kubernetes-models/v1/Secret",
  "apps/v1/Deployment": "kubernetes-models/apps/v1/Deployment",
  "policy/v1/PodDisruptionBudget": "kubernetes-models/policy/v1/PodDisruptionBudget",
  "autoscaling/v2/HorizontalPodAutoscaler": "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler",
  "kafka.strimzi.io/v1beta2/Kafka": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2/Kafka",
  "kafka.strimzi.io/v1beta2/KafkaNodePool": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2/KafkaNodePool",
  "kafka.strimzi.io/v1beta2/KafkaTopic": "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2/KafkaTopic",
};

function checkCnpgCluster(o) {
  const problems = [];
  if (!Number.isInteger(o.spec?.instances) || o.spec.instances < 1) problems.push("spec.instances must be a positive integer");
  if (!o.spec?.storage?.size) problems.push("spec.storage.size is required");
  if (!o.spec?.bootstrap?.initdb?.database) problems.push("spec.bootstrap.initdb.database is required");
  return problems;
}

const docs = parseAllDocuments(readFileSync(0, "utf8")).map((d) => d.toJS()).filter(Boolean);
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
    console.log(`valid    ${name}`);
  } catch (e) {
    failures++;
    console.log(`INVALID  ${name}: ${e.message}`);
  }
}
console.log(`${docs.length} objects, ${failures} invalid`);
process.exit(failures === 0 && docs.length > 0 ? 0 : 1);
