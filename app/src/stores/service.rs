//! The only way into the Stores context: stores, their members and invitations. Every method
//! takes the acting principal and decides here what it may do.

use super::{
    model::{
        ManagedStore, NewStore, PendingInvitation, Store, StoreId, StoreMember, StoreName,
        StoreProfile, StoreRole, StoreSlug,
    },
    storage::{RemoveOutcome, StoreStorage},
};
use crate::paging::{Page, PageRequest};
use crate::quotas::{Quotas, has_room};
use crate::{
    contact::Email,
    db::{Db, is_unique_violation},
    error::{DomainError, ErrorKind, FieldErrors, internal_text},
    i18n::{I18n, Language, Text},
    identity::{
        model::{Principal, UserId},
        secret_token::{SecretToken, hash_token},
        service::{IdentityError, IdentityService},
    },
    mail::{OutgoingMail, SharedMailer},
    media::{Image, UploadError, Uploads},
    memo::TimedMemo,
    t, text,
    time::Timestamp,
};
use std::{
    collections::HashSet,
    sync::Arc,
    time::{Duration, Instant},
};
use tracing::instrument;

const MEMBERS_MEMO: Duration = Duration::from_secs(2);

const INVITATION_TTL_MS: i64 = 7 * 24 * 60 * 60 * 1000;

