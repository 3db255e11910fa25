//! Pages of the Products context: the owner's catalogue, the product page, and search.

mod catalogue;
mod product;
mod search;

pub use catalogue::{OwnerCataloguePage, category_paths};
pub use product::{ProductList, ProductPage};
pub use search::SearchPage;
