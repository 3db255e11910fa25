//! "Tell me when it opens": a shopper's opt-in to one drop's opening alert (the only message
//! that needs one), and the one-click way out of all of them that every such mail carries.

use super::{NotificationError, NotificationService, Subject, copy_to_channels};
use crate::{
    drops::{model::DropStatus, rules::effective_status},
    identity::model::Principal,
    ids::{DropId, UserId},
    notifications::{
        model::{Channel, MessageKind},
        rules,
        storage::{NewNotification, Planned},
    },
    time::Timestamp,
};

pub(super) fn opening_key(drop: DropId) -> String {
    format!("opening:{drop}")
}

impl NotificationService {
    /// Asks to be told before a scheduled drop opens, on the person's channels (`on`), or
    /// stops asking. Asking again after stopping asks anew.
    pub async fn ask_opening_alert(
        &self,
        principal: &Principal,
        drop_id: DropId,
        on: bool,
    ) -> Result<(), NotificationError> {
        let user = principal
            .user_id()
            .ok_or(NotificationError::Unauthenticated)?;
        let key = opening_key(drop_id);
        if !on {
            let reason = "the person stopped asking";
            let recipient = user.to_string();
            self.0
                .storage
                .skip_for(MessageKind::DropOpening, &recipient, Some(&key), reason)
                .await?;
            return Ok(());
        }
        let now = Timestamp::now();
        let drop = self.0.drops.get(principal, drop_id).await?;
        let opens_at = match (effective_status(drop.status, drop.window, now), drop.window) {
            (DropStatus::Scheduled, Some(window)) => window.opens_at(),
            _ => return Err(NotificationError::NotAwaited),
        };
        let account = self
            .account(Some(user))
            .await?
            .ok_or(NotificationError::Unauthenticated)?;
        let mut rows = vec![NewNotification {
            dedupe_key: key,
            recipient: user.to_string(),
            channel: Channel::Email,
            kind: MessageKind::DropOpening,
            subject: serde_json::to_string(&Subject::Opening { drop_id }).unwrap_or_default(),
            store_id: Some(drop.store_id),
            drop_id: Some(drop_id),
            due_at: rules::opening_alert_due(opens_at, now),
        }];
        copy_to_channels(&mut rows, &self.other_channels(&account));
        Ok(self.0.storage.plan(&rows, now, Planned::Revive).await?)
    }

    /// Whether the signed-in person asked to be told when the drop opens (and it has not yet).
    pub async fn opening_alert_on(
        &self,
        principal: &Principal,
        drop_id: DropId,
    ) -> Result<bool, NotificationError> {
        let Some(user) = principal.user_id() else {
            return Ok(false);
        };
        let recipient = user.to_string();
        Ok(self
            .0
            .storage
            .is_waiting(MessageKind::DropOpening, &opening_key(drop_id), &recipient)
            .await?)
    }

    /// Stops every "opens soon" alert of the person a signed link names: the one-click way
    /// out, with no sign-in (a mail provider posts it). Answers how many were stopped.
    pub async fn stop_opening_alerts(
        &self,
        user: &str,
        signature: &str,
    ) -> Result<u64, NotificationError> {
        let user: UserId = user.parse().map_err(|_| NotificationError::BadLink)?;
        if !self.0.links.verify_stop_alerts(user, signature) {
            return Err(NotificationError::BadLink);
        }
        let reason = "the person unsubscribed";
        Ok(self
            .0
            .storage
            .skip_for(MessageKind::DropOpening, &user.to_string(), None, reason)
            .await?)
    }
}
