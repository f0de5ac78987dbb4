-- The evidence chain is read in its own order, (observedAt, eventId), a page at a time (issue #17: an incident of
-- 200,000 violations was loaded whole). Event ids are ASCII (the AccessEvent schema's pattern), so byte order ("C")
-- is the order Java's String.compareTo gives them in EvidenceChain.
create index violation_incident_chain on violation (incident_id, observed_at, event_id collate "C");
