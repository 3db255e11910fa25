-- A store's public profile and settings, and its place under a parent brand.
ALTER TABLE stores ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE stores ADD COLUMN contact_email TEXT;
ALTER TABLE stores ADD COLUMN contact_phone TEXT;
ALTER TABLE stores ADD COLUMN accent_color TEXT NOT NULL DEFAULT '#4f46e5';
ALTER TABLE stores ADD COLUMN default_currency TEXT NOT NULL DEFAULT 'THB';
ALTER TABLE stores ADD COLUMN parent_id TEXT REFERENCES stores (id) ON DELETE SET NULL;
CREATE INDEX stores_parent ON stores (parent_id);
