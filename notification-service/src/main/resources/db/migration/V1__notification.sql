-- Local copies built from other services' events (no calls back).
create table org_unit (
    code        text primary key,
    name        text not null,
    level       text,
    parent_code text,
    path        text[] not null,
    units       jsonb not null default '[]'
);

create table plan_copy (
    plan_id         uuid primary key,
    version         int not null,
    org_unit        text not null,
    org_unit_path   text[] not null,
    document_number text,
    title           text,
    year            int,
    status          text not null,
    updated_at      timestamptz not null default now()
);

create table activity_deadline (
    activity_id          uuid primary key,
    plan_id              uuid not null,
    plan_document_number text,
    org_unit             text not null,
    org_unit_path        text[] not null,
    title                text not null,
    unit                 text not null,
    coordinating_units   text[] not null default '{}',
    due_date             date not null,
    status               text not null -- OPEN, COMPLETED, CANCELLED, OVERDUE
);
create index activity_deadline_open on activity_deadline (due_date) where status = 'OPEN';

create table report_deadline (
    org_unit      text not null,
    period        text not null,
    district      text,
    org_unit_path text[] not null,
    due_date      date not null,
    status        text not null, -- OPEN, SUBMITTED, APPROVED, RETURNED
    primary key (org_unit, period)
);

-- Each reminder is sent once: its key is inserted in the same transaction as its notifications.
create table reminder_sent (
    reminder_key text primary key,
    sent_at      timestamptz not null default now()
);

-- The in-app inbox: one row per event and recipient (org unit, optional unit).
create table notification (
    id            uuid primary key,
    event_id      uuid not null,
    event_type    text not null,
    org_unit      text not null,
    unit          text,
    subject       text not null,
    body          text not null,
    created_at    timestamptz not null default now(),
    read_at       timestamptz
);
create unique index notification_once on notification (event_id, org_unit, coalesce(unit, ''));
create index notification_inbox on notification (org_unit, created_at desc);

create table subscription (
    id            uuid primary key,
    org_unit      text not null,
    org_unit_path text[] not null,
    unit          text,
    channel       text not null, -- EMAIL, WEBHOOK
    target        text not null,
    events        text[] not null,
    secret        text,
    language      text not null default 'vi',
    created_by    text,
    created_at    timestamptz not null default now()
);
create index subscription_org_unit on subscription (org_unit);

create table delivery (
    id              uuid primary key,
    event_id        uuid not null,
    event_type      text not null,
    recipient       text not null, -- org unit, or org unit/unit: the subscription's scope
    channel         text not null,
    target          text not null,
    subscription_id uuid,
    org_unit_path   text[] not null,
    language        text not null,
    subject         text not null,
    body            text not null,
    payload         text not null, -- the exact webhook body (JSON)
    status          text not null, -- PENDING, SENT, FAILED (will be retried), DEAD
    attempts        int not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    sent_at         timestamptz,
    constraint delivery_once unique (event_id, recipient, channel, target)
);
create index delivery_due on delivery (next_attempt_at) where status in ('PENDING', 'FAILED');
create index delivery_status on delivery (status, created_at desc);

create table delivery_attempt (
    id          bigserial primary key,
    delivery_id uuid not null references delivery (id) on delete cascade,
    attempt     int not null,
    at          timestamptz not null default now(),
    outcome     text not null, -- SENT, FAILED
    error       text,
    duration_ms bigint
);
create index delivery_attempt_delivery on delivery_attempt (delivery_id);
