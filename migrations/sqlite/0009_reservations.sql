-- Reservations and each person's active bookings per drop. Places live in drop_slots' ledger
-- columns, changed in the same transaction as the reservation.
CREATE TABLE reservations (
    id              TEXT    PRIMARY KEY NOT NULL,
    drop_id         TEXT    NOT NULL REFERENCES drops (id) ON DELETE CASCADE,
    slot_id         TEXT    NOT NULL REFERENCES drop_slots (id),
    user_id         TEXT    NOT NULL REFERENCES users (id),
    units           INTEGER NOT NULL CHECK (units >= 1),
    status          TEXT    NOT NULL CHECK (status IN ('held', 'confirmed', 'checked_in', 'cancelled', 'expired', 'no_show')),
    hold_expires_at INTEGER,
    slot_ends_at    INTEGER NOT NULL,
    idempotency_key TEXT,
    ticket_version  INTEGER NOT NULL DEFAULT 1,
    checked_in_at   INTEGER,
    checked_in_by   TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (user_id, idempotency_key)
) STRICT;
CREATE INDEX reservations_holds ON reservations (status, hold_expires_at);
CREATE INDEX reservations_slot ON reservations (slot_id, status);
CREATE INDEX reservations_ended ON reservations (status, slot_ends_at);
CREATE INDEX reservations_user ON reservations (user_id, created_at);

-- The per-person limit: one row a person a drop, counting reservations that take places.
CREATE TABLE drop_participants (
    drop_id TEXT    NOT NULL REFERENCES drops (id) ON DELETE CASCADE,
    user_id TEXT    NOT NULL REFERENCES users (id),
    active  INTEGER NOT NULL DEFAULT 0 CHECK (active >= 0),
    PRIMARY KEY (drop_id, user_id)
) STRICT;

-- Each store's Ed25519 key for reservation tickets; scanners need only the public half.
CREATE TABLE ticket_keys (
    store_id   TEXT    PRIMARY KEY NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    secret_key TEXT    NOT NULL,
    public_key TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
