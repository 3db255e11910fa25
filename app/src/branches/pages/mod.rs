//! Pages of the Branches context: the owner's branches with the hours editor, and "branches
//! near me" for shoppers.

mod card;
mod near;
mod owner;

pub use card::BranchCard;
pub use near::NearbyBranchesPage;
pub use owner::OwnerBranchesPage;
