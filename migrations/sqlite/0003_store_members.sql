-- Who runs each store: owners and staff, and the invitations that make them. user_id names an
-- Identity account; it is not a foreign key because contexts own their tables.
CREATE TABLE store_members (
    store_id    TEXT    NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    user_id     TEXT    NOT NULL,
    role        TEXT    NOT NULL CHECK (role IN ('owner', 'staff')),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (store_id, user_id)
) STRICT;
CREATE INDEX store_members_user ON store_members (user_id);

CREATE TABLE store_invitations (
    token_hash   TEXT    PRIMARY KEY NOT NULL,
    store_id     TEXT    NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    email        TEXT    NOT NULL,
    role         TEXT    NOT NULL CHECK (role IN ('owner', 'staff')),
    invited_by   TEXT    NOT NULL,
    expires_at   INTEGER NOT NULL,
    accepted_at  INTEGER,
    created_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX store_invitations_store ON store_invitations (store_id);
