-- Shipped by infra/messaging (loa-messaging); every service's own migrations start at V1__.

-- Transactional outbox: written in the transaction of the change, relayed to Kafka after commit.
create table outbox_event (
    id           uuid primary key,                         -- the event id (CloudEvents id, header ce_id)
    seq          bigint generated always as identity,      -- relay order (creation order)
    topic        text        not null,
    record_key   text,                                     -- Kafka key: the aggregate whose events stay in order
    event_type   text        not null,                     -- CloudEvents type, header ce_type
    subject      text,                                     -- CloudEvents subject: the object the event is about
    payload      text        not null,                     -- the whole envelope as JSON, kept byte for byte
    traceparent  text,                                     -- W3C trace context of the change, if traced
    created_at   timestamptz not null default clock_timestamp(),
    published_at timestamptz                               -- null until Kafka acknowledged it
);
create unique index outbox_event_seq on outbox_event (seq);
create index outbox_event_pending on outbox_event (seq) where published_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;

-- Wakes the relay (LISTEN loa_outbox) when a transaction that wrote events commits.
create function loa_outbox_notify() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('loa_outbox', '');
    return null;
end;
$$;
create trigger outbox_event_notify
    after insert on outbox_event
    for each statement execute function loa_outbox_notify();

-- Idempotent consumer: the event id is recorded in the transaction of its effect.
create table processed_event (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

-- Records this service's consumers sent to <topic>-dlt, for operators to list and replay.
create table dead_letter (
    id                uuid primary key,
    topic             text        not null,                -- the original topic
    record_partition  integer     not null,
    record_offset     bigint      not null,
    record_key        text,
    event_id          text,                                -- header ce_id (or the envelope's id)
    event_type        text,                                -- header ce_type (or the envelope's type)
    payload           text,                                -- the original value
    exception_class   text,
    exception_message text,
    consumer_group    text        not null,
    created_at        timestamptz not null default now(),
    replayed_at       timestamptz,
    unique (consumer_group, topic, record_partition, record_offset)
);
create index dead_letter_created on dead_letter (created_at desc);
