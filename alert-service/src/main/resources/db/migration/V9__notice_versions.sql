-- Issue #20: a notice, once issued, is frozen: its text as sent, the checkpoint (tree size) it was issued against and
-- each of its events' leaf indexes, so it stays verifiable however the incident grows. Later events make a new version.
create table notice_version (
    incident_id   varchar(48)  not null,
    version       int          not null,
    owner         varchar(63)  not null,
    tree_size     bigint       not null,
    events        bigint       not null,
    leaf_indexes  bigint[]     not null,
    subject       text         not null,
    markdown      text         not null,
    html          text         not null,
    issued_at     timestamptz  not null,
    issued_by     varchar(256) not null,
    primary key (incident_id, version)
);
