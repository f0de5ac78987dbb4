-- A delivery that failed for good goes to alerts.dlq through the outbox: the failed row (written in the attempt's
-- transaction) is the record of what is owed, and the relay marks it once the broker has the dead letter. Before,
-- the letter was sent after the commit, and a crash in between lost it (issue #16). Rows that failed before this
-- migration were dead-lettered the old way.
alter table delivery add column dead_lettered_at timestamptz;
update delivery set dead_lettered_at = coalesce(finished_at, now()) where status = 'failed';
create index delivery_dead_letter_due on delivery (id) where status = 'failed' and dead_lettered_at is null;
