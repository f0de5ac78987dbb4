-- Every change to an owner's terms is a new version holding the whole document, so any past version can be shown
-- and events are judged by exactly the version in force at their observedAt. Versions are only ever appended.
create table terms_version (
    owner           varchar(63)  not null references owner (id),
    version         bigint       not null,
    effective_from  timestamptz  not null,
    document        jsonb        not null,
    change          varchar(512) not null,
    changed_by      varchar(256) not null,
    created_at      timestamptz  not null default now(),
    primary key (owner, version)
);

-- Records used per owner, consumer, license and calendar period (UTC). license_id '' is unlicensed use,
-- consumer '?' an unidentified one.
create table usage_counter (
    owner         varchar(63)  not null,
    consumer      varchar(63)  not null,
    license_id    varchar(128) not null,
    period        varchar(3)   not null,
    period_start  date         not null,
    records       bigint       not null,
    updated_at    timestamptz  not null default now(),
    primary key (owner, consumer, license_id, period, period_start)
);

create index usage_counter_owner_period on usage_counter (owner, period, period_start);

alter table processed_event add column owner varchar(63);
