//! Pages of the Stores context: the public directory and store page, and the owner's stores.

mod directory;
mod owner;
mod store;

pub use directory::StoreDirectoryPage;
pub use owner::OwnerStoresPage;
pub use store::StorePage;
