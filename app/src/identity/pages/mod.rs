//! Pages of the Identity context: registration, sign-in, mail links, and the account page.

mod account;
mod auth;
mod links;

pub use account::AccountPage;
pub use auth::{LoginPage, RegisterPage};
pub use links::{ForgotPasswordPage, ResetPasswordPage, VerifyEmailPage};
