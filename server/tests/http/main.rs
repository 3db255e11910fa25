//! The server's HTTP tests, gathered into one test binary so the server and its dependencies are
//! linked once instead of once per file. Each module tests one surface on both engines.

mod connections;
mod http_auth;
mod http_basics;
mod http_media;
mod mail_delivery;
mod public_pages;
mod push_delivery;
mod rate_limits;
mod rest_branches;
mod rest_drops;
mod rest_products;
mod rest_reservations;
mod rest_stores;
mod scale_out;
mod seed;
mod support;
mod text_delivery;
