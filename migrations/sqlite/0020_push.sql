-- Web push: each browser a person turned notifications on in (its push service's endpoint and
-- keys), and this server's VAPID key, made on first use and kept.
CREATE TABLE push_subscriptions (
    endpoint    TEXT    PRIMARY KEY NOT NULL,
    user_id     TEXT    NOT NULL,
    p256dh      TEXT    NOT NULL,
    auth        TEXT    NOT NULL,
    user_agent  TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

CREATE TABLE vapid_keys (
    id          INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    secret      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;
