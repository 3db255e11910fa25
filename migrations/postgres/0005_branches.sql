-- Branches: where a store's drops happen. Coordinates in micro-degrees; opening hours as JSON
-- (weekly pattern and dated exceptions), always read back through the domain parser.
CREATE TABLE branches (
    id          TEXT    PRIMARY KEY NOT NULL,
    store_id    TEXT    NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    street      TEXT    NOT NULL,
    city        TEXT    NOT NULL,
    postcode    TEXT    NOT NULL,
    country     TEXT    NOT NULL,
    lat_e6      BIGINT NOT NULL CHECK (lat_e6 BETWEEN -90000000 AND 90000000),
    lon_e6      BIGINT NOT NULL CHECK (lon_e6 BETWEEN -180000000 AND 180000000),
    time_zone   TEXT    NOT NULL,
    phone       TEXT,
    email       TEXT,
    hours       TEXT    NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX branches_store ON branches (store_id, name);
