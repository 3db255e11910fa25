//! Pages of the Drops context: the shopper's drop page and store-page list, the owner's list,
//! editor and live view.

mod card;
mod editor;
mod live;
mod owner;
mod shopper;
mod slots;

pub use card::{DropList, status_label};
pub use editor::DropEditorPage;
pub use live::DropLivePage;
pub use owner::OwnerDropsPage;
pub use shopper::DropPage;
