use crate::{i18n::use_i18n, t};
use leptos::prelude::*;

/// Shown instead of a page that needs a signed-in person; sign-in leads back to `next`.
#[component]
pub fn SignInRequired(#[prop(into)] next: String) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/login?next={}", encode_query_value(&next));
    view! {
        <section class="card form-card narrow" aria-labelledby="signin-required-title">
            <h1 id="signin-required-title">{t!(i18n, "signin-required-title")}</h1>
            <p>{t!(i18n, "signin-required-lead")}</p>
            <a class="button primary" href=href>{t!(i18n, "nav-sign-in")}</a>
            <p class="muted">{t!(i18n, "signin-required-new")}" " <a href="/register">{t!(i18n, "signin-required-register")}</a></p>
        </section>
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters and `/`.
fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_paths_survive_the_query_string() {
        assert_eq!(
            super::encode_query_value("/invitations/accept?token=a-b_c"),
            "/invitations/accept%3Ftoken%3Da-b_c"
        );
    }
}
