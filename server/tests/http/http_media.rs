//! Photo and logo uploads through the server functions (as a browser sends them) and /media
//! serving.

use crate::support::TestApp;
use app::{
    db_test,
    identity::api::Login,
    products::{api::UploadProductImage, model::ProductDraft},
    stores::{
        api::{RemoveStoreLogo, UploadStoreLogo},
        model::NewStore,
    },
    testing::{png, png_bomb},
};
use leptos::server_fn::ServerFn;
use reqwest::{StatusCode, multipart};
use serde_json::Value;

fn form(product_id: &str, bytes: Vec<u8>, file_name: &str) -> multipart::Form {
    multipart::Form::new()
        .text("product_id", product_id.to_owned())
        .part(
            "image",
            multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
        )
}

db_test!(
    async fn owners_upload_photos_that_are_served_immutable(db: Db) {
        let app = TestApp::spawn(db).await;
        let owner = app.account("owner@example.com").await;
        let store = app
            .services
            .stores
            .create(&owner, NewStore::parse("Kanom", Some("kanom")).unwrap())
            .await
            .unwrap();
        let draft = ProductDraft::parse("CR-1", "Croissant", "", "45", "THB", None).unwrap();
        let product = app
            .services
            .products
            .create(&owner, store.id, draft)
            .await
            .unwrap()
            .id
            .to_string();
        let cookie = app.sign_in("owner@example.com", None).await;
        let upload = |body: multipart::Form| {
            app.client
                .post(app.url(UploadProductImage::PATH))
                .header("cookie", &cookie)
                .header("sec-fetch-site", "same-origin")
                .multipart(body)
                .send()
        };

        let uploaded = upload(form(&product, png(1000, 500), "croissant.png"))
            .await
            .unwrap();
        assert_eq!(uploaded.status(), StatusCode::OK);
        let image: Value = uploaded.json().await.unwrap();
        let hash = image["hash"].as_str().unwrap();

        let served = app
            .client
            .get(app.url(&format!("/media/{hash}-320.jpg")))
            .send()
            .await
            .unwrap();
        assert_eq!(served.status(), StatusCode::OK);
        assert_eq!(served.headers()["content-type"], "image/jpeg");
        assert_eq!(
            served.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            app.client
                .get(app.url(&format!("/media/{hash}-1600.jpg")))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.client
                .get(app.url("/media/..%2F..%2Fetc%2Fpasswd"))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::NOT_FOUND
        );

        for (bytes, name) in [
            (b"not an image at all".to_vec(), "photo.png"),
            (png_bomb(), "bomb.png"),
        ] {
            let refused = upload(form(&product, bytes, name)).await.unwrap();
            assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
            let error: Value = refused.json().await.unwrap();
            assert_eq!(error["fields"][0]["field"], "image");
        }

        // Without JavaScript the browser posts the form itself and is sent back to the page.
        let plain = app
            .client
            .post(app.url(UploadProductImage::PATH))
            .header("cookie", &cookie)
            .header("sec-fetch-site", "same-origin")
            .header("accept", "text/html")
            .header("referer", app.url(&format!("/p/{product}")))
            .multipart(form(&product, b"still not an image".to_vec(), "x.png"))
            .send()
            .await
            .unwrap();
        assert_eq!(plain.status(), StatusCode::FOUND);
        let location = plain.headers()["location"].to_str().unwrap();
        assert!(
            location.contains(&format!("/p/{product}")) && location.contains("__err="),
            "{location}"
        );
        let page = app
            .client
            .get(location)
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains("is not a JPEG, PNG or WebP image"),
            "the page shows the error"
        );

        let anonymous = app
            .client
            .post(app.url(UploadProductImage::PATH))
            .header("sec-fetch-site", "same-origin")
            .multipart(form(&product, png(100, 100), "p.png"))
            .send()
            .await
            .unwrap();
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    }
);

