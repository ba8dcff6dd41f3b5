-- The test application's own table (services start their migrations at V1__, after the library's V0_1).
create table effect (
    id         uuid primary key,
    event_id   uuid        not null,
    consumer   text        not null,
    name       text        not null,
    created_at timestamptz not null default now()
);
create table thing (
    id   uuid primary key,
    name text not null
);
