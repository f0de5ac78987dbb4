-- One database per service, as the local launcher and the Kubernetes manifests have it.
create database ingest;
create database policy;
create database alert;
