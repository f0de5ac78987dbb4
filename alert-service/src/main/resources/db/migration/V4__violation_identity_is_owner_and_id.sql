-- A violation is (owner, violation_id): violation ids derive from producers' event ids, which two owners'
-- producers may share. Keyed by violation_id alone, one owner's violation made another's vanish (issue #16).
alter table violation drop constraint violation_pkey;
alter table violation add primary key (owner, violation_id);
