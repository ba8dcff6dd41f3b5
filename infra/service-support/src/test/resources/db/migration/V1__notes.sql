-- The test service's own table (after the libraries' V0_* migrations).
create table note (
    id       uuid primary key,
    text     text not null,
    priority integer
);
