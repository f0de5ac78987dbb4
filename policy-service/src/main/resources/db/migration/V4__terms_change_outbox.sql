-- terms-changes go out through an outbox: the row is written in the transaction that appends the version, and
-- deleted once the broker has the message. A crash between the commit and the send leaves the row, which the
-- relay sends; without it, every other instance would serve the old terms from its cache until the next change.
create table terms_change_outbox (
    owner           varchar(63)  not null,
    version         bigint       not null,
    effective_from  timestamptz  not null,
    description     varchar(512) not null,
    created_at      timestamptz  not null default now(),
    primary key (owner, version)
);
