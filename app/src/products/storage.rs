//! Product rows on both engines. Search is the one engine-specific query: FTS5 on SQLite,
//! tsvector on PostgreSQL, with the same ordering rule on both (name matches first, then by
//! name, then id) so that results do not depend on the engine.

use super::{
    model::{
        Category, CategoryId, CategoryName, Description, Product, ProductId, ProductName, Sku,
    },
    rules::{fts5_query, tsquery},
};
use crate::paging::{Page, PageRequest};
use crate::{
    db::Db,
    execute,
    media::Image,
    money::{Currency, Money},
    on_db,
    stores::model::StoreId,
    time::Timestamp,
};
use tracing::instrument;

const COLUMNS: &str = "p.id, p.store_id, p.category_id, p.sku, p.name, p.description, p.price_minor, p.currency, p.archived_at, p.created_at";

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: String,
    store_id: String,
    category_id: Option<String>,
    sku: String,
    name: String,
    description: String,
    price_minor: i64,
    currency: String,
    archived_at: Option<i64>,
    created_at: i64,
}

fn corrupt(what: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("products row: bad {what}").into())
}

impl TryFrom<ProductRow> for Product {
    type Error = sqlx::Error;

    fn try_from(row: ProductRow) -> Result<Self, Self::Error> {
        let currency: Currency = row.currency.parse().map_err(|_| corrupt("currency"))?;
        Ok(Product {
            id: row.id.parse().map_err(|_| corrupt("id"))?,
            store_id: row.store_id.parse().map_err(|_| corrupt("store_id"))?,
            category_id: row
                .category_id
                .map(|c| c.parse().map_err(|_| corrupt("category_id")))
                .transpose()?,
            sku: Sku::parse(&row.sku).map_err(|_| corrupt("sku"))?,
            name: ProductName::parse(&row.name).map_err(|_| corrupt("name"))?,
            description: Description::parse(&row.description)
                .map_err(|_| corrupt("description"))?,
            price: Money::from_minor(row.price_minor, currency).map_err(|_| corrupt("price"))?,
            archived: row.archived_at.is_some(),
            created_at: Timestamp::from_millis(row.created_at),
        })
    }
}

/// Which products a search looks at.
pub(super) struct SearchScope {
    pub store: Option<StoreId>,
    pub category: Option<CategoryId>,
}

#[derive(Clone)]
pub(super) struct ProductStorage {
    db: Db,
}

