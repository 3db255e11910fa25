//! Identity on both engines: registration and mail links, sign-in and throttling, password reset
//! signing out everywhere, API token rotation and family revocation.

use super::{
    model::{Principal, Registration, UserId},
    service::{AdminProvisioned, IdentityError},
    sessions::{AUTH_KEY, AuthSession, DbSessionStore},
    storage::IdentityStorage,
};
use crate::{
    db_test,
    testing::{signed_in, test_services},
    time::Timestamp,
};
use std::net::{IpAddr, Ipv4Addr};
use tower_sessions::{
    SessionStore,
    session::{Id, Record},
};

const CLIENT: Option<IpAddr> = Some(IpAddr::V4(Ipv4Addr::new(203, 0, 113, 7)));

/// Stores a signed-in browser session for `user`, as the session layer would; returns its id.
async fn browser_session(store: &DbSessionStore, user: UserId, agent: &str) -> Id {
    let auth = AuthSession {
        user_id: user,
        signed_in_at: Timestamp::now(),
        user_agent: agent.into(),
        renewed_at: None,
    };
    let mut record = Record {
        id: Id::default(),
        data: [(AUTH_KEY.to_owned(), serde_json::to_value(auth).unwrap())].into(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
    };
    store.create(&mut record).await.unwrap();
    record.id
}

fn registration(email: &str) -> Registration {
    Registration::parse(email, "Ann", "violet-harbour-42").unwrap()
}

db_test!(
    async fn registration_verification_and_sign_in(db: Db) {
        let (services, mailbox) = test_services(db);
        let identity = &services.identity;
        identity
            .register(registration("Ann@Example.com"))
            .await
            .unwrap();
        let token = mailbox.token_for("ann@example.com", "/verify-email").await;

        let account = identity
            .authenticate("ann@example.com", "violet-harbour-42", CLIENT)
            .await
            .unwrap();
        assert!(!account.email_verified);
        assert_eq!(identity.verify_email(&token).await.unwrap(), account.id);
        assert!(
            matches!(
                identity.verify_email(&token).await,
                Err(IdentityError::InvalidLink)
            ),
            "single use"
        );

        let principal = Principal::User {
            id: account.id,
            is_platform_admin: false,
            email_verified: true,
        };
        assert!(identity.account(&principal).await.unwrap().email_verified);
        assert!(matches!(
            identity
                .authenticate("ann@example.com", "wrong-password-1", CLIENT)
                .await,
            Err(IdentityError::InvalidCredentials)
        ));
    }
);

db_test!(
    async fn registering_a_taken_email_answers_the_same_and_changes_nothing(db: Db) {
        let (services, mailbox) = test_services(db);
        let identity = &services.identity;
        identity
            .register(registration("ann@example.com"))
            .await
            .unwrap();
        let again =
            Registration::parse("ANN@example.com", "Impostor", "another-strong-pass-9").unwrap();
        identity.register(again).await.unwrap();
        mailbox.token_for("ann@example.com", "/verify-email").await;
        for _ in 0..100 {
            if mailbox.sent_to("ann@example.com").len() == 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        assert!(
            mailbox
                .sent_to("ann@example.com")
                .iter()
                .any(|m| m.subject.contains("tried to register"))
        );
        identity
            .authenticate("ann@example.com", "violet-harbour-42", CLIENT)
            .await
            .expect("the first password still works");
        assert!(
            identity
                .authenticate("ann@example.com", "another-strong-pass-9", CLIENT)
                .await
                .is_err()
        );
    }
);

db_test!(
    async fn unknown_emails_and_wrong_passwords_look_alike(db: Db) {
        let (services, _) = test_services(db);
        signed_in(&services, "ann@example.com").await;
        let unknown = services
            .identity
            .authenticate("nobody@example.com", "violet-harbour-42", CLIENT)
            .await
            .unwrap_err();
        let wrong = services
            .identity
            .authenticate("ann@example.com", "not-the-password", CLIENT)
            .await
            .unwrap_err();
        assert_eq!(unknown.to_string(), wrong.to_string());
        services
            .identity
            .request_password_reset("nobody@example.com")
            .await
            .expect("same answer for unknown emails");
    }
);

db_test!(
    async fn sign_in_is_throttled_per_account_with_a_clear_wait(db: Db) {
        let (services, _) = test_services(db);
        signed_in(&services, "ann@example.com").await;
        for _ in 0..5 {
            let error = services
                .identity
                .authenticate("ann@example.com", "not-the-password", CLIENT)
                .await
                .unwrap_err();
            assert!(matches!(error, IdentityError::InvalidCredentials));
        }
        let throttled = services
            .identity
            .authenticate("ann@example.com", "violet-harbour-42", CLIENT)
            .await
            .unwrap_err();
        assert!(
            matches!(throttled, IdentityError::Throttled { minutes: 15 }),
            "{throttled}"
        );
        assert!(throttled.to_string().contains("try again in 15 minutes"));
        // Another account from another address is not affected.
        signed_in(&services, "bob@example.com").await;
        let elsewhere = Some(IpAddr::V4(Ipv4Addr::new(198, 51, 100, 1)));
        services
            .identity
            .authenticate("bob@example.com", "violet-harbour-42", elsewhere)
            .await
            .expect("bob signs in");
    }
);

db_test!(
    async fn parallel_guesses_get_no_more_checks_than_the_allowance(db: Db) {
        let (services, _) = test_services(db);
        signed_in(&services, "ann@example.com").await;
        let guesses: Vec<_> = (0..20)
            .map(|n| {
                let identity = services.identity.clone();
                tokio::spawn(async move {
                    identity
                        .authenticate("ann@example.com", &format!("guess-{n}"), None)
                        .await
                })
            })
            .collect();
        let mut checked = 0;
        for guess in guesses {
            match guess.await.unwrap() {
                Err(IdentityError::InvalidCredentials) => checked += 1,
                Err(IdentityError::Throttled { .. }) => {}
                other => panic!("{other:?}"),
            }
        }
        assert!(checked <= 5, "{checked} guesses reached the password check");
    }
);

db_test!(
    async fn sign_in_is_throttled_per_address(db: Db) {
        let (services, _) = test_services(db);
        signed_in(&services, "ann@example.com").await;
        for n in 0..20 {
            let _ = services
                .identity
                .authenticate(&format!("guess{n}@example.com"), "not-the-password", CLIENT)
                .await;
        }
        let throttled = services
            .identity
            .authenticate("ann@example.com", "violet-harbour-42", CLIENT)
            .await;
        assert!(matches!(throttled, Err(IdentityError::Throttled { .. })));
    }
);

db_test!(
    async fn password_reset_is_single_use_and_signs_out_everywhere(db: Db) {
        let (services, mailbox) = test_services(db.clone());
        let identity = &services.identity;
        let principal = signed_in(&services, "ann@example.com").await;
        let user = principal.user_id().unwrap();

        // Two browser sessions and an API token family exist before the reset.
        let store = DbSessionStore::new(db);
        for agent in ["Phone", "Laptop"] {
            browser_session(&store, user, agent).await;
        }
        assert_eq!(identity.sessions(&principal, None).await.unwrap().len(), 2);
        let pair = identity
            .issue_api_tokens("ann@example.com", "violet-harbour-42", CLIENT)
            .await
            .unwrap();

        identity
            .request_password_reset("ann@example.com")
            .await
            .unwrap();
        let token = mailbox
            .token_for("ann@example.com", "/reset-password")
            .await;
        let weak = identity
            .reset_password(&token, "password123")
            .await
            .unwrap_err();
        assert!(
            matches!(weak, IdentityError::Invalid(_)),
            "a weak password is refused and the link stays usable"
        );
        identity
            .reset_password(&token, "new-harbour-lights-7")
            .await
            .unwrap();
        assert!(matches!(
            identity
                .reset_password(&token, "third-harbour-lights-8")
                .await,
            Err(IdentityError::InvalidLink)
        ));

        assert!(
            identity
                .sessions(&principal, None)
                .await
                .unwrap()
                .is_empty(),
            "every session ended"
        );
        assert!(
            identity
                .refresh_api_tokens(&pair.refresh_token)
                .await
                .is_err(),
            "API tokens revoked"
        );
        assert!(
            identity
                .authenticate("ann@example.com", "violet-harbour-42", CLIENT)
                .await
                .is_err()
        );
        identity
            .authenticate("ann@example.com", "new-harbour-lights-7", CLIENT)
            .await
            .expect("new password works");
    }
);

db_test!(
    async fn refresh_tokens_rotate_and_reuse_revokes_the_family(db: Db) {
        let (services, _) = test_services(db);
        let identity = &services.identity;
        let principal = signed_in(&services, "ann@example.com").await;
        let first = identity
            .issue_api_tokens("ann@example.com", "violet-harbour-42", CLIENT)
            .await
            .unwrap();
        assert_eq!(
            identity
                .principal_for_access_token(&first.access_token)
                .await
                .unwrap(),
            principal
        );

        let second = identity
            .refresh_api_tokens(&first.refresh_token)
            .await
            .unwrap();
        assert_ne!(second.refresh_token, first.refresh_token, "rotated");
        let third = identity
            .refresh_api_tokens(&second.refresh_token)
            .await
            .unwrap();

        // The stolen first token comes back: the whole family dies, including the newest token.
        assert!(
            identity
                .refresh_api_tokens(&first.refresh_token)
                .await
                .is_err()
        );
        assert!(
            identity
                .refresh_api_tokens(&third.refresh_token)
                .await
                .is_err(),
            "family revoked"
        );

        // Another sign-in starts a new family that still works.
        let other = identity
            .issue_api_tokens("ann@example.com", "violet-harbour-42", CLIENT)
            .await
            .unwrap();
        let renewed = identity
            .refresh_api_tokens(&other.refresh_token)
            .await
            .unwrap();
        identity
            .revoke_api_tokens(&renewed.refresh_token)
            .await
            .unwrap();
        assert!(
            identity
                .refresh_api_tokens(&renewed.refresh_token)
                .await
                .is_err(),
            "sign-out revokes"
        );
    }
);

db_test!(
    async fn concurrent_refreshes_of_one_token_yield_one_pair(db: Db) {
        let (services, _) = test_services(db);
        signed_in(&services, "ann@example.com").await;
        let pair = services
            .identity
            .issue_api_tokens("ann@example.com", "violet-harbour-42", CLIENT)
            .await
            .unwrap();
        let attempts = (0..8).map(|_| {
            let identity = services.identity.clone();
            let token = pair.refresh_token.clone();
            tokio::spawn(async move { identity.refresh_api_tokens(&token).await.is_ok() })
        });
        let mut successes = 0;
        for attempt in attempts {
            successes += usize::from(attempt.await.unwrap());
        }
        assert!(
            successes <= 1,
            "{successes} refreshes succeeded with one token"
        );
    }
);

db_test!(
    async fn tampered_and_foreign_access_tokens_are_refused(db: Db) {
        let (services, _) = test_services(db);
        signed_in(&services, "ann@example.com").await;
        let pair = services
            .identity
            .issue_api_tokens("ann@example.com", "violet-harbour-42", CLIENT)
            .await
            .unwrap();
        let mut tampered = pair.access_token.clone();
        tampered.pop();
        tampered.push(if pair.access_token.ends_with('A') {
            'B'
        } else {
            'A'
        });
        assert!(
            services
                .identity
                .principal_for_access_token(&tampered)
                .await
                .is_err()
        );
        // alg=none with the same claims.
        let claims = pair.access_token.split('.').nth(1).unwrap();
        let unsigned = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{claims}.");
        assert!(
            services
                .identity
                .principal_for_access_token(&unsigned)
                .await
                .is_err()
        );
        assert!(
            services
                .identity
                .principal_for_access_token("not a token")
                .await
                .is_err()
        );
    }
);

db_test!(
    async fn profile_and_preferences_are_saved(db: Db) {
        use crate::{
            i18n::Language,
            identity::model::{DisplayName, NotificationChannels, Preferences},
            time::TimeZoneName,
        };
        let (services, _) = test_services(db);
        let principal = signed_in(&services, "ann@example.com").await;
        let preferences = Preferences {
            language: Language::Th,
            time_zone: TimeZoneName::parse("Asia/Bangkok").unwrap(),
            channels: NotificationChannels {
                email: false,
                sms: true,
                push: true,
            },
            mobile: Some(crate::contact::MobileNumber::parse("+66 81 234 5678").unwrap()),
        };
        let account = services
            .identity
            .update_profile(
                &principal,
                DisplayName::parse("แอน").unwrap(),
                preferences.clone(),
            )
            .await
            .unwrap();
        assert_eq!(account.display_name.as_str(), "แอน");
        assert_eq!(account.preferences, preferences);
        let anonymous = services
            .identity
            .update_profile(&Principal::Anonymous, account.display_name, preferences)
            .await;
        assert!(matches!(anonymous, Err(IdentityError::Unauthenticated)));
    }
);

db_test!(
    async fn a_new_profile_speaks_the_language_its_owner_signed_up_in(db: Db) {
        use crate::i18n::Language;
        let (services, _) = test_services(db);
        let identity = &services.identity;
        let id = identity
            .provision_account(
                registration("somchai@example.com").speaking(Language::Th),
                false,
            )
            .await
            .unwrap();
        let account = identity.account_by_id(id).await.unwrap().unwrap();
        assert_eq!(account.preferences.language, Language::Th);
        let id = identity
            .provision_account(registration("ann@example.com"), false)
            .await
            .unwrap();
        let account = identity.account_by_id(id).await.unwrap().unwrap();
        assert_eq!(account.preferences.language, Language::En);
    }
);

db_test!(
    async fn mail_speaks_the_language_its_reader_signed_up_in(db: Db) {
        use crate::i18n::Language;
        let (services, mailbox) = test_services(db);
        services
            .identity
            .register(registration("somchai@example.com").speaking(Language::Th))
            .await
            .unwrap();
        mailbox
            .token_for("somchai@example.com", "/verify-email")
            .await;
        let mail = mailbox.sent_to("somchai@example.com").remove(0);
        assert_eq!(mail.subject, "ยืนยันอีเมลของคุณสำหรับ DropSlot");
        assert!(
            mail.body.starts_with("สวัสดี Ann\n\nกรุณายืนยันอีเมล"),
            "{}",
            mail.body
        );
    }
);

db_test!(
    async fn signing_out_other_devices_keeps_this_one(db: Db) {
        let (services, _) = test_services(db.clone());
        let principal = signed_in(&services, "ann@example.com").await;
        let store = DbSessionStore::new(db);
        let mut ids = Vec::new();
        for agent in ["Phone", "Laptop", "Tablet"] {
            ids.push(browser_session(&store, principal.user_id().unwrap(), agent).await);
        }
        let listed = services
            .identity
            .sessions(&principal, Some(ids[1]))
            .await
            .unwrap();
        assert_eq!(listed.len(), 3);
        assert_eq!(listed.iter().filter(|s| s.current).count(), 1);
        assert_eq!(
            services
                .identity
                .sign_out_other_sessions(&principal, Some(ids[1]))
                .await
                .unwrap(),
            2
        );
        let left = services
            .identity
            .sessions(&principal, Some(ids[1]))
            .await
            .unwrap();
        assert_eq!(left.len(), 1);
        assert!(left[0].current && left[0].user_agent == "Laptop");
    }
);

db_test!(
    async fn old_sign_in_failures_are_pruned_recent_ones_kept(db: Db) {
        let (services, _) = test_services(db.clone());
        signed_in(&services, "ann@example.com").await;
        let storage = IdentityStorage::new(db);
        let two_hours_ago =
            Timestamp::from_millis(Timestamp::now().as_millis() - 2 * 60 * 60 * 1000);
        storage
            .record_attempt(
                &["account:ann@example.com".to_owned()],
                "old",
                two_hours_ago,
            )
            .await
            .unwrap();
        let _ = services
            .identity
            .authenticate("ann@example.com", "not-the-password", CLIENT)
            .await;
        assert_eq!(
            services.identity.prune_sign_in_failures().await.unwrap(),
            1,
            "only the old failure goes"
        );
        assert_eq!(services.identity.prune_sign_in_failures().await.unwrap(), 0);
    }
);

db_test!(
    async fn access_tokens_say_who_is_acting_without_a_lookup(db: Db) {
        let (services, _) = test_services(db);
        let identity = &services.identity;
        let admin = Registration::parse("root@example.com", "Root", "violet-harbour-42").unwrap();
        identity.provision_account(admin, true).await.unwrap();
        let shopper = signed_in(&services, "ann@example.com").await;
        let pair = identity
            .issue_api_tokens("root@example.com", "violet-harbour-42", CLIENT)
            .await
            .unwrap();
        assert!(matches!(
            identity
                .principal_for_access_token(&pair.access_token)
                .await
                .unwrap(),
            Principal::User {
                is_platform_admin: true,
                ..
            }
        ));
        let renewed = identity
            .refresh_api_tokens(&pair.refresh_token)
            .await
            .unwrap();
        assert!(
            matches!(
                identity
                    .principal_for_access_token(&renewed.access_token)
                    .await
                    .unwrap(),
                Principal::User {
                    is_platform_admin: true,
                    ..
                }
            ),
            "a refreshed token keeps the role"
        );
        let token = identity.access_token(shopper.user_id().unwrap()).unwrap();
        assert_eq!(
            identity.principal_for_access_token(&token).await.unwrap(),
            shopper
        );
    }
);

db_test!(
    async fn create_admin_never_promotes_an_account_someone_else_registered(db: Db) {
        let (services, mailbox) = test_services(db);
        let identity = &services.identity;
        // Someone registers the operator's email first, with their own password, unconfirmed.
        identity
            .register(registration("ops@example.com"))
            .await
            .unwrap();
        let is_admin = async |email: &str| {
            // Finds the account as it is (a seed's call changes nothing that exists).
            let id = identity
                .provision_account(registration(email), false)
                .await
                .unwrap();
            let account = identity.account_by_id(id).await.unwrap().unwrap();
            account.is_platform_admin
        };
        assert!(matches!(
            identity
                .provision_admin(registration("ops@example.com"), false)
                .await,
            Err(IdentityError::AccountExists)
        ));
        assert!(matches!(
            identity
                .provision_admin(registration("ops@example.com"), true)
                .await,
            Err(IdentityError::NotConfirmed)
        ));
        assert!(!is_admin("ops@example.com").await);

        let token = mailbox.token_for("ops@example.com", "/verify-email").await;
        identity.verify_email(&token).await.unwrap();
        assert!(matches!(
            identity
                .provision_admin(registration("ops@example.com"), true)
                .await,
            Ok(AdminProvisioned::Promoted(_))
        ));
        assert!(is_admin("ops@example.com").await);
        assert!(matches!(
            identity
                .provision_admin(registration("new@example.com"), false)
                .await,
            Ok(AdminProvisioned::Created(_))
        ));
        assert!(is_admin("new@example.com").await);
    }
);
