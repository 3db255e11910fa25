//! Server functions of the Branches context.

use super::model::{Branch, BranchStatus};
use crate::{error::AppError, paging::Page, stores::model::Store};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A store with its branches (and their status now), and whether the caller manages it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BranchOverview {
    pub store: Store,
    pub branches: Vec<BranchStatus>,
    pub can_manage: bool,
}

#[server]
pub async fn store_branches(slug: String) -> Result<BranchOverview, AppError> {
    use crate::{
        request::principal,
        services::services,
        stores::{model::StoreSlug, service::StoreError},
        time::Timestamp,
    };
    let services = services()?;
    let principal = principal();
    let slug = StoreSlug::parse(&slug)
        .map_err(|_| AppError::from(StoreError::NotFound(slug.to_string())))?;
    let store = services.stores.get_by_slug(&principal, &slug).await?;
    let can_manage = services
        .stores
        .require_owner(&principal, store.id)
        .await
        .is_ok();
    let branches = services
        .branches
        .for_store(&principal, store.id, Timestamp::now())
        .await?;
    Ok(BranchOverview {
        store,
        branches,
        can_manage,
    })
}

/// Creates a branch, or updates the one named by `branch_id`.
#[server]
#[allow(clippy::too_many_arguments)]
pub async fn save_branch(
    store_id: String,
    branch_id: Option<String>,
    name: String,
    street: String,
    city: String,
    postcode: String,
    country: String,
    latitude: String,
    longitude: String,
    time_zone: String,
    phone: String,
    email: String,
    mon_opens: String,
    mon_closes: String,
    tue_opens: String,
    tue_closes: String,
    wed_opens: String,
    wed_closes: String,
    thu_opens: String,
    thu_closes: String,
    fri_opens: String,
    fri_closes: String,
    sat_opens: String,
    sat_closes: String,
    sun_opens: String,
    sun_closes: String,
    exceptions: String,
) -> Result<Branch, AppError> {
    use super::model::{BranchDraft, BranchInput};
    use crate::{
        ids::{BranchId, StoreId},
        request::principal,
        services::services,
    };
    let input = BranchInput {
        name,
        street,
        city,
        postcode,
        country,
        latitude,
        longitude,
        time_zone,
        phone,
        email,
        opens: [
            mon_opens, tue_opens, wed_opens, thu_opens, fri_opens, sat_opens, sun_opens,
        ],
        closes: [
            mon_closes, tue_closes, wed_closes, thu_closes, fri_closes, sat_closes, sun_closes,
        ],
        exceptions,
    };
    let draft = BranchDraft::parse(&input)?;
    let services = services()?;
    let principal = principal();
    match branch_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
    {
        Some(id) => {
            let id = BranchId::from_path(&id)?;
            Ok(services.branches.update(&principal, id, draft).await?)
        }
        None => {
            let store = StoreId::from_path(&store_id)?;
            Ok(services.branches.create(&principal, store, draft).await?)
        }
    }
}

/// Branches nearest the given coordinates (from the browser's geolocation) or typed place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NearbyBranches {
    /// False when a typed place matched nothing: the list is then alphabetical.
    pub located: bool,
    /// Each branch with its store's name.
    pub branches: Page<(BranchStatus, String)>,
}

/// How many branches a page of the search shows.
pub const NEARBY_PAGE_SIZE: u32 = 30;

#[server]
pub async fn branches_near(
    latitude: Option<String>,
    longitude: Option<String>,
    place: Option<String>,
    page: Option<u32>,
) -> Result<NearbyBranches, AppError> {
    use super::geo::Coordinates;
    use crate::{
        ids::StoreId, paging::PageRequest, request::principal, services::services, time::Timestamp,
    };
    let page = PageRequest::new(page, Some(NEARBY_PAGE_SIZE));
    let services = services()?;
    let principal = principal();
    let origin = match (latitude.as_deref(), longitude.as_deref(), place.as_deref()) {
        (Some(lat), Some(lon), _) if !lat.is_empty() && !lon.is_empty() => {
            Coordinates::parse(lat, lon).ok()
        }
        (_, _, Some(place)) => services.branches.locate_place(&principal, place).await?,
        _ => None,
    };
    let now = Timestamp::now();
    let found = match origin {
        Some(origin) => {
            services
                .branches
                .near(&principal, origin, None, now, page)
                .await?
        }
        None => services.branches.all(&principal, now, page).await?,
    };
    // Each branch with its store's name, each store on the page looked up once.
    let mut names: Vec<(StoreId, String)> = Vec::new();
    for status in &found.items {
        let store = status.branch.store_id;
        if !names.iter().any(|(id, _)| *id == store) {
            let name = services.stores.get_by_id(&principal, store).await?.name;
            names.push((store, name.to_string()));
        }
    }
    let branches = found.map(|status| {
        let name = names
            .iter()
            .find(|(id, _)| *id == status.branch.store_id)
            .map(|(_, name)| name.clone())
            .unwrap_or_default();
        (status, name)
    });
    Ok(NearbyBranches {
        located: origin.is_some(),
        branches,
    })
}
