-- Every violation received, kept and queryable: nothing is dropped to save noise. The primary key makes a
-- redelivered violation a no-op.
create table violation (
    violation_id  varchar(128) primary key,
    event_id      varchar(128) not null,
    owner         varchar(63)  not null,
    consumer      varchar(63),
    rule          varchar(32)  not null,
    severity      varchar(16)  not null,
    observed_at   timestamptz  not null,
    payload       jsonb        not null,
    received_at   timestamptz  not null default now()
);

create index violation_owner_consumer_rule on violation (owner, consumer, rule, observed_at);
