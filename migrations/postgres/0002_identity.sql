-- Identity: accounts, single-use mail tokens, browser sessions, API refresh tokens, and the
-- failed sign-ins that throttling counts. Secrets (passwords, tokens) are stored only as hashes.
CREATE TABLE users (
    id                 TEXT    PRIMARY KEY NOT NULL,
    email              TEXT    NOT NULL UNIQUE,
    display_name       TEXT    NOT NULL,
    password_hash      TEXT    NOT NULL,
    email_verified_at  BIGINT,
    is_platform_admin  BOOLEAN NOT NULL DEFAULT FALSE,
    language           TEXT    NOT NULL DEFAULT 'en',
    time_zone          TEXT    NOT NULL DEFAULT 'UTC',
    notify_email       BOOLEAN NOT NULL DEFAULT TRUE,
    notify_sms         BOOLEAN NOT NULL DEFAULT FALSE,
    notify_push        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL
);

CREATE TABLE user_tokens (
    token_hash  TEXT    PRIMARY KEY NOT NULL,
    user_id     TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT    NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX user_tokens_user ON user_tokens (user_id, purpose);

CREATE TABLE sessions (
    id            TEXT    PRIMARY KEY NOT NULL,
    user_id       TEXT    REFERENCES users (id) ON DELETE CASCADE,
    data          TEXT    NOT NULL,
    expires_at    BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    user_agent    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE refresh_tokens (
    token_hash  TEXT    PRIMARY KEY NOT NULL,
    family_id   TEXT    NOT NULL,
    user_id     TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at  BIGINT NOT NULL,
    rotated_at  BIGINT,
    revoked_at  BIGINT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE auth_failures (
    throttle_key  TEXT    NOT NULL,
    failed_at     BIGINT NOT NULL
);
CREATE INDEX auth_failures_key ON auth_failures (throttle_key, failed_at);
