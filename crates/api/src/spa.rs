//! Serving the built PWA from the same origin as the API.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::guard;
use actix_web::http::{Method, header};

use crate::error::ApiError;

/// Static files from `dir`, with `index.html` for every other page path so client-side
/// routes (`/sign-in`, `/today`) load the app. Paths that look like API calls or files
/// answer 404 as problem documents instead.
pub fn service(dir: &Path) -> Files {
    let index = dir.join("index.html");
    Files::new("/", dir)
        .guard(guard::Any(guard::Get()).or(guard::Head()))
        .index_file("index.html")
        .use_etag(true)
        .use_last_modified(true)
        .default_handler(fn_service(move |req: ServiceRequest| {
            let index = index.clone();
            async move { fallback(req, index).await }
        }))
}

async fn fallback(req: ServiceRequest, index: PathBuf) -> actix_web::Result<ServiceResponse> {
    let (req, _) = req.into_parts();
    let wants_page = matches!(*req.method(), Method::GET | Method::HEAD)
        && !req.path().starts_with("/api/")
        && !has_extension(req.path())
        && req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|accept| accept.contains("text/html") || accept.contains("*/*"));
    if !wants_page {
        return Err(ApiError::NotFound.into());
    }
    // A small file; opening it does not block the worker noticeably.
    let file = NamedFile::open(&index).map_err(|_| ApiError::NotFound)?;
    let res = file.into_response(&req);
    Ok(ServiceResponse::new(req, res))
}

fn has_extension(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|segment| segment.contains('.'))
}
