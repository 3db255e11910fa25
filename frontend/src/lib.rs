//! The browser entry point: hydrates the islands of the server-rendered page. Everything else
//! on a page is plain HTML that works without WebAssembly.

// The islands are exported by the app crate; linking it is what makes them findable.
use app as _;
use leptos::prelude::document;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Lets tests (and scripts) wait for interactivity instead of guessing.
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "");
    }
}
