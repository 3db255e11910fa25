//! The scanner's store on the device (IndexedDB): each drop's last door view, this device's
//! scans (the offline queue and what it let in) and the device's id. Values are JSON text.

use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

const NAME: &str = "dropslot-door";
const VERSION: u32 = 1;
pub const VIEWS: &str = "views";
pub const SCANS: &str = "scans";
pub const META: &str = "meta";

/// Waits for an IndexedDB request and answers its result.
async fn finished(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::NULL));
        });
        let failed = request.clone();
        let on_error = Closure::once_into_js(move || {
            let error = failed
                .error()
                .ok()
                .flatten()
                .map_or(JsValue::NULL, JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    wasm_bindgen_futures::JsFuture::from(promise).await
}

/// Opens (and on first use creates) the scanner's database.
pub async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()?
        .ok_or("this browser has no IndexedDB")?;
    let request: IdbOpenDbRequest = factory.open_with_u32(NAME, VERSION)?;
    let upgrade = Closure::<dyn FnMut(web_sys::IdbVersionChangeEvent)>::new(
        move |event: web_sys::IdbVersionChangeEvent| {
            let database = event
                .target()
                .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
                .and_then(|r| r.result().ok())
                .map(JsCast::unchecked_into::<IdbDatabase>);
            if let Some(database) = database {
                for store in [VIEWS, SCANS, META] {
                    let _ = database.create_object_store(store);
                }
            }
        },
    );
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let database = finished(&request).await?;
    request.set_onupgradeneeded(None);
    Ok(database.unchecked_into())
}

pub async fn put<T: Serialize>(
    database: &IdbDatabase,
    store: &str,
    key: &str,
    value: &T,
) -> Result<(), JsValue> {
    let json = serde_json::to_string(value).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let transaction =
        database.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    let request = transaction
        .object_store(store)?
        .put_with_key(&JsValue::from_str(&json), &JsValue::from_str(key))?;
    finished(&request).await.map(|_| ())
}

pub async fn get<T: DeserializeOwned>(
    database: &IdbDatabase,
    store: &str,
    key: &str,
) -> Result<Option<T>, JsValue> {
    let request = database
        .transaction_with_str(store)?
        .object_store(store)?
        .get(&JsValue::from_str(key))?;
    Ok(finished(&request)
        .await?
        .as_string()
        .and_then(|json| serde_json::from_str(&json).ok()))
}

/// Every value in a store (those that still read as `T`).
pub async fn all<T: DeserializeOwned>(
    database: &IdbDatabase,
    store: &str,
) -> Result<Vec<T>, JsValue> {
    let request = database
        .transaction_with_str(store)?
        .object_store(store)?
        .get_all()?;
    let values: js_sys::Array = finished(&request).await?.unchecked_into();
    Ok(values
        .iter()
        .filter_map(|v| v.as_string())
        .filter_map(|json| serde_json::from_str(&json).ok())
        .collect())
}

pub async fn delete(database: &IdbDatabase, store: &str, key: &str) -> Result<(), JsValue> {
    let transaction =
        database.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    let request = transaction
        .object_store(store)?
        .delete(&JsValue::from_str(key))?;
    finished(&request).await.map(|_| ())
}