impl ProductStorage {
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// The products of `store`, archived ones included.
    pub async fn count_for_store(&self, store: StoreId) -> Result<u64, sqlx::Error> {
        let count: i64 = on_db!(&self.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM products WHERE store_id = $1")
            .bind(store.to_string())
            .fetch_one(pool)
            .await)?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    #[instrument(skip_all)]
    pub async fn insert(&self, product: &Product) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "INSERT INTO products (id, store_id, category_id, sku, name, description, price_minor, currency, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
            product.id.to_string(),
            product.store_id.to_string(),
            product.category_id.map(|c| c.to_string()),
            product.sku.as_str(),
            product.name.as_str(),
            product.description.as_str(),
            product.price.minor(),
            product.price.currency().code(),
            product.created_at.as_millis()
        )?;
        Ok(())
    }

    #[instrument(skip_all)]
    pub async fn update(&self, product: &Product, now: Timestamp) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "UPDATE products SET category_id = $1, sku = $2, name = $3, description = $4, price_minor = $5, currency = $6, \
             archived_at = CASE WHEN $7 THEN COALESCE(archived_at, $8) ELSE NULL END, updated_at = $8 WHERE id = $9",
            product.category_id.map(|c| c.to_string()),
            product.sku.as_str(),
            product.name.as_str(),
            product.description.as_str(),
            product.price.minor(),
            product.price.currency().code(),
            product.archived,
            now.as_millis(),
            product.id.to_string()
        )?;
        Ok(())
    }

    #[instrument(skip_all)]
    pub async fn find(&self, id: ProductId) -> Result<Option<Product>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM products p WHERE p.id = $1");
        let row = on_db!(&self.db, pool => sqlx::query_as::<_, ProductRow>(&sql).bind(id.to_string()).fetch_optional(pool).await)?;
        row.map(Product::try_from).transpose()
    }

    #[instrument(skip_all)]
    pub async fn list_for_store(
        &self,
        store: StoreId,
        include_archived: bool,
        page: PageRequest,
    ) -> Result<Page<Product>, sqlx::Error> {
        let filter = "p.store_id = $1 AND ($2 OR p.archived_at IS NULL)";
        let sql = format!(
            "SELECT {COLUMNS} FROM products p WHERE {filter} ORDER BY p.name, p.id LIMIT $3 OFFSET $4"
        );
        let count_sql = format!("SELECT COUNT(*) FROM products p WHERE {filter}");
        let (rows, total): (Vec<ProductRow>, i64) = on_db!(&self.db, pool => {
            let rows = sqlx::query_as::<_, ProductRow>(&sql)
                .bind(store.to_string())
                .bind(include_archived)
                .bind(i64::from(page.per_page))
                .bind(page.offset())
                .fetch_all(pool)
                .await?;
            let total = sqlx::query_scalar(&count_sql).bind(store.to_string()).bind(include_archived).fetch_one(pool).await?;
            (rows, total)
        });
        Page::from_rows(rows, total, page)
    }

    /// Active products matching every term, within the scope (a category includes its subcategories).
    #[instrument(skip_all)]
    pub async fn search(
        &self,
        terms: &[String],
        scope: SearchScope,
        limit: u32,
    ) -> Result<Vec<Product>, sqlx::Error> {
        let category = scope.category.map(|c| c.to_string());
        let store = scope.store.map(|s| s.to_string());
        let tree = "WITH RECURSIVE tree (id) AS (SELECT id FROM categories WHERE id = $2 \
                    UNION ALL SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id) ";
        let scoped = "p.archived_at IS NULL AND ($2 IS NULL OR p.category_id IN (SELECT id FROM tree)) \
                      AND ($3 IS NULL OR p.store_id = $3)";
        let rows: Vec<ProductRow> = match &self.db {
            Db::Sqlite(pool) => {
                let sql = format!(
                    "{tree}SELECT {COLUMNS} FROM products p WHERE {scoped} \
                     AND p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH $1) \
                     ORDER BY CASE WHEN p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH $4) THEN 0 ELSE 1 END, \
                     p.name, p.id LIMIT $5"
                );
                let query = fts5_query(terms);
                sqlx::query_as(&sql)
                    .bind(&query)
                    .bind(&category)
                    .bind(&store)
                    .bind(format!("name : ({query})"))
                    .bind(i64::from(limit))
                    .fetch_all(pool)
                    .await?
            }
            Db::Postgres(pool) => {
                let sql = format!(
                    "{tree}SELECT {COLUMNS} FROM products p WHERE {scoped} AND p.search @@ to_tsquery('simple', $1) \
                     ORDER BY CASE WHEN to_tsvector('simple', p.name) @@ to_tsquery('simple', $1) THEN 0 ELSE 1 END, \
                     p.name, p.id LIMIT $4"
                );
                sqlx::query_as(&sql)
                    .bind(tsquery(terms))
                    .bind(&category)
                    .bind(&store)
                    .bind(i64::from(limit))
                    .fetch_all(pool)
                    .await?
            }
        };
        rows.into_iter().map(Product::try_from).collect()
    }

    /// Attaches an image at the end of the product's gallery (again: no change).
    #[instrument(skip_all)]
    pub async fn add_image(
        &self,
        product: ProductId,
        image: &Image,
        now: Timestamp,
    ) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "INSERT INTO product_images (product_id, image_hash, width, height, position, created_at) \
             SELECT $1, $2, $3, $4, COALESCE(MAX(position), 0) + 1, $5 FROM product_images WHERE product_id = $1 \
             ON CONFLICT (product_id, image_hash) DO NOTHING",
            product.to_string(),
            image.hash.as_str(),
            i64::from(image.width),
            i64::from(image.height),
            now.as_millis()
        )?;
        Ok(())
    }

    #[instrument(skip_all)]
    pub async fn images(&self, product: ProductId) -> Result<Vec<Image>, sqlx::Error> {
        let rows: Vec<(String, i64, i64)> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT image_hash, width, height FROM product_images WHERE product_id = $1 ORDER BY position",
        )
        .bind(product.to_string())
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(hash, width, height)| {
                let size = |v: i64| {
                    u32::try_from(v).map_err(|_| sqlx::Error::Decode("product_images size".into()))
                };
                Ok(Image {
                    hash,
                    width: size(width)?,
                    height: size(height)?,
                })
            })
            .collect()
    }

    /// The first photo of each of `products` that has one: one query for a whole list.
    pub async fn covers(
        &self,
        products: &[ProductId],
    ) -> Result<Vec<(ProductId, Image)>, sqlx::Error> {
        if products.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=products.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT product_id, image_hash, width, height FROM product_images AS image \
             WHERE product_id IN ({}) AND position = \
             (SELECT MIN(position) FROM product_images WHERE product_id = image.product_id)",
            placeholders.join(", ")
        );
        let rows: Vec<(String, String, i64, i64)> = on_db!(&self.db, pool => {
            let mut query = sqlx::query_as(&sql);
            for product in products {
                query = query.bind(product.to_string());
            }
            query.fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(|(product, hash, width, height)| {
                let size = |v: i64| {
                    u32::try_from(v).map_err(|_| sqlx::Error::Decode("product_images size".into()))
                };
                let product = product
                    .parse()
                    .map_err(|_| sqlx::Error::Decode("product_images product_id".into()))?;
                Ok((
                    product,
                    Image {
                        hash,
                        width: size(width)?,
                        height: size(height)?,
                    },
                ))
            })
            .collect()
    }

    #[instrument(skip_all)]
    pub async fn insert_category(
        &self,
        category: &Category,
        now: Timestamp,
    ) -> Result<(), sqlx::Error> {
        execute!(
            &self.db,
            "INSERT INTO categories (id, store_id, parent_id, name, created_at) VALUES ($1, $2, $3, $4, $5)",
            category.id.to_string(),
            category.store_id.to_string(),
            category.parent_id.map(|p| p.to_string()),
            category.name.as_str(),
            now.as_millis()
        )?;
        Ok(())
    }

    #[instrument(skip_all)]
    pub async fn categories(&self, store: StoreId) -> Result<Vec<Category>, sqlx::Error> {
        let rows: Vec<(String, String, Option<String>, String)> = on_db!(&self.db, pool => sqlx::query_as(
            "SELECT id, store_id, parent_id, name FROM categories WHERE store_id = $1 ORDER BY name, id",
        )
        .bind(store.to_string())
        .fetch_all(pool)
        .await)?;
        rows.into_iter()
            .map(|(id, store_id, parent_id, name)| {
                let bad = || sqlx::Error::Decode("categories row".into());
                Ok(Category {
                    id: id.parse().map_err(|_| bad())?,
                    store_id: store_id.parse().map_err(|_| bad())?,
                    parent_id: parent_id
                        .map(|p| p.parse().map_err(|_| bad()))
                        .transpose()?,
                    name: CategoryName::parse(&name).map_err(|_| bad())?,
                })
            })
            .collect()
    }
}
