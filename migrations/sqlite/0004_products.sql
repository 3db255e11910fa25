-- Products: a store's catalogue, its category tree, and full-text search (FTS5).
CREATE TABLE categories (
    id          TEXT    PRIMARY KEY NOT NULL,
    store_id    TEXT    NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    parent_id   TEXT    REFERENCES categories (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX categories_store ON categories (store_id);

CREATE TABLE products (
    id           TEXT    PRIMARY KEY NOT NULL,
    store_id     TEXT    NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    category_id  TEXT    REFERENCES categories (id) ON DELETE SET NULL,
    sku          TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    price_minor  INTEGER NOT NULL CHECK (price_minor >= 0),
    currency     TEXT    NOT NULL,
    archived_at  INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (store_id, sku)
) STRICT;
CREATE INDEX products_store ON products (store_id, name);

CREATE VIRTUAL TABLE products_fts USING fts5 (name, description, content = 'products', content_rowid = 'rowid');
CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
    INSERT INTO products_fts (rowid, name, description) VALUES (new.rowid, new.name, new.description);
END;
CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, name, description) VALUES ('delete', old.rowid, old.name, old.description);
END;
CREATE TRIGGER products_fts_update AFTER UPDATE OF name, description ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, name, description) VALUES ('delete', old.rowid, old.name, old.description);
    INSERT INTO products_fts (rowid, name, description) VALUES (new.rowid, new.name, new.description);
END;
