//! The Stores service and its storage on both engines, and who may do what.

use super::{
    model::{NewStore, StoreId, StoreName, StoreRole, StoreSlug},
    service::StoreError,
};
use crate::paging::PageRequest;
use crate::{
    contact::Email,
    db_test,
    i18n::Language,
    identity::model::Principal,
    services::Services,
    testing::{MemoryMailer, platform_admin, signed_in, test_services},
};

/// Invites `who` (by email) and has them accept: a member in one step.
async fn join(
    services: &Services,
    mailbox: &MemoryMailer,
    owner: &Principal,
    store: StoreId,
    who: &Principal,
    email: &str,
    role: StoreRole,
) {
    services
        .stores
        .invite(
            owner,
            store,
            Email::parse(email).unwrap(),
            role,
            Language::En,
        )
        .await
        .unwrap();
    let token = mailbox.token_for(email, "/invitations/accept").await;
    services
        .stores
        .accept_invitation(who, &token)
        .await
        .unwrap();
}

fn new_store(name: &str, slug: &str) -> NewStore {
    NewStore::parse(name, Some(slug)).expect("valid store")
}

db_test!(
    async fn creates_lists_and_finds_by_slug(db: Db) {
        let (services, _) = test_services(db);
        let owner = signed_in(&services, "owner@example.com").await;
        let stores = &services.stores;
        let bakery = stores
            .create(&owner, new_store("Kanom Bakery", "kanom-bakery"))
            .await
            .unwrap();
        let archive = stores
            .create(&owner, new_store("Archive of Soles", "sole-archive"))
            .await
            .unwrap();

        let listed = stores
            .list(&Principal::Anonymous, PageRequest::new(None, None))
            .await
            .unwrap();
        assert_eq!(
            listed.items,
            vec![archive.clone(), bakery.clone()],
            "listed by name"
        );
        let second = stores
            .list(&Principal::Anonymous, PageRequest::new(Some(2), Some(1)))
            .await
            .unwrap();
        assert_eq!((second.total, second.pages()), (2, 2));
        assert_eq!(second.items, vec![bakery.clone()], "a page at a time");
        let found = stores
            .get_by_slug(
                &Principal::Anonymous,
                &StoreSlug::parse("kanom-bakery").unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(found, bakery);

        let managed = stores.list_managed(&owner).await.unwrap();
        assert_eq!(managed.len(), 2);
        assert!(
            managed.iter().all(|m| m.role == Some(StoreRole::Owner)),
            "the creator owns the store"
        );
    }
);

db_test!(
    async fn a_taken_slug_is_refused_and_nothing_changes(db: Db) {
        let (services, _) = test_services(db);
        let owner = signed_in(&services, "owner@example.com").await;
        let first = services
            .stores
            .create(&owner, new_store("Kanom Bakery", "kanom"))
            .await
            .unwrap();
        let second = services
            .stores
            .create(&owner, new_store("Another Kanom", "kanom"))
            .await;
        assert!(matches!(second, Err(StoreError::SlugTaken(slug)) if slug.as_str() == "kanom"));
        let listed = services.stores.list(&owner, PageRequest::new(None, None));
        assert_eq!(listed.await.unwrap().items, vec![first]);
    }
);

db_test!(
    async fn rename_keeps_the_address(db: Db) {
        let (services, _) = test_services(db);
        let owner = signed_in(&services, "owner@example.com").await;
        let store = services
            .stores
            .create(&owner, new_store("Kanom", "kanom"))
            .await
            .unwrap();
        let renamed = services
            .stores
            .rename(&owner, store.id, StoreName::parse("Kanom Bakery").unwrap())
            .await
            .unwrap();
        assert_eq!(
            (renamed.name.as_str(), &renamed.slug, renamed.id),
            ("Kanom Bakery", &store.slug, store.id)
        );
    }
);

db_test!(
    async fn invitations_make_members_and_the_last_owner_stays(db: Db) {
        let (services, mailbox) = test_services(db);
        let stores = &services.stores;
        let owner = signed_in(&services, "owner@example.com").await;
        let staff = signed_in(&services, "staff@example.com").await;
        let stranger = signed_in(&services, "stranger@example.com").await;
        let store = stores
            .create(&owner, new_store("Kanom", "kanom"))
            .await
            .unwrap();

        stores
            .invite(
                &owner,
                store.id,
                Email::parse("Staff@Example.com").unwrap(),
                StoreRole::Staff,
                Language::En,
            )
            .await
            .unwrap();
        assert_eq!(
            stores
                .pending_invitations(&owner, store.id)
                .await
                .unwrap()
                .len(),
            1
        );
        let token = mailbox
            .token_for("staff@example.com", "/invitations/accept")
            .await;

        let wrong_person = stores.accept_invitation(&stranger, &token).await;
        assert!(matches!(
            wrong_person,
            Err(StoreError::InvitationForAnotherEmail(_))
        ));
        assert_eq!(
            stores.accept_invitation(&staff, &token).await.unwrap().id,
            store.id
        );
        assert!(
            matches!(
                stores.accept_invitation(&staff, &token).await,
                Err(StoreError::InvitationInvalid)
            ),
            "single use"
        );
        assert_eq!(
            stores.role_in(&staff, store.id).await.unwrap(),
            Some(StoreRole::Staff)
        );
        assert!(
            stores
                .pending_invitations(&owner, store.id)
                .await
                .unwrap()
                .is_empty()
        );

        let members = stores.members(&owner, store.id).await.unwrap();
        assert_eq!(
            members
                .iter()
                .map(|m| (m.email.as_str(), m.role))
                .collect::<Vec<_>>(),
            vec![
                ("owner@example.com", StoreRole::Owner),
                ("staff@example.com", StoreRole::Staff)
            ]
        );

        let owner_id = owner.user_id().unwrap();
        assert!(matches!(
            stores.remove_member(&owner, store.id, owner_id).await,
            Err(StoreError::LastOwner)
        ));
        stores
            .remove_member(&staff, store.id, staff.user_id().unwrap())
            .await
            .expect("staff may leave");
        assert_eq!(stores.role_in(&staff, store.id).await.unwrap(), None);
    }
);

db_test!(
    async fn two_owners_leaving_at_once_leave_one_behind(db: Db) {
        let (services, mailbox) = test_services(db);
        let stores = &services.stores;
        let first = signed_in(&services, "first@example.com").await;
        let second = signed_in(&services, "second@example.com").await;
        let store = stores
            .create(&first, new_store("Kanom", "kanom"))
            .await
            .unwrap();
        join(
            &services,
            &mailbox,
            &first,
            store.id,
            &second,
            "second@example.com",
            StoreRole::Owner,
        )
        .await;

        let leave = |who: Principal| {
            let stores = stores.clone();
            tokio::spawn(async move {
                stores
                    .remove_member(&who, store.id, who.user_id().unwrap())
                    .await
            })
        };
        let (a, b) = (leave(first.clone()), leave(second.clone()));
        let outcomes = [a.await.unwrap(), b.await.unwrap()];
        assert_eq!(
            outcomes.iter().filter(|o| o.is_ok()).count(),
            1,
            "{outcomes:?}"
        );
        assert_eq!(
            outcomes
                .iter()
                .filter(|o| matches!(o, Err(StoreError::LastOwner)))
                .count(),
            1
        );
    }
);

// Every operation against every role: no unauthorised success, no wrongful refusal.
db_test!(
    async fn role_operation_matrix(db: Db) {
        let (services, mailbox) = test_services(db);
        let stores = &services.stores;
        let owner = signed_in(&services, "owner@example.com").await;
        let staff = signed_in(&services, "staff@example.com").await;
        let shopper = signed_in(&services, "shopper@example.com").await;
        let other_owner = signed_in(&services, "other@example.com").await;
        let admin = platform_admin(&services, "admin@example.com").await;
        let store = stores
            .create(&owner, new_store("Kanom", "kanom"))
            .await
            .unwrap();
        stores
            .create(&other_owner, new_store("Elsewhere", "elsewhere"))
            .await
            .unwrap();
        join(
            &services,
            &mailbox,
            &owner,
            store.id,
            &staff,
            "staff@example.com",
            StoreRole::Staff,
        )
        .await;

        let roles = [
            ("anonymous", Principal::Anonymous),
            ("shopper", shopper),
            ("staff", staff.clone()),
            ("owner", owner.clone()),
            ("owner of another store", other_owner),
            ("platform admin", admin),
        ];
        // (operation, roles allowed)
        let expectations: [(&str, &[&str]); 8] = [
            (
                "list",
                &[
                    "anonymous",
                    "shopper",
                    "staff",
                    "owner",
                    "owner of another store",
                    "platform admin",
                ],
            ),
            (
                "get_by_slug",
                &[
                    "anonymous",
                    "shopper",
                    "staff",
                    "owner",
                    "owner of another store",
                    "platform admin",
                ],
            ),
            (
                "create",
                &[
                    "shopper",
                    "staff",
                    "owner",
                    "owner of another store",
                    "platform admin",
                ],
            ),
            (
                "list_managed",
                &[
                    "shopper",
                    "staff",
                    "owner",
                    "owner of another store",
                    "platform admin",
                ],
            ),
            ("rename", &["owner", "platform admin"]),
            ("members", &["owner", "platform admin"]),
            ("pending_invitations", &["owner", "platform admin"]),
            ("invite", &["owner", "platform admin"]),
        ];
        let mut failures = Vec::new();
        for (operation, allowed) in expectations {
            for (n, (role, principal)) in roles.iter().enumerate() {
                let slug =
                    StoreSlug::parse(&format!("new-{operation}-{n}").replace('_', "-")).unwrap();
                let outcome: Result<(), StoreError> = match operation {
                    "list" => stores
                        .list(principal, PageRequest::new(None, None))
                        .await
                        .map(drop),
                    "get_by_slug" => stores.get_by_slug(principal, &store.slug).await.map(drop),
                    "create" => stores
                        .create(
                            principal,
                            NewStore {
                                name: StoreName::parse("New").unwrap(),
                                slug,
                            },
                        )
                        .await
                        .map(drop),
                    "list_managed" => stores.list_managed(principal).await.map(drop),
                    "rename" => stores
                        .rename(principal, store.id, StoreName::parse("Kanom").unwrap())
                        .await
                        .map(drop),
                    "members" => stores.members(principal, store.id).await.map(drop),
                    "pending_invitations" => stores
                        .pending_invitations(principal, store.id)
                        .await
                        .map(drop),
                    "invite" => {
                        stores
                            .invite(
                                principal,
                                store.id,
                                Email::parse("x@example.com").unwrap(),
                                StoreRole::Staff,
                                Language::En,
                            )
                            .await
                    }
                    _ => unreachable!(),
                };
                let expected = allowed.contains(role);
                match (&outcome, expected) {
                    (Ok(()), true) => {}
                    (Err(StoreError::Unauthenticated | StoreError::Forbidden), false) => {}
                    _ => failures.push(format!(
                        "{operation} as {role}: {outcome:?} (expected allowed={expected})"
                    )),
                }
            }
        }
        // Removing someone else: owners and admins only; leaving: members only.
        let staff_id = staff.user_id().unwrap();
        for (role, principal) in &roles {
            if matches!(*role, "owner" | "platform admin" | "staff") {
                continue;
            }
            let outcome = stores.remove_member(principal, store.id, staff_id).await;
            if !matches!(
                outcome,
                Err(StoreError::Unauthenticated | StoreError::Forbidden)
            ) {
                failures.push(format!("remove_member as {role}: {outcome:?}"));
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
        stores
            .remove_member(&owner, store.id, staff_id)
            .await
            .expect("an owner removes staff");
    }
);

db_test!(
    async fn profiles_and_brands(db: Db) {
        use crate::stores::model::StoreProfile;
        let (services, _) = test_services(db);
        let stores = &services.stores;
        let owner = signed_in(&services, "owner@example.com").await;
        let stranger = signed_in(&services, "stranger@example.com").await;
        let brand = stores
            .create(&owner, new_store("Kanom Group", "kanom-group"))
            .await
            .unwrap();
        let siam = stores
            .create(&owner, new_store("Kanom Siam", "kanom-siam"))
            .await
            .unwrap();
        let foreign = stores
            .create(&stranger, new_store("Not Yours", "not-yours"))
            .await
            .unwrap();

        let profile = StoreProfile::parse(
            "Fresh every dawn.",
            "hello@kanom.example",
            "+66 2 123 4567",
            "#7c2d12",
            "THB",
        )
        .unwrap();
        let saved = stores
            .update_profile(&owner, siam.id, profile.clone(), Some(brand.id))
            .await
            .unwrap();
        assert_eq!(
            (saved.profile.clone(), saved.parent_id),
            (profile.clone(), Some(brand.id))
        );
        assert_eq!(
            stores
                .get_by_slug(&Principal::Anonymous, &siam.slug)
                .await
                .unwrap(),
            saved,
            "the profile is stored"
        );
        assert_eq!(
            stores
                .children(&Principal::Anonymous, brand.id)
                .await
                .unwrap(),
            vec![saved.clone()]
        );

        let invalid = |r: Result<_, StoreError>| matches!(r, Err(StoreError::InvalidBrand));
        assert!(
            invalid(
                stores
                    .update_profile(&owner, brand.id, StoreProfile::default(), Some(siam.id))
                    .await
            ),
            "a brand with stores cannot join another"
        );
        assert!(
            invalid(
                stores
                    .update_profile(&owner, siam.id, StoreProfile::default(), Some(siam.id))
                    .await
            ),
            "not its own brand"
        );
        let not_owned = stores
            .update_profile(&owner, siam.id, StoreProfile::default(), Some(foreign.id))
            .await;
        assert!(
            matches!(not_owned, Err(StoreError::Forbidden)),
            "only a brand the caller owns"
        );
        let stranger_edit = stores
            .update_profile(&stranger, siam.id, StoreProfile::default(), None)
            .await;
        assert!(matches!(stranger_edit, Err(StoreError::Forbidden)));
        assert_eq!(
            stores
                .get_by_slug(&Principal::Anonymous, &siam.slug)
                .await
                .unwrap(),
            saved,
            "refusals change nothing"
        );
    }
);

db_test!(
    async fn logos_are_set_replaced_refused_and_removed_by_owners_only(db: Db) {
        use crate::{
            media::UploadError,
            testing::{png, png_bomb},
        };
        let (services, _) = test_services(db);
        let stores = &services.stores;
        let owner = signed_in(&services, "owner@example.com").await;
        let stranger = signed_in(&services, "stranger@example.com").await;
        let store = stores
            .create(&owner, new_store("Kanom", "kanom"))
            .await
            .unwrap();
        let slug = StoreSlug::parse("kanom").unwrap();
        let logo_of = || async {
            stores
                .get_by_slug(&Principal::Anonymous, &slug)
                .await
                .unwrap()
                .logo
        };
        assert_eq!(logo_of().await, None);

        let logo = stores
            .set_logo(&owner, store.id, png(400, 200))
            .await
            .unwrap();
        assert_eq!((logo.width, logo.height), (400, 200));
        assert_eq!(logo_of().await, Some(logo.clone()), "shoppers see it");
        let file = services
            .media
            .get(&format!("{}-320.jpg", logo.hash))
            .await
            .unwrap()
            .expect("the file is stored");
        assert_eq!(&file[..2], b"\xFF\xD8", "a JPEG");

        for bad in [b"a text file called logo.png".to_vec(), png_bomb()] {
            let refused = stores.set_logo(&owner, store.id, bad).await;
            assert!(
                matches!(refused, Err(StoreError::Upload(UploadError::Image(_)))),
                "{refused:?}"
            );
        }
        let foreign = stores.set_logo(&stranger, store.id, png(64, 64)).await;
        assert!(matches!(foreign, Err(StoreError::Forbidden)), "{foreign:?}");
        assert!(matches!(
            stores.remove_logo(&stranger, store.id).await,
            Err(StoreError::Forbidden)
        ));
        assert_eq!(logo_of().await, Some(logo), "refusals change nothing");

        let replaced = stores
            .set_logo(&owner, store.id, png(64, 64))
            .await
            .unwrap();
        assert_eq!(logo_of().await, Some(replaced));
        stores.remove_logo(&owner, store.id).await.unwrap();
        assert_eq!(logo_of().await, None);
    }
);
