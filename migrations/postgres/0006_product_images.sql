-- Product images: the processed files live in the media store under {image_hash}-{width}.jpg.
CREATE TABLE product_images (
    product_id  TEXT    NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    image_hash  TEXT    NOT NULL,
    width       BIGINT NOT NULL,
    height      BIGINT NOT NULL,
    position    BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (product_id, image_hash)
);
