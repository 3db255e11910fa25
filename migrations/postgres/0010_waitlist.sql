-- Each full slot's line. drop_slots.waitlisted counts the units waiting, changed in the same
-- transaction as the entry; while it is above zero, freed places go to the line first.
CREATE TABLE waitlist_entries (
    id             TEXT    PRIMARY KEY NOT NULL,
    drop_id        TEXT    NOT NULL REFERENCES drops (id) ON DELETE CASCADE,
    slot_id        TEXT    NOT NULL REFERENCES drop_slots (id),
    user_id        TEXT    NOT NULL REFERENCES users (id),
    units          BIGINT  NOT NULL CHECK (units >= 1),
    status         TEXT    NOT NULL CHECK (status IN ('waiting', 'offered', 'left', 'void')),
    reservation_id TEXT    REFERENCES reservations (id) DEFERRABLE INITIALLY DEFERRED,
    joined_at      BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);
CREATE UNIQUE INDEX waitlist_once_per_slot ON waitlist_entries (slot_id, user_id) WHERE status = 'waiting';
CREATE INDEX waitlist_line ON waitlist_entries (slot_id, status, joined_at, id);
CREATE INDEX waitlist_user ON waitlist_entries (user_id, joined_at);
CREATE INDEX waitlist_drop ON waitlist_entries (drop_id, status);
