-- The evidence chain orders events by their whole instant, the database held microseconds: a page was extended to
-- keep the events of one microsecond together, and events of an access log share their second, so the 200,000
-- violations of issue #17's incident came back as one page of 200,000 whatever the limit. The nanoseconds below the
-- microsecond get a column of their own: (observed_at, observed_sub_micros, event_id in byte order) is the chain's
-- order exactly, and a page ends at its limit.
alter table violation add column observed_sub_micros smallint not null default 0;
update violation
   set observed_sub_micros = rpad(substring(payload -> 'event' ->> 'observedAt' from '\.\d{6}(\d{1,3})'), 3, '0')::smallint
 where payload -> 'event' ->> 'observedAt' ~ '\.\d{7}';
drop index violation_incident_chain;
create index violation_incident_chain
    on violation (incident_id, observed_at, observed_sub_micros, event_id collate "C");
