-- Issue #20: an append-only log per owner over every event that becomes part of an incident, hashed as an RFC 9162
-- Merkle tree. Leaves are only ever inserted; an event is one leaf however many violations and incidents it is in.
create table evidence_log (
    owner  varchar(63) primary key,
    -- Leaves allocated so far: the row is locked by each appending transaction, so indexes are dense and the leaves
    -- any reader sees are a prefix of the log.
    size   bigint      not null default 0
);

create table evidence_leaf (
    owner           varchar(63)  not null,
    leaf_index      bigint       not null,
    event_id        varchar(128) not null,
    -- The RFC 8785 canonical JSON of the event, exactly the bytes whose SHA-256(0x00 ‖ …) is leaf_hash.
    canonical_json  text         not null,
    leaf_hash       bytea        not null,
    appended_at     timestamptz  not null default now(),
    primary key (owner, leaf_index)
);
create unique index evidence_leaf_event on evidence_leaf (owner, event_id);

create table evidence_checkpoint (
    owner       varchar(63)  not null,
    tree_size   bigint       not null,
    root_hash   bytea        not null,
    -- The C2SP signed note: the checkpoint body, a blank line, the signature line.
    note        text         not null,
    signed_at   timestamptz  not null,
    primary key (owner, tree_size)
);
