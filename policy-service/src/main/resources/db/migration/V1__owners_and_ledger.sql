-- The owners whose data Termsguard watches.
create table owner (
    id              varchar(63)  primary key,
    display_name    varchar(256) not null,
    notice_contact  varchar(320),
    created_at      timestamptz  not null default now()
);

-- Every event id that has been judged: a replayed batch finds its ids here and counts nothing twice.
create table processed_event (
    event_id      varchar(128) primary key,
    processed_at  timestamptz  not null default now()
);
