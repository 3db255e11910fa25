-- The mobile number texts go to (E.164), when the person wants texts.
ALTER TABLE users ADD COLUMN mobile TEXT;
