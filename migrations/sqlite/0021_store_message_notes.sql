-- A store's own words added to one kind of message it sends (where to park, what to bring),
-- written by its owners. People who opted into "drop opens soon" alerts are the notifications
-- rows of that kind still waiting to go; they need no table of their own.
CREATE TABLE store_message_notes (
    store_id    TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (store_id, kind)
) STRICT;
CREATE INDEX notifications_recipient_kind ON notifications (recipient, kind, status);

-- What goes first when messages queue up behind the mail server's rate (a drop's opening sends
-- thousands of confirmations): 0 for deadlines (a hold, a waitlist's offer), 1 for what someone
-- waits for now (an opening alert, an account link), 2 for the rest.
ALTER TABLE notifications ADD COLUMN priority INTEGER NOT NULL DEFAULT 2;
CREATE INDEX notifications_due_first ON notifications (status, priority, due_at);
