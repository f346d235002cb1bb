//! Serving the built PWA from the same origin as the API: the copy built into the binary,
//! or a folder named by `CINCO_STATIC_DIR`.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse, guard, web};
use rust_embed::Embed;

use crate::error::ApiError;

/// The PWA as built by `npm run build` (`frontend/dist`), embedded in release builds (read
/// from the source tree in debug builds). Empty when it was not built.
#[derive(Embed)]
#[folder = "../../frontend/dist/"]
#[allow_missing = true]
struct BuiltPwa;

/// Which copy of the PWA is served.
#[derive(Debug, Clone)]
pub enum Pwa {
    BuiltIn,
    Dir(PathBuf),
}

impl Pwa {
    pub fn new(dir: Option<&Path>) -> Self {
        dir.map_or(Pwa::BuiltIn, |d| Pwa::Dir(d.to_owned()))
    }

    /// Whether there is an app to serve (its `index.html`).
    pub fn available(&self) -> bool {
        match self {
            Pwa::BuiltIn => BuiltPwa::get("index.html").is_some(),
            Pwa::Dir(dir) => dir.join("index.html").is_file(),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Pwa::BuiltIn => "the built-in PWA".to_owned(),
            Pwa::Dir(dir) => dir.display().to_string(),
        }
    }

    /// Registers the PWA on `/` for GET and HEAD.
    pub fn register(&self, cfg: &mut web::ServiceConfig) {
        match self {
            Pwa::Dir(dir) => {
                cfg.service(service(dir));
            }
            Pwa::BuiltIn => {
                cfg.service(
                    web::resource("/{path:.*}")
                        .guard(guard::Any(guard::Get()).or(guard::Head()))
                        .to(built_in),
                );
            }
        }
    }
}

/// A file of the built-in PWA, else `index.html` for a page path, else 404.
async fn built_in(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let path = req.match_info().get("path").unwrap_or_default();
    let path = if path.is_empty() { "index.html" } else { path };
    if let Some(file) = BuiltPwa::get(path) {
        return Ok(respond(&req, &file));
    }
    match BuiltPwa::get("index.html") {
        Some(index) if wants_page(&req) => Ok(respond(&req, &index)),
        _ => Err(ApiError::NotFound),
    }
}

/// The file with its type and a strong ETag from its content hash; 304 when the client has
/// it already.
fn respond(req: &HttpRequest, file: &rust_embed::EmbeddedFile) -> HttpResponse {
    let etag = format!("\"{}\"", hex::encode(file.metadata.sha256_hash()));
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    let mut res = if fresh {
        HttpResponse::build(StatusCode::NOT_MODIFIED).finish()
    } else {
        HttpResponse::Ok()
            .content_type(file.metadata.mimetype())
            .body(file.data.clone().into_owned())
    };
    if let Ok(value) = HeaderValue::from_str(&etag) {
        res.headers_mut().insert(header::ETAG, value);
    }
    res
}

/// A browser asking for a page of the app (not an API call, not a file).
fn wants_page(req: &HttpRequest) -> bool {
    matches!(*req.method(), Method::GET | Method::HEAD)
        && !req.path().starts_with("/api/")
        && !has_extension(req.path())
        && req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|accept| accept.contains("text/html") || accept.contains("*/*"))
}

/// Static files from `dir`, with `index.html` for every other page path so client-side
/// routes (`/sign-in`, `/today`) load the app. Paths that look like API calls or files
/// answer 404 as problem documents instead.
fn service(dir: &Path) -> Files {
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
    if !wants_page(&req) {
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
