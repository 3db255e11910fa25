use crate::{i18n::I18n, stores::model::StoreRole, t};

/// A member's role in words.
pub fn role_label(i18n: I18n, role: StoreRole) -> String {
    match role {
        StoreRole::Owner => t!(i18n, "role-owner"),
        StoreRole::Staff => t!(i18n, "role-staff"),
    }
}
