-- A store's own words added to one kind of message it sends (where to park, what to bring),
-- written by its owners. People who opted into "drop opens soon" alerts are the notifications
-- rows of that kind still waiting to go; they need no table of their own.
CREATE TABLE store_message_notes (
    store_id    TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL,
    PRIMARY KEY (store_id, kind)
);
CREATE INDEX notifications_recipient_kind ON notifications (recipient, kind, status);
