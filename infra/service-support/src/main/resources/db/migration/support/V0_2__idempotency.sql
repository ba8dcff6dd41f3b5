-- First answers to creating POSTs with an Idempotency-Key (API.md, Conventions), per caller.
create table if not exists idempotency_record (
    principal    text        not null,
    idem_key     text        not null,
    path         text        not null,
    request_hash text        not null,
    status       integer,
    content_type text,
    location     text,
    etag         text,
    body         bytea,
    created_at   timestamptz not null default now(),
    primary key (principal, idem_key)
);
create index if not exists idempotency_record_created_at on idempotency_record (created_at);
