//! The page table. Pages are rendered on the server; only their islands run in the browser. The
//! owners', staff's and account islands are lazy: the browser fetches their code the first time
//! it shows one, so a shopper never downloads the owner's editors or the door scanner.

use crate::branches::pages::{NearbyBranchesPage, OwnerBranchesPage};
use crate::drops::pages::{DropEditorPage, DropLivePage, DropPage, OwnerDropsPage};
use crate::identity::pages::{
    AccountPage, ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage, VerifyEmailPage,
};
use crate::notifications::pages::{StopAlertsPage, StoreMessagesPage};
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
    SsrMode,
    components::{Route, Routes},
    path,
};

/// Every page of the application, by path.
#[component]
pub fn PageRoutes() -> impl IntoView {
    view! {
        <Routes fallback=NotFoundPage>
            // In-order streaming: every page must read right without JavaScript.
            <Route path=path!("") view=StoreDirectoryPage ssr=SsrMode::InOrder/>
            <Route path=path!("/s/:slug") view=StorePage ssr=SsrMode::Async/>
            <Route path=path!("/owner/stores") view=OwnerStoresPage ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/stores/:slug/members") view=StoreMembersPage ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/stores/:slug/products") view=OwnerCataloguePage ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/stores/:slug/profile") view=StoreSettingsPage ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/stores/:slug/branches") view=OwnerBranchesPage ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/stores/:slug/drops") view=OwnerDropsPage ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/stores/:slug/messages") view=StoreMessagesPage ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/drops/:id") view=DropEditorPage ssr=SsrMode::InOrder/>
            <Route path=path!("/owner/drops/:id/live") view=DropLivePage ssr=SsrMode::InOrder/>
            <Route path=path!("/d/:id") view=DropPage ssr=SsrMode::Async/>
            <Route path=path!("/reservations") view=MyReservationsPage ssr=SsrMode::InOrder/>
            <Route path=path!("/staff") view=StaffHomePage ssr=SsrMode::InOrder/>
            <Route path=path!("/staff/drops/:id") view=DoorPage ssr=SsrMode::InOrder/>
            <Route path=path!("/branches") view=NearbyBranchesPage ssr=SsrMode::InOrder/>
            <Route path=path!("/p/:id") view=ProductPage ssr=SsrMode::Async/>
            <Route path=path!("/search") view=SearchPage ssr=SsrMode::InOrder/>
            <Route path=path!("/invitations/accept") view=AcceptInvitationPage ssr=SsrMode::InOrder/>
            <Route path=path!("/register") view=RegisterPage ssr=SsrMode::InOrder/>
            <Route path=path!("/login") view=LoginPage ssr=SsrMode::InOrder/>
            <Route path=path!("/verify-email") view=VerifyEmailPage ssr=SsrMode::InOrder/>
            <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::InOrder/>
            <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::InOrder/>
            <Route path=path!("/account") view=AccountPage ssr=SsrMode::InOrder/>
            <Route path=path!("/alerts/stop") view=StopAlertsPage ssr=SsrMode::InOrder/>
        </Routes>
    }
}
