-- Where crawler operators publish what identifies their crawlers (issue: crawler identity), and every version of
-- each published document ingest has seen: events are judged by the version in force at their observedAt, so no
-- version is ever deleted or rewritten.
create table verification_source (
    id                 varchar(63)  primary key,
    operator           varchar(256) not null,
    consumer           varchar(63)  not null,
    tokens             text[]       not null,
    kind               varchar(16)  not null,
    url                text,
    hostname_suffixes  text[]       not null,
    refresh            varchar(32),
    built_in           boolean      not null default false,
    updated_at         timestamptz  not null default now()
);

create table verification_snapshot (
    -- The order snapshots were added in: every instance numbers a source's versions 1, 2, ... in this order.
    seq         bigserial    primary key,
    source_id   varchar(63)  not null references verification_source (id) on delete cascade,
    sha256      char(64)     not null,
    valid_from  timestamptz  not null,
    document    bytea        not null,
    added_at    timestamptz  not null default now(),
    -- The same document in force from the same time is one snapshot, however often it is uploaded or fetched.
    unique (source_id, sha256, valid_from)
);
