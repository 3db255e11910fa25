-- A store's logo: an uploaded image whose files live in the media store under
-- {logo_hash}-{width}.jpg. The three columns are set and cleared together.
ALTER TABLE stores ADD COLUMN logo_hash TEXT;
ALTER TABLE stores ADD COLUMN logo_width BIGINT;
ALTER TABLE stores ADD COLUMN logo_height BIGINT;
