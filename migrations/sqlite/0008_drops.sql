-- Drops, their products and slots, early-access codes, and the outbox of domain events.
-- Slot counters are in units; the CHECK is the last line of defence against overselling.
CREATE TABLE drops (
    id          TEXT    PRIMARY KEY NOT NULL,
    store_id    TEXT    NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('draft', 'scheduled', 'open', 'closed', 'archived', 'cancelled')),
    opens_at    INTEGER,
    closes_at   INTEGER,
    time_zone   TEXT    NOT NULL,
    rules       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (closes_at > opens_at)
) STRICT;
CREATE INDEX drops_store ON drops (store_id, opens_at);
CREATE INDEX drops_due ON drops (status, opens_at, closes_at);

CREATE TABLE drop_products (
    drop_id    TEXT    NOT NULL REFERENCES drops (id) ON DELETE CASCADE,
    product_id TEXT    NOT NULL REFERENCES products (id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (drop_id, product_id)
) STRICT;

CREATE TABLE drop_slots (
    id          TEXT    PRIMARY KEY NOT NULL,
    drop_id     TEXT    NOT NULL REFERENCES drops (id) ON DELETE CASCADE,
    branch_id   TEXT    NOT NULL REFERENCES branches (id),
    starts_at   INTEGER NOT NULL,
    ends_at     INTEGER NOT NULL,
    capacity    INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
    held        INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0),
    confirmed   INTEGER NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
    checked_in  INTEGER NOT NULL DEFAULT 0 CHECK (checked_in >= 0),
    waitlisted  INTEGER NOT NULL DEFAULT 0 CHECK (waitlisted >= 0),
    CHECK (ends_at > starts_at),
    CHECK (held + confirmed <= capacity),
    UNIQUE (drop_id, branch_id, starts_at)
) STRICT;
CREATE INDEX drop_slots_drop ON drop_slots (drop_id, starts_at);

CREATE TABLE drop_access_codes (
    drop_id    TEXT    NOT NULL REFERENCES drops (id) ON DELETE CASCADE,
    code       TEXT    NOT NULL,
    max_uses   INTEGER CHECK (max_uses >= 1),
    uses       INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (drop_id, code),
    CHECK (max_uses IS NULL OR uses <= max_uses)
) STRICT;

-- Domain events, written in the transaction of the change they describe; delivered at least once.
CREATE TABLE outbox (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id      TEXT    NOT NULL UNIQUE,
    kind          TEXT    NOT NULL,
    aggregate_id  TEXT    NOT NULL,
    payload       TEXT    NOT NULL,
    occurred_at   INTEGER NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    lease_until   INTEGER,
    dispatched_at INTEGER
) STRICT;
CREATE INDEX outbox_pending ON outbox (dispatched_at, seq);