crate::ids::owned_ids!(StoreId => StoreError::NoSuchStore);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no store has the address {0}")]
    NotFound(String),
    #[error("no such store")]
    NoSuchStore,
    #[error("the address {0} is already taken by another store")]
    SlugTaken(StoreSlug),
    #[error("you already own {0} stores, the most one account may have")]
    QuotaReached(u32),
    #[error("sign in first")]
    Unauthenticated,
    #[error("only the store's owners may do that")]
    Forbidden,
    #[error("a store needs at least one owner: invite another owner before leaving")]
    LastOwner,
    #[error("that person is not a member of this store")]
    NotMember,
    #[error(
        "a store can belong to a brand that belongs to no other, and a brand cannot join another"
    )]
    InvalidBrand,
    #[error("this invitation is invalid, already used or expired")]
    InvitationInvalid,
    #[error("this invitation was sent to {0}; sign in with that email to accept it")]
    InvitationForAnotherEmail(String),
    #[error(transparent)]
    Upload(#[from] UploadError),
    #[error(transparent)]
    Identity(#[from] IdentityError),
    #[error("storage failed: {0}")]
    Storage(#[from] sqlx::Error),
}

impl DomainError for StoreError {
    fn kind(&self) -> ErrorKind {
        match self {
            StoreError::NotFound(_) | StoreError::NoSuchStore | StoreError::NotMember => {
                ErrorKind::NotFound
            }
            StoreError::SlugTaken(_) | StoreError::LastOwner | StoreError::QuotaReached(_) => {
                ErrorKind::Conflict
            }
            StoreError::Unauthenticated => ErrorKind::Unauthenticated,
            StoreError::Forbidden | StoreError::InvitationForAnotherEmail(_) => {
                ErrorKind::Forbidden
            }
            StoreError::InvalidBrand => ErrorKind::Invalid,
            StoreError::InvitationInvalid => ErrorKind::BadRequest,
            StoreError::Upload(inner) => inner.kind(),
            StoreError::Identity(inner) => inner.kind(),
            StoreError::Storage(_) => ErrorKind::Internal,
        }
    }

    fn text(&self) -> Text {
        match self {
            StoreError::NotFound(slug) => text!("store-err-not-found", slug = slug),
            StoreError::NoSuchStore => text!("store-err-no-such"),
            StoreError::SlugTaken(slug) => text!("check-slug-taken", slug = slug.as_str()),
            StoreError::QuotaReached(max) => text!("store-err-quota", max = *max),
            StoreError::Unauthenticated => text!("id-err-sign-in"),
            StoreError::Forbidden => text!("store-err-forbidden"),
            StoreError::LastOwner => text!("store-err-last-owner"),
            StoreError::NotMember => text!("store-err-not-member"),
            StoreError::InvalidBrand => text!("store-err-brand"),
            StoreError::InvitationInvalid => text!("store-err-invitation"),
            StoreError::InvitationForAnotherEmail(email) => {
                text!("store-err-invitation-email", email = email)
            }
            StoreError::Upload(inner) => inner.text(),
            StoreError::Identity(inner) => inner.text(),
            StoreError::Storage(_) => internal_text(),
        }
    }

    fn field(&self) -> Option<&'static str> {
        match self {
            StoreError::SlugTaken(_) => Some("slug"),
            StoreError::InvalidBrand => Some("parent"),
            StoreError::Upload(UploadError::Image(_)) => Some("logo"),
            _ => None,
        }
    }

    fn fields(&self) -> Option<&FieldErrors> {
        match self {
            StoreError::Identity(inner) => inner.fields(),
            _ => None,
        }
    }
}

#[cfg(test)]
impl StoreError {
    /// One of each refusal, for the catalogue tests.
    pub(crate) fn examples() -> Vec<Self> {
        use crate::media::ImageError;
        vec![
            StoreError::NotFound("bangkok-beans".to_owned()),
            StoreError::NoSuchStore,
            StoreError::SlugTaken(StoreSlug::parse("bangkok-beans").unwrap()),
            StoreError::QuotaReached(20),
            StoreError::Unauthenticated,
            StoreError::Forbidden,
            StoreError::LastOwner,
            StoreError::NotMember,
            StoreError::InvalidBrand,
            StoreError::InvitationInvalid,
            StoreError::InvitationForAnotherEmail("ploy@example.com".to_owned()),
            StoreError::Upload(UploadError::Image(ImageError::NotAnImage)),
        ]
    }
}

#[derive(Clone)]
pub struct StoreService {
    storage: StoreStorage,
    /// Each store's people, as read a moment ago (see `has_member`).
    members: TimedMemo<StoreId, Arc<HashSet<UserId>>>,
    identity: IdentityService,
    mailer: SharedMailer,
    public_url: String,
    uploads: Uploads,
    quotas: Quotas,
}

impl StoreService {
    pub fn new(
        db: Db,
        identity: IdentityService,
        mailer: SharedMailer,
        public_url: String,
        uploads: Uploads,
        quotas: Quotas,
    ) -> Self {
        Self {
            quotas,
            storage: StoreStorage::new(db),
            members: TimedMemo::new(MEMBERS_MEMO),
            identity,
            mailer,
            public_url,
            uploads,
        }
    }

    /// Opens a store; the signed-in creator becomes its first owner.
    #[instrument(skip_all, fields(store.slug = %new.slug))]
    pub async fn create(&self, principal: &Principal, new: NewStore) -> Result<Store, StoreError> {
        let owner = principal.user_id().ok_or(StoreError::Unauthenticated)?;
        let quota = self.quotas.stores_per_account;
        if !has_room(self.storage.count_owned(owner).await?, 1, quota) {
            return Err(StoreError::QuotaReached(quota));
        }
        let store = Store {
            id: StoreId::generate(),
            slug: new.slug,
            name: new.name,
            profile: StoreProfile::default(),
            parent_id: None,
            logo: None,
            created_at: Timestamp::now(),
        };
        match self.storage.insert_with_owner(&store, owner).await {
            Ok(()) => Ok(store),
            Err(e) if is_unique_violation(&e) => Err(StoreError::SlugTaken(store.slug)),
            Err(e) => Err(e.into()),
        }
    }

    #[instrument(skip_all, fields(store.id = %id))]
    pub async fn rename(
        &self,
        principal: &Principal,
        id: StoreId,
        name: StoreName,
    ) -> Result<Store, StoreError> {
        self.require(principal, id, &[StoreRole::Owner]).await?;
        self.storage
            .rename(id, &name, Timestamp::now())
            .await?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// The public directory of every store, a page at a time.
    pub async fn list(
        &self,
        _principal: &Principal,
        page: PageRequest,
    ) -> Result<Page<Store>, StoreError> {
        Ok(self.storage.list_page(page).await?)
    }

    /// The stores the caller runs (all of them for a platform admin).
    pub async fn list_managed(
        &self,
        principal: &Principal,
    ) -> Result<Vec<ManagedStore>, StoreError> {
        let user = principal.user_id().ok_or(StoreError::Unauthenticated)?;
        let mine = self.storage.list_for_member(user).await?;
        if !principal.is_platform_admin() {
            return Ok(mine
                .into_iter()
                .map(|(store, role)| ManagedStore {
                    store,
                    role: Some(role),
                })
                .collect());
        }
        let all = self.storage.list().await?;
        Ok(all
            .into_iter()
            .map(|store| {
                let role = mine
                    .iter()
                    .find(|(s, _)| s.id == store.id)
                    .map(|(_, role)| *role);
                ManagedStore { store, role }
            })
            .collect())
    }

    /// A store's public page: anyone may look.
    #[instrument(skip_all, fields(store.slug = %slug))]
    pub async fn get_by_slug(
        &self,
        _principal: &Principal,
        slug: &StoreSlug,
    ) -> Result<Store, StoreError> {
        self.storage
            .find_by_slug(slug)
            .await?
            .ok_or_else(|| StoreError::NotFound(slug.to_string()))
    }

    /// A store by id: anyone may look (its public page).
    pub async fn get_by_id(
        &self,
        _principal: &Principal,
        id: StoreId,
    ) -> Result<Store, StoreError> {
        self.storage
            .find_by_id(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// The caller's role in a store, if any (for pages and for other contexts' checks).
    pub async fn role_in(
        &self,
        principal: &Principal,
        store: StoreId,
    ) -> Result<Option<StoreRole>, StoreError> {
        match principal.user_id() {
            Some(user) => Ok(self.storage.role_of(store, user).await?),
            None => Ok(None),
        }
    }

    pub async fn members(
        &self,
        principal: &Principal,
        store: StoreId,
    ) -> Result<Vec<StoreMember>, StoreError> {
        self.require(principal, store, &[StoreRole::Owner]).await?;
        let mut members = Vec::new();
        for (user, role, since) in self.storage.members(store).await? {
            if let Some(account) = self.identity.account_by_id(user).await? {
                members.push(StoreMember {
                    user_id: user,
                    display_name: account.display_name,
                    email: account.email,
                    role,
                    since,
                });
            }
        }
        Ok(members)
    }

    pub async fn pending_invitations(
        &self,
        principal: &Principal,
        store: StoreId,
    ) -> Result<Vec<PendingInvitation>, StoreError> {
        self.require(principal, store, &[StoreRole::Owner]).await?;
        Ok(self
            .storage
            .pending_invitations(store, Timestamp::now())
            .await?)
    }

    /// Mails an invitation link to join a store (valid for seven days), in `language`: the
    /// invitee's is not known yet, so the inviter's is the best guess.
    #[instrument(skip_all, fields(store.id = %store))]
    pub async fn invite(
        &self,
        principal: &Principal,
        store: StoreId,
        email: Email,
        role: StoreRole,
        language: Language,
    ) -> Result<(), StoreError> {
        let inviter = self.require(principal, store, &[StoreRole::Owner]).await?;
        let found = self
            .storage
            .find_by_id(store)
            .await?
            .ok_or_else(|| StoreError::NotFound(store.to_string()))?;
        let now = Timestamp::now();
        let token = SecretToken::generate();
        let expires_at = Timestamp::from_millis(now.as_millis() + INVITATION_TTL_MS);
        self.storage
            .insert_invitation(&token.hash, store, &email, role, inviter, expires_at, now)
            .await?;
        let i18n = I18n(language);
        let role = match role {
            StoreRole::Owner => t!(i18n, "mail-invite-role-owner"),
            StoreRole::Staff => t!(i18n, "mail-invite-role-staff"),
        };
        let mail = OutgoingMail {
            to: email.to_string(),
            subject: t!(i18n, "mail-invite-subject", store = found.name.to_string()),
            body: t!(
                i18n,
                "mail-invite-body",
                store = found.name.to_string(),
                role = role,
                link = format!(
                    "{}/invitations/accept?token={}",
                    self.public_url, token.plain
                ),
            ),
            ..OutgoingMail::default()
        };
        let mailer = self.mailer.clone();
        tokio::spawn(async move {
            if let Err(error) = mailer.send(mail).await {
                tracing::error!(%error, "invitation mail not sent");
            }
        });
        Ok(())
    }

    /// Accepts an invitation for the signed-in person, whose email must be the invited one.
    #[instrument(skip_all)]
    pub async fn accept_invitation(
        &self,
        principal: &Principal,
        token: &str,
    ) -> Result<Store, StoreError> {
        let account = match self.identity.account(principal).await {
            Ok(account) => account,
            Err(IdentityError::Unauthenticated) => return Err(StoreError::Unauthenticated),
            Err(e) => return Err(e.into()),
        };
        let now = Timestamp::now();
        let token_hash = hash_token(token);
        let (store, _, email) = self
            .storage
            .find_invitation(&token_hash, now)
            .await?
            .ok_or(StoreError::InvitationInvalid)?;
        if email != account.email.as_str() {
            return Err(StoreError::InvitationForAnotherEmail(email));
        }
        if !self
            .storage
            .accept_invitation(&token_hash, account.id, now)
            .await?
        {
            return Err(StoreError::InvitationInvalid);
        }
        self.storage
            .find_by_id(store)
            .await?
            .ok_or_else(|| StoreError::NotFound(store.to_string()))
    }

    /// Removes a member: owners may remove anyone, members may remove themselves (leave); the
    /// last owner stays.
    #[instrument(skip_all, fields(store.id = %store))]
    pub async fn remove_member(
        &self,
        principal: &Principal,
        store: StoreId,
        member: UserId,
    ) -> Result<(), StoreError> {
        if principal.user_id() != Some(member) {
            self.require(principal, store, &[StoreRole::Owner]).await?;
        } else {
            self.require(principal, store, &[StoreRole::Owner, StoreRole::Staff])
                .await?;
        }
        match self
            .storage
            .remove_member(store, member, Timestamp::now())
            .await?
        {
            RemoveOutcome::Removed => Ok(()),
            RemoveOutcome::NotMember => Err(StoreError::NotMember),
            RemoveOutcome::LastOwner => Err(StoreError::LastOwner),
        }
    }

    /// Saves a store's profile and settings, and the brand it belongs to (a store its owner also
    /// owns; brands are one level deep, so a brand cannot join another and a store cannot be its
    /// own brand).
    #[instrument(skip_all, fields(store.id = %id))]
    pub async fn update_profile(
        &self,
        principal: &Principal,
        id: StoreId,
        profile: StoreProfile,
        parent: Option<StoreId>,
    ) -> Result<Store, StoreError> {
        self.require(principal, id, &[StoreRole::Owner]).await?;
        if let Some(parent) = parent {
            self.require(principal, parent, &[StoreRole::Owner]).await?;
            let brand = self
                .storage
                .find_by_id(parent)
                .await?
                .ok_or_else(|| StoreError::NotFound(parent.to_string()))?;
            if parent == id
                || brand.parent_id.is_some()
                || !self.storage.children(id).await?.is_empty()
            {
                return Err(StoreError::InvalidBrand);
            }
        }
        self.storage
            .update_profile(id, &profile, parent, Timestamp::now())
            .await?;
        self.storage
            .find_by_id(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// Whether `principal` may change the store's logo (owners only): asked before an upload's
    /// bytes are read.
    pub async fn may_set_logo(&self, principal: &Principal, id: StoreId) -> Result<(), StoreError> {
        self.require(principal, id, &[StoreRole::Owner]).await?;
        Ok(())
    }

    /// Checks, strips and resizes an uploaded logo and makes it the store's (owners only).
    #[instrument(skip_all, fields(store.id = %id, bytes = upload.len()))]
    pub async fn set_logo(
        &self,
        principal: &Principal,
        id: StoreId,
        upload: Vec<u8>,
    ) -> Result<Image, StoreError> {
        self.may_set_logo(principal, id).await?;
        let logo = self.uploads.save(upload).await?;
        self.storage
            .set_logo(id, Some(&logo), Timestamp::now())
            .await?;
        Ok(logo)
    }

    /// Takes the store's logo down; shopper pages show its name alone again (owners only).
    #[instrument(skip_all, fields(store.id = %id))]
    pub async fn remove_logo(&self, principal: &Principal, id: StoreId) -> Result<(), StoreError> {
        self.require(principal, id, &[StoreRole::Owner]).await?;
        Ok(self.storage.set_logo(id, None, Timestamp::now()).await?)
    }

    /// The stores under a brand: anyone may look.
    pub async fn children(
        &self,
        _principal: &Principal,
        parent: StoreId,
    ) -> Result<Vec<Store>, StoreError> {
        Ok(self.storage.children(parent).await?)
    }

    /// Whether `user` has any role in the store, as read at most `MEMBERS_MEMO` ago: the pages
    /// every shopper shares are never shown to a store's own people (they see its edit links),
    /// and someone just given a role sees the shoppers' page for at most that moment.
    pub async fn has_member(&self, store: StoreId, user: UserId) -> Result<bool, StoreError> {
        let members = match self.members.get(&store, Instant::now()) {
            Some(members) => members,
            None => {
                let members = Arc::new(self.storage.member_ids(store).await?);
                self.members.put(store, Instant::now(), members.clone());
                members
            }
        };
        Ok(members.contains(&user))
    }

    /// For other contexts: lets the call through if the principal owns the store (or is a
    /// platform admin).
    pub async fn require_owner(
        &self,
        principal: &Principal,
        store: StoreId,
    ) -> Result<UserId, StoreError> {
        self.require(principal, store, &[StoreRole::Owner]).await
    }

    /// Lets the call through if the principal has one of `roles` in the store or is a platform
    /// admin; returns the acting user.
    async fn require(
        &self,
        principal: &Principal,
        store: StoreId,
        roles: &[StoreRole],
    ) -> Result<UserId, StoreError> {
        let user = principal.user_id().ok_or(StoreError::Unauthenticated)?;
        if principal.is_platform_admin() {
            return Ok(user);
        }
        match self.storage.role_of(store, user).await? {
            Some(role) if roles.contains(&role) => Ok(user),
            _ => Err(StoreError::Forbidden),
        }
    }
}
