-- Issue #20: each checkpoint's RFC 3161 token over the SHA-256 of its signed text, from the configured TSA. A
-- checkpoint is stored first and stamped after, so a TSA that is down delays the token, never the checkpoint.
alter table evidence_checkpoint add column tsa_reply bytea;
alter table evidence_checkpoint add column tsa_time timestamptz;
alter table evidence_checkpoint add column tsa_error text;
create index evidence_checkpoint_unstamped on evidence_checkpoint (signed_at) where tsa_reply is null;
