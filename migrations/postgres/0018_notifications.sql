-- Notifications: one row per message, person (or address) and channel, planned from the outbox's
-- events and sent by the delivery worker. The unique key makes planning idempotent: an event
-- delivered twice plans its messages once. The row is the delivery log: attempts, the
-- provider's id, the last error, and a dead letter ('failed') after the last attempt.
CREATE TABLE notifications (
    id           TEXT    PRIMARY KEY NOT NULL,
    -- The event's id, or what else makes the message unique (a reservation and a reminder's lead).
    dedupe_key   TEXT    NOT NULL,
    -- A user id, or an email address for mail to someone without an account (an invitation).
    recipient    TEXT    NOT NULL,
    channel      TEXT    NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
    kind         TEXT    NOT NULL,
    -- What the message is about, as the composer reads it at sending time (JSON).
    subject      TEXT    NOT NULL,
    store_id     TEXT,
    drop_id      TEXT,
    status       TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
    attempts     BIGINT NOT NULL DEFAULT 0,
    -- When it is next tried (a reminder: when it is due).
    due_at       BIGINT NOT NULL,
    -- While 'sending': when another worker may take it over (the sender died).
    lease_until  BIGINT,
    provider_id  TEXT,
    last_error   TEXT,
    created_at   BIGINT NOT NULL,
    sent_at      BIGINT,
    UNIQUE (dedupe_key, recipient, channel)
);
CREATE INDEX notifications_due ON notifications (status, due_at);
CREATE INDEX notifications_store ON notifications (store_id, status, created_at);
