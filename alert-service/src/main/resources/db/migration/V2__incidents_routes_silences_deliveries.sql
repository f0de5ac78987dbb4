-- Violations grouped by owner, consumer and rule. At most one live (open or acknowledged) incident per key.
create table incident (
    id                   varchar(48)  primary key,
    owner                varchar(63)  not null,
    consumer             varchar(63)  not null,
    rule                 varchar(32)  not null,
    severity             varchar(16)  not null,
    status               varchar(16)  not null,
    first_seen           timestamptz  not null,
    last_seen            timestamptz  not null,
    violations           bigint       not null,
    events               bigint       not null,
    records              bigint       not null,
    fee_amount           numeric(24, 8),
    fee_currency         varchar(3),
    sample_event_ids     text[]       not null,
    silenced             boolean      not null,
    last_violation_at    timestamptz  not null,
    notified_violations  bigint       not null,
    last_notified_at     timestamptz,
    next_action_at       timestamptz,
    created_at           timestamptz  not null,
    acknowledged_at      timestamptz,
    acknowledged_by      varchar(256),
    resolved_at          timestamptz,
    resolved_by          varchar(256)
);

create unique index incident_live_key on incident (owner, consumer, rule) where status <> 'resolved';
create index incident_due on incident (next_action_at) where status <> 'resolved';
create index incident_owner_status on incident (owner, status, last_seen desc);

alter table violation add column incident_id varchar(48);
create index violation_incident_event on violation (incident_id, event_id);

-- Per-owner timing and receivers (DESIGN.md's route shape), stored whole.
create table route (
    owner       varchar(63)  primary key,
    document    jsonb        not null,
    updated_at  timestamptz  not null default now()
);

create table silence (
    id          varchar(48)   primary key,
    matchers    jsonb         not null,
    starts_at   timestamptz   not null,
    ends_at     timestamptz   not null,
    author      varchar(256)  not null,
    comment     varchar(2048) not null,
    created_at  timestamptz   not null default now()
);

-- The delivery outbox: a pending delivery survives a crash and is retried with backoff until delivered or failed.
create table delivery (
    id               bigserial     primary key,
    alert_id         varchar(64)   not null,
    incident_id      varchar(48)   not null,
    owner            varchar(63)   not null,
    receiver_type    varchar(16)   not null,
    target           varchar(2048) not null,
    secret           varchar(512),
    payload          text          not null,
    status           varchar(16)   not null,
    attempts         int           not null default 0,
    next_attempt_at  timestamptz   not null,
    last_error       text,
    created_at       timestamptz   not null default now(),
    finished_at      timestamptz
);

create index delivery_due on delivery (next_attempt_at) where status = 'pending';
create index delivery_owner on delivery (owner, created_at desc);

create table delivery_attempt (
    delivery_id  bigint       not null references delivery (id),
    attempt      int          not null,
    at           timestamptz  not null,
    outcome      varchar(16)  not null,
    status_code  int,
    latency_ms   bigint       not null,
    error        text,
    primary key (delivery_id, attempt)
);
