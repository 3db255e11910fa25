//! The page table. The shoppers' pages are in the main bundle: a shopper on a phone gets the
//! drop page and everything around it in a few files. The owners', staff's and account pages
//! are lazy routes: the browser fetches their code the first time it shows one, so a shopper
//! never downloads the owner's editors or the door scanner.

use crate::branches::pages::{NearbyBranchesPage, OwnerBranchesPage};
use crate::drops::pages::{DropEditorPage, DropLivePage, DropPage, OwnerDropsPage};
use crate::identity::pages::{
    AccountPage, ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage, VerifyEmailPage,
};
use crate::products::pages::{OwnerCataloguePage, ProductPage, SearchPage};
use crate::reservations::{
    door::pages::{DoorPage, StaffHomePage},
    pages::MyReservationsPage,
};
use crate::stores::pages::{
    AcceptInvitationPage, OwnerStoresPage, StoreDirectoryPage, StoreMembersPage, StorePage,
    StoreSettingsPage,
};
use crate::ui::NotFoundPage;
use leptos::prelude::*;
use leptos_router::{
    Lazy, LazyRoute, SsrMode,
    components::{Route, Routes},
    lazy_route, path,
};

/// Declares one lazy route per page. A page loads its own data, so the route carries none.
macro_rules! lazy_pages {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    )*};
}

lazy_pages! {
    OwnerStoresRoute => OwnerStoresPage,
    StoreMembersRoute => StoreMembersPage,
    OwnerCatalogueRoute => OwnerCataloguePage,
    StoreSettingsRoute => StoreSettingsPage,
    OwnerBranchesRoute => OwnerBranchesPage,
    OwnerDropsRoute => OwnerDropsPage,
    DropEditorRoute => DropEditorPage,
    DropLiveRoute => DropLivePage,
    StaffHomeRoute => StaffHomePage,
    DoorRoute => DoorPage,
    AcceptInvitationRoute => AcceptInvitationPage,
    RegisterRoute => RegisterPage,
    LoginRoute => LoginPage,
    VerifyEmailRoute => VerifyEmailPage,
    ForgotPasswordRoute => ForgotPasswordPage,
    ResetPasswordRoute => ResetPasswordPage,
    AccountRoute => AccountPage,
}

/// Every page of the application, by path.
#[component]
pub fn PageRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotFoundPage>
            // In-order streaming: every page must read right without JavaScript.
            <Route path=path!("") view=StoreDirectoryPage ssr=SsrMode::InOrder/>
            <Route path=path!("/s/:slug") view=StorePage ssr=SsrMode::Async/>
            <Route path=path!("/owner/stores") view={Lazy::<OwnerStoresRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/stores/:slug/members") view={Lazy::<StoreMembersRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/stores/:slug/products") view={Lazy::<OwnerCatalogueRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/stores/:slug/profile") view={Lazy::<StoreSettingsRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/stores/:slug/branches") view={Lazy::<OwnerBranchesRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/stores/:slug/drops") view={Lazy::<OwnerDropsRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/drops/:id") view={Lazy::<DropEditorRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/drops/:id/live") view={Lazy::<DropLiveRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/d/:id") view=DropPage ssr=SsrMode::Async/>
            <Route path=path!("/reservations") view=MyReservationsPage ssr=SsrMode::InOrder/>
            <Route path=path!("/staff") view={Lazy::<StaffHomeRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/staff/drops/:id") view={Lazy::<DoorRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/branches") view=NearbyBranchesPage ssr=SsrMode::InOrder/>
            <Route path=path!("/p/:id") view=ProductPage ssr=SsrMode::Async/>
            <Route path=path!("/search") view=SearchPage ssr=SsrMode::InOrder/>
            <Route path=path!("/invitations/accept") view={Lazy::<AcceptInvitationRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/register") view={Lazy::<RegisterRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/verify-email") view={Lazy::<VerifyEmailRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/forgot-password") view={Lazy::<ForgotPasswordRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/reset-password") view={Lazy::<ResetPasswordRoute>::new()} ssr=SsrMode::InOrder/>
            <Route path=path!("/account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::InOrder/>
        </Routes>
    }
}
