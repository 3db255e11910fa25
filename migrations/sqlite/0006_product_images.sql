-- Product images: the processed files live in the media store under {image_hash}-{width}.jpg.
CREATE TABLE product_images (
    product_id  TEXT    NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    image_hash  TEXT    NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (product_id, image_hash)
) STRICT;