db_test!(
    async fn a_store_logo_shows_on_its_shopper_pages_until_removed(db: Db) {
        let app = TestApp::spawn(db).await;
        let owner = app.account("owner@example.com").await;
        app.account("stranger@example.com").await;
        let store = app
            .services
            .stores
            .create(&owner, NewStore::parse("Kanom", Some("kanom")).unwrap())
            .await
            .unwrap();
        let store_id = store.id.to_string();
        let (owner_cookie, stranger_cookie) = (
            app.sign_in("owner@example.com", None).await,
            app.sign_in("stranger@example.com", None).await,
        );
        let upload = |cookie: &str, bytes: Vec<u8>| {
            app.client
                .post(app.url(UploadStoreLogo::PATH))
                .header("cookie", cookie)
                .header("sec-fetch-site", "same-origin")
                .multipart(
                    multipart::Form::new()
                        .text("store_id", store_id.clone())
                        .part("logo", multipart::Part::bytes(bytes).file_name("logo.png")),
                )
                .send()
        };
        let store_page = || async { app.get("/s/kanom").await.text().await.unwrap() };

        let refused = upload(&owner_cookie, b"not a logo".to_vec()).await.unwrap();
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let error: Value = refused.json().await.unwrap();
        assert_eq!(error["fields"][0]["field"], "logo");
        let foreign = upload(&stranger_cookie, png(64, 64)).await.unwrap();
        assert_eq!(foreign.status(), StatusCode::FORBIDDEN);

        let uploaded = upload(&owner_cookie, png(300, 300)).await.unwrap();
        assert_eq!(uploaded.status(), StatusCode::OK);
        let logo: Value = uploaded.json().await.unwrap();
        let file = format!("/media/{}-300.jpg", logo["hash"].as_str().unwrap());
        assert_eq!(
            app.client
                .get(app.url(&file))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::OK
        );
        assert!(
            store_page().await.contains(&file),
            "the store page shows it"
        );

        let removed = app
            .server_fn(
                RemoveStoreLogo::PATH,
                &[("store_id", store_id.as_str())],
                Some(&owner_cookie),
            )
            .await;
        assert_eq!(removed.status(), StatusCode::OK);
        // Visitors are shown a copy of the page up to a second old.
        tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
        assert!(
            !store_page().await.contains(&file),
            "and no longer once removed"
        );
    }
);

db_test!(
    async fn a_multipart_upload_without_a_boundary_is_a_clear_refusal(db: Db) {
        let app = TestApp::spawn(db).await;
        let response = app
            .client
            .post(app.url(UploadStoreLogo::PATH))
            .header("sec-fetch-site", "same-origin")
            .header("content-type", "multipart/form-data")
            .body("--x\r\nContent-Disposition: form-data; name=\"store_id\"\r\n\r\nx\r\n--x--\r\n")
            .send()
            .await
            .expect("an answer, not a dropped connection");
        let problem = crate::support::problem(response, StatusCode::BAD_REQUEST).await;
        assert!(
            problem["detail"].as_str().unwrap().contains("boundary"),
            "{problem}"
        );
    }
);

db_test!(
    async fn uploads_are_refused_before_their_file_is_read(db: Db) {
        let app = TestApp::spawn_with(db, "[media]\nmax_upload_mb = 1\n").await;
        let owner = app.account("owner@example.com").await;
        app.account("stranger@example.com").await;
        let store = app
            .services
            .stores
            .create(&owner, NewStore::parse("Kanom", Some("kanom")).unwrap())
            .await
            .unwrap();
        let stranger = app.sign_in("stranger@example.com", None).await;
        // The id field, then a file that never finishes arriving: only an answer given before
        // the file is read comes back at all.
        let form_start = format!(
            "--b\r\nContent-Disposition: form-data; name=\"store_id\"\r\n\r\n{}\r\n\
             --b\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"l.png\"\r\n\r\nPNG",
            store.id
        );
        let unfinished = |cookie: &str, length: usize| {
            format!(
                "POST {} HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\nSec-Fetch-Site: same-origin\r\n\
                 Content-Type: multipart/form-data; boundary=b\r\nContent-Length: {length}\r\n\r\n{form_start}",
                UploadStoreLogo::PATH
            )
        };
        assert_eq!(status_of(&app, &unfinished("", 500_000)).await, 401);
        assert_eq!(status_of(&app, &unfinished(&stranger, 500_000)).await, 403);
        // Larger than the route takes (1 MB and the form around it): refused unread.
        assert_eq!(
            status_of(&app, &unfinished(&stranger, 2_000_000)).await,
            413
        );
        let login = format!(
            "POST {} HTTP/1.1\r\nHost: x\r\nSec-Fetch-Site: same-origin\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n\r\nemail=",
            Login::PATH
        );
        assert_eq!(
            status_of(&app, &login).await,
            413,
            "other forms take far less"
        );
    }
);

/// Sends `request` (a head and the start of a body that never ends) and reads the status of
/// the answer, which must come within 5 seconds.
async fn status_of(app: &TestApp, request: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut head = [0u8; 12];
    tokio::time::timeout(
        std::time::Duration::from_secs(5),
        stream.read_exact(&mut head),
    )
    .await
    .expect("an answer before the body is complete")
    .unwrap();
    std::str::from_utf8(&head[9..12]).unwrap().parse().unwrap()
}
