use crate::{i18n::use_i18n, paging::Page, t};
use leptos::prelude::*;

/// "Previous · Page 2 of 5 · Next" under a list longer than a page: plain links, so it works
/// without JavaScript. Shows nothing for a list of one page.
#[component]
pub fn Pager<T: 'static>(page: Page<T>, href: impl Fn(u32) -> String) -> impl IntoView {
    let i18n = use_i18n();
    let (current, pages) = (page.page, page.pages());
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=t!(i18n, "pager-label")>
                {(current > 1).then(|| view! {
                    <a rel="prev" href=href(current.min(pages + 1) - 1)>{t!(i18n, "pager-previous")}</a>
                })}
                <span aria-current="page">{t!(i18n, "pager-position", page = current, pages = pages)}</span>
                {(current < pages).then(|| view! {
                    <a rel="next" href=href(current + 1)>{t!(i18n, "pager-next")}</a>
                })}
            </nav>
        }
    })
}

/// The page number a list's `?page=` asks for, if it is one.
pub fn page_param(value: Option<String>) -> Option<u32> {
    value?.parse().ok()
}
