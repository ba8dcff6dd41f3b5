-- Shipped by infra/messaging. Rows that Kafka can never take (too large, not serializable, not authorized,
-- invalid topic) are parked instead of blocking the relay; the later rows of the same key wait behind them.

alter table outbox_event
    add column parked_at   timestamptz,                    -- set when a send failed for good; null again on replay
    add column park_reason text,                           -- the producer's error, for operators
    add column replayed_at timestamptz;                    -- last time an operator asked to send it again

-- What the relay's "held behind a parked row of its key" test and the operators' list read.
create index outbox_event_parked on outbox_event (record_key, seq) where parked_at is not null and published_at is null;
