-- A sign-in is recorded before its password is checked, so parallel guesses count each other;
-- the attempt's id lets one that was refused or succeeded be taken back out.
ALTER TABLE auth_failures ADD COLUMN attempt_id TEXT;
CREATE INDEX auth_failures_attempt ON auth_failures (attempt_id);
