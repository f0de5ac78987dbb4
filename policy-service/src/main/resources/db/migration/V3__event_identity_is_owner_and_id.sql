-- An event is (owner, eventId): producers choose the ids, and two owners' producers may choose the same one. Keyed
-- by event_id alone, one owner's event made another's with the same id vanish unjudged (issue #16).
-- Rows recorded before V2 carry no owner; they keep the empty owner, which no real owner id matches.
update processed_event set owner = '' where owner is null;
alter table processed_event alter column owner set not null;
alter table processed_event drop constraint processed_event_pkey;
alter table processed_event add primary key (owner, event_id);

-- The de-duplication horizon is enforced by pruning on processed_at (policy-service README).
create index processed_event_processed_at on processed_event (processed_at);
