//! The page at `/`: paste or drop an article and see what Gleaner finds — entities highlighted by label, dates
//! and quantities marked, places on a world map, and the times, quantities and events as tables. Plain HTML,
//! CSS and JavaScript compiled into the binary; the map is an SVG outline served from the binary too, so the page
//! needs nothing from the network.

use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use gleaner_core::provenance::Resource;

/// The world outline's provenance (listed in `/v1/info` with the engine's resources).
pub const WORLD: Resource = Resource {
    name: "world map outline of the page at /",
    file: "crates/server/assets/world.svg",
    source: "Natural Earth 1:110m Admin 0 countries, via world-atlas 2.0.2 (made by assets/world_svg.py)",
    licence: "Natural Earth: public domain; world-atlas: ISC",
};

/// `GET /`.
#[utoipa::path(get, path = "/", tag = "page",
    responses((status = 200, description = "The page for a person", content_type = "text/html")))]
pub async fn index() -> Html<&'static str> {
    Html(include_str!("../assets/index.html"))
}

/// `GET /world.svg`: the map outline, in the equirectangular projection (x = lon + 180, y = 90 - lat).
#[utoipa::path(get, path = "/world.svg", tag = "page",
    responses((status = 200, description = "The world outline of the page's map", content_type = "image/svg+xml")))]
pub async fn world() -> Response {
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml")),
        (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
    ];
    (headers, include_str!("../assets/world.svg")).into_response()
}
