-- Drops, their products and slots, early-access codes, and the outbox of domain events.
-- Slot counters are in units; the CHECK is the last line of defence against overselling.
CREATE TABLE drops (
    id          TEXT    PRIMARY KEY NOT NULL,
    store_id    TEXT    NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('draft', 'scheduled', 'open', 'closed', 'archived', 'cancelled')),
    opens_at    BIGINT,
    closes_at   BIGINT,
    time_zone   TEXT    NOT NULL,
    rules       TEXT    NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    CHECK (closes_at > opens_at)
);
CREATE INDEX drops_store ON drops (store_id, opens_at);
CREATE INDEX drops_due ON drops (status, opens_at, closes_at);

CREATE TABLE drop_products (
    drop_id    TEXT    NOT NULL REFERENCES drops (id) ON DELETE CASCADE,
    product_id TEXT    NOT NULL REFERENCES products (id),
    position   BIGINT NOT NULL,
    PRIMARY KEY (drop_id, product_id)
);

CREATE TABLE drop_slots (
    id          TEXT    PRIMARY KEY NOT NULL,
    drop_id     TEXT    NOT NULL REFERENCES drops (id) ON DELETE CASCADE,
    branch_id   TEXT    NOT NULL REFERENCES branches (id),
    starts_at   BIGINT NOT NULL,
    ends_at     BIGINT NOT NULL,
    capacity    BIGINT NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
    held        BIGINT NOT NULL DEFAULT 0 CHECK (held >= 0),
    confirmed   BIGINT NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
    checked_in  BIGINT NOT NULL DEFAULT 0 CHECK (checked_in >= 0),
    waitlisted  BIGINT NOT NULL DEFAULT 0 CHECK (waitlisted >= 0),
    CHECK (ends_at > starts_at),
    CHECK (held + confirmed <= capacity),
    UNIQUE (drop_id, branch_id, starts_at)
);
CREATE INDEX drop_slots_drop ON drop_slots (drop_id, starts_at);

CREATE TABLE drop_access_codes (
    drop_id    TEXT    NOT NULL REFERENCES drops (id) ON DELETE CASCADE,
    code       TEXT    NOT NULL,
    max_uses   BIGINT CHECK (max_uses >= 1),
    uses       BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (drop_id, code),
    CHECK (max_uses IS NULL OR uses <= max_uses)
);

-- Domain events, written in the transaction of the change they describe; delivered at least once.
CREATE TABLE outbox (
    seq           BIGSERIAL PRIMARY KEY,
    event_id      TEXT    NOT NULL UNIQUE,
    kind          TEXT    NOT NULL,
    aggregate_id  TEXT    NOT NULL,
    payload       TEXT    NOT NULL,
    occurred_at   BIGINT NOT NULL,
    attempts      BIGINT NOT NULL DEFAULT 0,
    lease_until   BIGINT,
    dispatched_at BIGINT
);
CREATE INDEX outbox_pending ON outbox (dispatched_at, seq);
