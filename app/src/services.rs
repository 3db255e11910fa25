//! Every context's service, built once at start and handed to server functions through Leptos
//! context (server functions cannot be generic, so the services are concrete structs).

use crate::quotas::Quotas;
use crate::{
    branches::service::BranchService,
    db::Db,
    drops::service::{DropService, DropSettings},
    error::AppError,
    events::outbox::{EventHandler, LogEvents, Outbox},
    identity::{
        api_tokens::{ApiTokenSettings, ApiTokens},
        password::{HashCost, PasswordHasher},
        service::{IdentityService, IdentitySettings},
    },
    mail::SharedMailer,
    media::{SharedMediaStore, Uploads},
    notifications::{
        queue::QueuedMailer,
        reactions::NotificationReactions,
        service::{NotificationService, NotificationSettings},
        sms::SharedSms,
    },
    products::service::ProductService,
    reservations::{
        reactions::ReservationReactions,
        service::{ReservationService, ReservationSettings},
    },
    stores::service::StoreService,
};
use leptos::prelude::use_context;
use std::sync::Arc;

/// What the services need from the server's configuration.
pub struct ServiceSettings {
    /// The address people reach this DropSlot at, for links in mail.
    pub public_url: String,
    pub hash_cost: HashCost,
    pub api_tokens: ApiTokenSettings,
    pub mailer: SharedMailer,
    pub media: SharedMediaStore,
    pub max_upload_bytes: u64,
    pub drops: DropSettings,
    pub reservations: ReservationSettings,
    pub quotas: Quotas,
    pub notifications: NotificationSettings,
    /// Texts, when an SMS provider is configured.
    pub sms: Option<SharedSms>,
}

/// Every context's service. Cloned for each request (axum state, Leptos context), so it is one
/// shared allocation: a clone is a reference count, not a copy of every service's settings.
#[derive(Clone)]
pub struct Services(Arc<ServiceSet>);

impl std::ops::Deref for Services {
    type Target = ServiceSet;
    fn deref(&self) -> &ServiceSet {
        &self.0
    }
}

pub struct ServiceSet {
    /// Where uploaded images' files are kept, for the route that serves them.
    pub media: SharedMediaStore,
    pub identity: IdentityService,
    pub stores: StoreService,
    pub products: ProductService,
    pub branches: BranchService,
    pub drops: DropService,
    pub reservations: ReservationService,
    pub notifications: NotificationService,
    pub outbox: Outbox,
}

impl Services {
    pub fn new(db: Db, settings: ServiceSettings) -> Self {
        let ServiceSettings {
            public_url,
            hash_cost,
            api_tokens,
            mailer,
            media,
            max_upload_bytes,
            drops,
            reservations,
            quotas,
            notifications,
            sms,
        } = settings;
        // Mail the contexts write themselves goes through the delivery log too.
        let queued: SharedMailer = Arc::new(QueuedMailer::new(
            db.clone(),
            mailer.clone(),
            notifications.first_retry_ms,
        ));
        let identity = IdentityService::new(
            db.clone(),
            PasswordHasher::new(hash_cost),
            ApiTokens::new(db.clone(), api_tokens),
            queued.clone(),
            IdentitySettings {
                public_url: public_url.clone(),
            },
        );
        let uploads = Uploads::new(media.clone(), max_upload_bytes);
        let stores = StoreService::new(
            db.clone(),
            identity.clone(),
            queued,
            public_url,
            uploads.clone(),
            quotas,
        );
        let products = ProductService::new(db.clone(), stores.clone(), uploads, quotas);
        let branches = BranchService::new(db.clone(), stores.clone(), quotas);
        let drops = DropService::new(
            db.clone(),
            stores.clone(),
            products.clone(),
            branches.clone(),
            drops,
            quotas,
        );
        let reservations = ReservationService::new(
            db.clone(),
            drops.clone(),
            stores.clone(),
            identity.clone(),
            reservations,
        );
        let notifications = NotificationService::new(
            db.clone(),
            identity.clone(),
            stores.clone(),
            branches.clone(),
            drops.clone(),
            reservations.clone(),
            mailer,
            sms,
            notifications,
        );
        let handlers: Vec<Arc<dyn EventHandler>> = vec![
            Arc::new(LogEvents),
            Arc::new(ReservationReactions(reservations.clone())),
            Arc::new(NotificationReactions(notifications.clone())),
        ];
        let outbox = Outbox::new(db, handlers);
        Self(Arc::new(ServiceSet {
            media,
            identity,
            stores,
            products,
            branches,
            drops,
            reservations,
            notifications,
            outbox,
        }))
    }
}

/// The services of the current request; missing only if the server was wired wrongly.
pub fn services() -> Result<Services, AppError> {
    use_context::<Services>()
        .ok_or_else(|| AppError::internal(&"Services missing from the request context"))
}
