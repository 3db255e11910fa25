//! Server functions of the Stores context: parse the input, call the service with the request's
//! principal, map the error.

use super::model::{ManagedStore, Store, TeamOverview};
#[cfg(feature = "ssr")]
use super::{
    model::{StoreId, StoreSlug},
    service::StoreError,
};
use crate::paging::Page;
use crate::{
    branches::model::BranchStatus, drops::api::DropSummary, error::AppError, media::Image,
    products::api::Catalogue,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// How many stores a page of the directory shows.
pub const DIRECTORY_PAGE_SIZE: u32 = 48;

#[server]
pub async fn list_stores(page: Option<u32>) -> Result<Page<Store>, AppError> {
    use crate::{paging::PageRequest, request::principal, services::services};
    let page = PageRequest::new(page, Some(DIRECTORY_PAGE_SIZE));
    Ok(services()?.stores.list(&principal(), page).await?)
}

/// `None` when nobody is signed in, so the page can offer sign-in instead of an error.
#[server]
pub async fn list_managed_stores() -> Result<Option<Vec<ManagedStore>>, AppError> {
    use crate::{identity::model::Principal, request::principal, services::services};
    let principal = principal();
    if principal == Principal::Anonymous {
        return Ok(None);
    }
    Ok(Some(services()?.stores.list_managed(&principal).await?))
}

#[cfg(feature = "ssr")]
fn parse_slug(slug: &str) -> Result<StoreSlug, AppError> {
    StoreSlug::parse(slug).map_err(|_| AppError::from(StoreError::NotFound(slug.to_string())))
}

#[server]
pub async fn create_store(name: String, slug: Option<String>) -> Result<Store, AppError> {
    use super::model::NewStore;
    use crate::{request::principal, services::services};
    let new = NewStore::parse(&name, slug.as_deref())?;
    Ok(services()?.stores.create(&principal(), new).await?)
}

/// A store id sent by a form; one that does not parse names no store.
#[cfg(feature = "ssr")]
pub(crate) async fn store_id_of(slug: &str) -> Result<(Store, StoreId), AppError> {
    use crate::{request::principal, services::services};
    let store = services()?
        .stores
        .get_by_slug(&principal(), &parse_slug(slug)?)
        .await?;
    let id = store.id;
    Ok((store, id))
}

#[server]
pub async fn store_team(slug: String) -> Result<TeamOverview, AppError> {
    use crate::{request::principal, services::services};
    let (store, id) = store_id_of(&slug).await?;
    let services = services()?;
    let principal = principal();
    let members = services.stores.members(&principal, id).await?;
    let invitations = services.stores.pending_invitations(&principal, id).await?;
    Ok(TeamOverview {
        store,
        members,
        invitations,
    })
}

#[server]
pub async fn invite_member(slug: String, email: String, role: String) -> Result<(), AppError> {
    use super::model::StoreRole;
    use crate::{
        contact::Email, error::FieldErrors, i18n::request_language, request::principal,
        services::services,
    };
    let mut errors = FieldErrors::default();
    let email = errors.check("email", Email::parse(&email));
    let role = errors.check("role", StoreRole::parse(&role));
    let (Some(email), Some(role)) = (email, role) else {
        return Err(errors.into());
    };
    let (_, id) = store_id_of(&slug).await?;
    Ok(services()?
        .stores
        .invite(&principal(), id, email, role, request_language())
        .await?)
}

#[server]
pub async fn remove_member(slug: String, user_id: String) -> Result<(), AppError> {
    use crate::{request::principal, services::services};
    let user = user_id
        .parse()
        .map_err(|_| AppError::from(StoreError::NotMember))?;
    let (_, id) = store_id_of(&slug).await?;
    Ok(services()?
        .stores
        .remove_member(&principal(), id, user)
        .await?)
}

#[server]
pub async fn accept_invitation(token: String) -> Result<Store, AppError> {
    use crate::{request::principal, services::services};
    Ok(services()?
        .stores
        .accept_invitation(&principal(), &token)
        .await?)
}

/// A store's profile page for its owners: the store, and the other stores they own that could
/// be its brand.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SettingsOverview {
    pub store: Store,
    pub possible_brands: Vec<Store>,
}

