//! The markers of a compiled message, shared by `build.rs`, which writes them, and `catalog.rs`,
//! which reads them: a message is its text with these around its variables and selects.

pub const VARIABLE: char = '\u{1}';
pub const VARIABLE_END: char = '\u{2}';
pub const SELECT: char = '\u{3}';
pub const VARIANT: char = '\u{4}';
pub const KEY_END: char = '\u{5}';
pub const SELECT_END: char = '\u{6}';
/// Before the key of a select's default variant.
pub const DEFAULT_KEY: char = '*';
