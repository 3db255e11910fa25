-- The door: which scanner let a ticket in, and scans that lost to an earlier one. Offline
-- scanners sync late; the earliest scan of a ticket keeps the check-in, and the device whose
-- scan lost reads its conflict here on its next sync.
ALTER TABLE reservations ADD COLUMN checked_in_device TEXT;

CREATE TABLE check_in_conflicts (
    id             TEXT    PRIMARY KEY NOT NULL,
    drop_id        TEXT    NOT NULL REFERENCES drops (id) ON DELETE CASCADE,
    reservation_id TEXT    NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
    device_id      TEXT    NOT NULL,
    scanned_by     TEXT    NOT NULL,
    scanned_at     INTEGER NOT NULL,
    winner_by      TEXT    NOT NULL,
    winner_at      INTEGER NOT NULL,
    created_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX check_in_conflicts_device ON check_in_conflicts (device_id, drop_id, created_at);
