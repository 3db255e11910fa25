//! Pages of the Stores context: the public directory and store page, and the owner's stores,
//! team and invitations.

mod directory;
mod invitation;
mod members;
mod owner;
mod role;
mod settings;
mod store;

pub use directory::StoreDirectoryPage;
pub use invitation::AcceptInvitationPage;
pub use members::StoreMembersPage;
pub use owner::OwnerStoresPage;
pub use settings::StoreSettingsPage;
pub use store::StorePage;