#[server]
pub async fn store_settings(slug: String) -> Result<SettingsOverview, AppError> {
    use crate::{request::principal, services::services};
    let (store, id) = store_id_of(&slug).await?;
    let services = services()?;
    let principal = principal();
    services.stores.require_owner(&principal, id).await?;
    let possible_brands = services
        .stores
        .list_managed(&principal)
        .await?
        .into_iter()
        .map(|managed| managed.store)
        .filter(|other| other.id != id && other.parent_id.is_none())
        .collect();
    Ok(SettingsOverview {
        store,
        possible_brands,
    })
}

#[server]
pub async fn update_store_profile(
    store_id: String,
    description: String,
    contact_email: String,
    contact_phone: String,
    accent: String,
    default_currency: String,
    parent: Option<String>,
) -> Result<Store, AppError> {
    use super::model::StoreProfile;
    use crate::{error::FieldErrors, request::principal, services::services};
    let id = StoreId::from_path(&store_id)?;
    let profile = StoreProfile::parse(
        &description,
        &contact_email,
        &contact_phone,
        &accent,
        &default_currency,
    )?;
    let parent = match parent.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(p.parse().map_err(|_| {
            AppError::from(FieldErrors::single("parent", crate::text!("check-parent")))
        })?),
        None => None,
    };
    Ok(services()?
        .stores
        .update_profile(&principal(), id, profile, parent)
        .await?)
}

/// Makes an uploaded image the store's logo: a multipart form with `store_id` and `logo`. Works
/// as a plain form post (the browser is sent back to the settings page) and from the enhanced
/// page.
#[server(input = MultipartFormData)]
pub async fn upload_store_logo(data: MultipartData) -> Result<Image, AppError> {
    use crate::{media::ImageForm, request::principal, services::services};
    let form = ImageForm::open(data, "store_id").await?;
    let id = StoreId::from_path(form.id())?;
    let stores = &services()?.stores;
    stores.may_set_logo(&principal(), id).await?;
    let upload = form.file("logo").await?;
    Ok(stores.set_logo(&principal(), id, upload).await?)
}

#[server]
pub async fn remove_store_logo(store_id: String) -> Result<(), AppError> {
    use crate::{request::principal, services::services};
    let id = StoreId::from_path(&store_id)?;
    Ok(services()?.stores.remove_logo(&principal(), id).await?)
}

/// A store's public page data: the store, its brand and the stores under it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FamilyOverview {
    pub brand: Option<Store>,
    pub children: Vec<Store>,
}

#[server]
pub async fn store_family(slug: String) -> Result<FamilyOverview, AppError> {
    use crate::{request::principal, services::services};
    let (store, id) = store_id_of(&slug).await?;
    let services = services()?;
    let principal = principal();
    let brand = match store.parent_id {
        Some(parent) => Some(services.stores.get_by_id(&principal, parent).await?),
        None => None,
    };
    let children = services.stores.children(&principal, id).await?;
    Ok(FamilyOverview { brand, children })
}

/// Everything a store's public page shows, loaded together in one round trip.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StorePageData {
    pub catalogue: Catalogue,
    pub branches: Vec<BranchStatus>,
    pub family: FamilyOverview,
    pub drops: Vec<DropSummary>,
}

#[server]
pub async fn store_page(slug: String) -> Result<StorePageData, AppError> {
    let catalogue = crate::products::api::store_catalogue(slug.clone(), None).await?;
    let branches = crate::branches::api::store_branches(slug.clone())
        .await?
        .branches;
    let family = store_family(slug).await?;
    let drops = crate::drops::api::store_drops(catalogue.store.id.to_string()).await?;
    Ok(StorePageData {
        catalogue,
        branches,
        family,
        drops,
    })
}
