//! Building and running the HTTP server.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, ErrorHandlers, from_fn};
use actix_web::{App, HttpServer, web};
use actix_web_prom::PrometheusMetricsBuilder;
use anyhow::Context;
use cinco_persistence::Database;
use secrecy::ExposeSecret;
use tracing_actix_web::TracingLogger;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::jwt::JwtKeys;
use crate::config::{Mode, Settings};
use crate::error::{ApiError, ensure_problem};
use crate::state::AppState;
use crate::storage::LocalDisk;
use crate::{extract, middleware, openapi, routes, spa};
use cinco_app::mail::{MailWorker, Transport};

/// A bound, ready-to-run server. Binding happens in [`Application::build`], so with
/// `listen = "127.0.0.1:0"` the caller can read the chosen port before running.
pub struct Application {
    port: u16,
    server: Server,
    mail_worker: MailWorker,
    coaching_worker: cinco_app::reminders::CoachingWorker,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application")
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

impl Application {
    /// Binds the listener and assembles the app. Migrations are the caller's business
    /// (`cinco serve` applies them first; tests do it on their fresh database).
    pub fn build(settings: Settings, db: Database) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(&settings.listen)
            .with_context(|| format!("cannot listen on {}", settings.listen))?;
        let port = listener.local_addr()?.port();
        let jwt = Arc::new(JwtKeys::new(&settings.signing_key()?));
        let mail_worker = MailWorker {
            clock: settings.clock.clone(),
            db: db.clone(),
            transport: Transport::from_url(settings.smtp_url.as_ref().map(|s| s.expose_secret()))
                .context("CINCO_SMTP_URL is not a usable SMTP URL")?,
            from: settings.mail_from.parse().context("CINCO_MAIL_FROM")?,
            poll_interval: Duration::from_millis(settings.mail_poll_ms.max(10)),
            retry_base: Duration::from_millis(settings.mail_retry_base_ms),
            log_bodies: settings.mode == Mode::Development,
            lease: cinco_app::mail::worker::LEASE,
        };
        cinco_app::account::password::warm_up();
        let app = cinco_app::App::new(
            db.clone(),
            settings.clock.clone(),
            settings.public_url.clone(),
        );
        let coaching_worker = cinco_app::reminders::CoachingWorker {
            app: app.clone(),
            poll_interval: Duration::from_millis(settings.coaching_poll_ms),
        };
        let state = AppState {
            db,
            app,
            blobs: Arc::new(LocalDisk::new(settings.media_dir())),
            views: Arc::default(),
            reports: Arc::default(),
            settings: Arc::new(settings),
            jwt,
        };
        let server = run(listener, state)?;
        Ok(Self {
            port,
            server,
            mail_worker,
            coaching_worker,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGTERM or SIGINT, then stops accepting connections and lets requests
    /// in flight finish (up to 10 seconds).
    /// The outbox worker runs beside the server and stops with it.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let worker = tokio::spawn(self.mail_worker.run(stopped.clone()));
        let coaching = tokio::spawn(self.coaching_worker.run(stopped));
        let result = self.server.await;
        let _ = stop.send(true);
        let _ = worker.await;
        let _ = coaching.await;
        result
    }
}

fn run(listener: TcpListener, state: AppState) -> anyhow::Result<Server> {
    let settings = Arc::clone(&state.settings);
    let api_doc = openapi::document();
    let methods = Arc::new(crate::methods::Methods::from_openapi(&api_doc));
    let metrics = PrometheusMetricsBuilder::new("cinco")
        .mask_unmatched_patterns("UNMATCHED")
        .registry(prometheus::Registry::new())
        .build()
        .map_err(|err| anyhow::anyhow!("cannot set up metrics: {err}"))?;
    let scrape = crate::metrics::Scrape::new(metrics.registry.clone(), &settings);
    if !scrape.served() {
        tracing::info!("/metrics is not served: set CINCO_METRICS_TOKEN to scrape it");
    }
    let pwa = spa::Pwa::new(settings.static_dir.as_deref());
    let serve_pwa = pwa.available();
    if !serve_pwa {
        tracing::warn!(pwa = %pwa.describe(), "no built PWA found; serving the API only");
    }

    let workers = settings.http_workers;
    let server = HttpServer::new(move || {
        let app = App::new()
            .app_data(web::Data::new(state.clone()))
            .app_data(extract::json_config(settings.max_body_bytes))
            .app_data(extract::payload_config(settings.max_body_bytes))
            .app_data(extract::path_config())
            .app_data(extract::query_config())
            .wrap(ErrorHandlers::new().default_handler(ensure_problem))
            .wrap(from_fn(middleware::cache_policy))
            .wrap(middleware::security_headers(settings.behind_tls()))
            .wrap(Compress::default())
            .wrap(from_fn(middleware::request_id_header))
            .wrap(TracingLogger::<middleware::RequestSpan>::new())
            .wrap(metrics.clone())
            .configure(|cfg| {
                routes::configure(&mut utoipa_actix_web::service_config::ServiceConfig::new(
                    cfg,
                ))
            })
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", api_doc.clone()))
            .service(web::redirect("/api/docs", "/api/docs/"));
        let app = if scrape.served() {
            app.app_data(web::Data::new(scrape.clone()))
                .route("/metrics", web::get().to(crate::metrics::scrape))
        } else {
            app
        };
        let app = if settings.benchmark_baseline {
            app.route(
                "/bench/baseline/{organisation_id}",
                web::get().to(routes::baseline::baseline),
            )
        } else {
            app
        };
        let app = if serve_pwa {
            app.configure(|cfg| pwa.register(cfg))
        } else {
            app
        };
        let methods = methods.clone();
        app.default_service(web::to(move |req: actix_web::HttpRequest| {
            let methods = methods.clone();
            async move {
                // A documented path with another method: 405 and the methods it takes.
                let error = match methods.allowed(req.path()) {
                    Some(allow) if !allow.contains(&req.method().as_str()) => {
                        ApiError::MethodNotAllowed { allow }
                    }
                    _ => ApiError::NotFound,
                };
                Err::<actix_web::HttpResponse, _>(error)
            }
        }))
    })
    .listen(listener)?;
    let server = if workers > 0 {
        server.workers(workers)
    } else {
        server
    };
    let server = server
        .shutdown_timeout(10)
        .client_request_timeout(Duration::from_secs(30))
        .run();
    Ok(server)
}
