-- Producers are the sensors that report access events; each holds API keys scoped to the owners it may report for.
create table producer (
    id          varchar(128) primary key,
    name        varchar(256) not null,
    created_at  timestamptz  not null default now()
);

create table producer_key (
    id            varchar(64)  primary key,
    producer_id   varchar(128) not null references producer (id) on delete cascade,
    -- SHA-256 of the secret; the secret itself is shown once and never stored.
    key_hash      bytea        not null unique,
    owners        text[]       not null,
    created_at    timestamptz  not null default now(),
    revoked_at    timestamptz
);

create index producer_key_producer on producer_key (producer_id);
