//! Response headers every answer carries: the request id, security headers and a cache
//! policy that fits the kind of resource.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{Error, HttpMessage, web};
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RequestId, RootSpanBuilder};

use crate::state::AppState;

/// Scripts only from our own origin; no framing; no plug-ins.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
     font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
     frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Security headers for every response; HSTS only when users reach us over TLS.
pub fn security_headers(behind_tls: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "strict-origin-when-cross-origin"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add(("cross-origin-opener-policy", "same-origin"))
        .add((
            "permissions-policy",
            "camera=(), microphone=(), geolocation=(), payment=()",
        ));
    if behind_tls {
        headers.add((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        ))
    } else {
        headers
    }
}

/// Copies the id `TracingLogger` gave the request into the `x-request-id` response header,
/// so a user's report can be matched with the log line.
pub async fn request_id_header(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = req.extensions().get::<RequestId>().copied();
    let mut res = next.call(req).await?;
    if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok()) {
        res.headers_mut().insert(REQUEST_ID, value);
    }
    Ok(res)
}

/// Cache policy by path: API answers are never stored; content-hashed PWA assets are
/// immutable for a year; everything else (index.html, the service worker, the manifest)
/// is revalidated on every load so a new version is picked up at once.
pub async fn cache_policy(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let path = req.path().to_owned();
    let mut res = next.call(req).await?;
    if res.headers().contains_key(header::CACHE_CONTROL) {
        return Ok(res);
    }
    let policy = if path.starts_with("/api/") || path.starts_with("/health") || path == "/metrics" {
        "no-store"
    } else if path.starts_with("/assets/") && res.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    Ok(res)
}

/// The request log's root span, with the client address taken as sessions and the throttle
/// take it (see `client_address`), not the first `X-Forwarded-For` value, which the client
/// writes itself.
pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let span = tracing_actix_web::root_span!(level = tracing_actix_web::Level::INFO, request);
        let hops = request
            .app_data::<web::Data<AppState>>()
            .map_or(0, |state| state.settings.proxy_hops());
        let client = crate::client_address::of(request.request(), hops);
        span.record("http.client_ip", client.as_str());
        span
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}
