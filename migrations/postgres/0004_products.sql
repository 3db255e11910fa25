-- Products: a store's catalogue, its category tree, and full-text search (tsvector, 'simple'
-- configuration so that matching is word-prefix based like SQLite's FTS5).
CREATE TABLE categories (
    id          TEXT   PRIMARY KEY NOT NULL,
    store_id    TEXT   NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    parent_id   TEXT   REFERENCES categories (id) ON DELETE CASCADE,
    name        TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX categories_store ON categories (store_id);

CREATE TABLE products (
    id           TEXT   PRIMARY KEY NOT NULL,
    store_id     TEXT   NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    category_id  TEXT   REFERENCES categories (id) ON DELETE SET NULL,
    sku          TEXT   NOT NULL,
    name         TEXT   NOT NULL,
    description  TEXT   NOT NULL,
    price_minor  BIGINT NOT NULL CHECK (price_minor >= 0),
    currency     TEXT   NOT NULL,
    archived_at  BIGINT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    search       TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', name || ' ' || description)) STORED,
    UNIQUE (store_id, sku)
);
CREATE INDEX products_store ON products (store_id, name);
CREATE INDEX products_search ON products USING GIN (search);
