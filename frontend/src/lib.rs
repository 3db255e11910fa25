//! The browser entry point: hydrates the server-rendered page.

use leptos::prelude::document;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Pages are lazy routes: hydration waits for the page's code, so it runs as a task.
    wasm_bindgen_futures::spawn_local(async {
        let body = document().body().expect("a page has a body");
        let app = leptos::mount::hydrate_from_async(body.clone(), app::App).await;
        app.forget();
        // Lets tests (and scripts) wait for interactivity instead of guessing.
        let _ = body.set_attribute("data-hydrated", "");
    });
}
