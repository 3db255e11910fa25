//! Every entity id, in one place of the shared kernel: contexts and domain events name each
//! other's things by these without importing each other's models.

use crate::newtype::uuid_id;

uuid_id!(
    UserId,
    StoreId,
    BranchId,
    ProductId,
    CategoryId,
    DropId,
    SlotId,
    ReservationId,
    WaitlistEntryId,
    DeviceId,
    NotificationId
);

/// `owned_ids!(DropId => DropError::NotFound, ...)`, in the context that owns the ids, gives each
/// `from_path`: reading an id from a path, a form or a query, where text that is no id names
/// nothing and so gets the owner's "not found", never a "bad request".
#[cfg(feature = "ssr")]
macro_rules! owned_ids {
    ($($id:ty => $error:ident::$variant:ident),* $(,)?) => {$(
        impl $id {
            pub fn from_path(text: &str) -> Result<Self, $error> {
                text.parse().map_err(|_| $error::$variant)
            }
        }
    )*};
}

#[cfg(feature = "ssr")]
pub(crate) use owned_ids;
