-- Stores: the tenants of DropSlot. Ids are UUID v7 text, instants epoch milliseconds.
CREATE TABLE stores (
    id          TEXT   PRIMARY KEY NOT NULL,
    slug        TEXT   NOT NULL UNIQUE,
    name        TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
