//! `GET /metrics` in the Prometheus text format: the request counters and latency histograms
//! of every answer (the middleware sits outside all others, so refusals count too) and the
//! process's own figures.
//!
//! It is an ordinary route, so compression and headers are negotiated as for any other
//! answer. With `CINCO_METRICS_TOKEN` set it answers only that bearer token; without one it
//! is open in development and not served in production.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use prometheus::{Encoder, Registry, TextEncoder};
use secrecy::{ExposeSecret, SecretString};
use subtle::ConstantTimeEq;

use crate::config::{Mode, Settings};
use crate::error::ApiError;

/// Who may read the metrics, and what they read.
#[derive(Clone)]
pub struct Scrape {
    registry: Registry,
    access: Access,
}

#[derive(Clone)]
enum Access {
    Open,
    Token(SecretString),
    Closed,
}

impl Scrape {
    pub fn new(registry: Registry, settings: &Settings) -> Self {
        let access = match (&settings.metrics_token, settings.mode) {
            (Some(token), _) => Access::Token(token.clone()),
            (None, Mode::Development) => Access::Open,
            (None, Mode::Production) => Access::Closed,
        };
        Self { registry, access }
    }

    /// Whether `/metrics` is served at all.
    pub fn served(&self) -> bool {
        !matches!(self.access, Access::Closed)
    }

    fn admits(&self, req: &HttpRequest) -> bool {
        match &self.access {
            Access::Open => true,
            Access::Closed => false,
            Access::Token(token) => req
                .headers()
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .is_some_and(|presented| {
                    bool::from(presented.as_bytes().ct_eq(token.expose_secret().as_bytes()))
                }),
        }
    }

    fn render(&self) -> Result<String, prometheus::Error> {
        let mut families = self.registry.gather();
        families.extend(prometheus::gather());
        let mut text = Vec::new();
        TextEncoder::new().encode(&families, &mut text)?;
        Ok(String::from_utf8_lossy(&text).into_owned())
    }
}

/// The handler behind `GET /metrics`.
pub async fn scrape(req: HttpRequest, scrape: web::Data<Scrape>) -> Result<HttpResponse, ApiError> {
    if !scrape.admits(&req) {
        return Err(ApiError::Unauthorized {
            code: cinco_app::ErrorCode::Unauthenticated,
        });
    }
    let text = scrape
        .render()
        .map_err(|e| ApiError::internal(anyhow::anyhow!(e)))?;
    Ok(HttpResponse::Ok()
        .content_type(TextEncoder::new().format_type())
        .body(text))
}
