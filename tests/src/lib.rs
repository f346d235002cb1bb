//! The test harness: [`spawn_app`] starts the real application on a random port with a
//! database of its own (a new SQLite file, or a new PostgreSQL database that is dropped
//! afterwards), and hands back an HTTP client pointed at it.

mod client;
pub mod cluster;
mod postgres;
pub mod smtp;

use std::path::PathBuf;

use cinco_api::{Application, Clock, Settings};
use cinco_persistence::{Database, DatabaseConfig, migrate};
use tempfile::TempDir;

pub use client::{Session, link_token, read_json};
pub use postgres::TestPostgres;

/// The signing key every test app uses, so tests can forge tokens to attack it.
pub const TEST_JWT_SECRET: &str = "test-signing-key-that-is-long-enough-0123456789";

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A running app and what a test needs to talk to it.
#[derive(Debug)]
pub struct TestApp {
    /// `http://127.0.0.1:<port>`
    pub address: String,
    pub engine: Engine,
    /// The app's own database, for checks a user could not make over HTTP.
    pub db: Database,
    /// A client that never follows redirects and keeps no cookies (tests send the refresh
    /// cookie explicitly).
    pub client: reqwest::Client,
    /// Where the fake PWA build lives.
    pub static_dir: PathBuf,
    /// The app's clock: manual, starting at the real time; move it to cross days.
    pub clock: Clock,
    _data_dir: TempDir,
    _postgres: Option<TestPostgres>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }
}

/// Starts the app on `engine`. Returns `None` for PostgreSQL when `TEST_POSTGRES_URL` is not
/// set (the caller reports the test as skipped).
pub async fn spawn_app(engine: Engine) -> Option<TestApp> {
    spawn_app_with(engine, |_| {}).await
}

/// Like [`spawn_app`], with settings changed by `configure` first.
pub async fn spawn_app_with(
    engine: Engine,
    configure: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    let postgres = match engine {
        Engine::Sqlite => None,
        Engine::Postgres => Some(TestPostgres::create().await?),
    };
    Some(spawn_app_on(postgres, configure).await)
}

/// Starts the app on `postgres` (a database of its own on some server), or on SQLite.
pub async fn spawn_app_on(
    postgres: Option<TestPostgres>,
    configure: impl FnOnce(&mut Settings),
) -> TestApp {
    let engine = if postgres.is_some() {
        Engine::Postgres
    } else {
        Engine::Sqlite
    };
    let data_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let config = match &postgres {
        None => DatabaseConfig::Sqlite {
            path: data_dir.path().join("cinco.db"),
        },
        Some(pg) => DatabaseConfig::Postgres {
            url: pg.url().to_owned(),
            max_connections: 5,
        },
    };
    let db = Database::connect(&config)
        .await
        .unwrap_or_else(|e| panic!("cannot open the test database: {e}"));
    migrate::run_pending(&db)
        .await
        .unwrap_or_else(|e| panic!("migrations failed: {e}"));

    let static_dir = data_dir.path().join("dist");
    write_fake_pwa(&static_dir);
    let mut settings = Settings {
        listen: "127.0.0.1:0".to_owned(),
        public_url: "http://127.0.0.1".to_owned(),
        data_dir: data_dir.path().to_path_buf(),
        static_dir: Some(static_dir.clone()),
        max_body_bytes: 64 * 1024,
        http_workers: 1,
        jwt_secret: Some(TEST_JWT_SECRET.to_owned().into()),
        mail_poll_ms: 50,
        mail_retry_base_ms: 100,
        clock: Clock::manual(chrono::Utc::now()),
        ..Settings::default()
    };
    configure(&mut settings);
    let clock = settings.clock.clone();
    let app = Application::build(settings, db.clone())
        .unwrap_or_else(|e| panic!("cannot build the app: {e}"));
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_else(|e| panic!("http client: {e}"));
    TestApp {
        address,
        engine,
        db,
        client,
        static_dir,
        clock,
        _data_dir: data_dir,
        _postgres: postgres,
    }
}

/// A stand-in for `frontend/dist`: an index page, a hashed asset and a service worker, so
/// serving rules can be checked without building the PWA.
fn write_fake_pwa(dir: &std::path::Path) {
    let assets = dir.join("assets");
    std::fs::create_dir_all(&assets).unwrap_or_else(|e| panic!("fake dist: {e}"));
    let files = [
        (
            dir.join("index.html"),
            "<!doctype html><title>Cinco</title><div id=app></div>",
        ),
        (
            dir.join("sw.js"),
            "self.addEventListener('fetch', () => {});",
        ),
        (assets.join("index-3f2a1b.js"), "console.log('cinco');"),
    ];
    for (path, contents) in files {
        std::fs::write(&path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// Declares one test scenario that runs twice: once on SQLite and once on PostgreSQL.
///
/// ```ignore
/// on_both_databases! {
///     async fn the_app_is_alive(app) {
///         assert_eq!(app.get("/health/live").await.status(), 200);
///     }
/// }
/// ```
#[macro_export]
macro_rules! on_both_databases {
    // The scenario starts its own app(s) from the engine it is given.
    ($(async fn $name:ident($engine:ident: Engine) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn scenario($engine: $crate::Engine) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                scenario($crate::Engine::Sqlite).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if std::env::var("TEST_POSTGRES_URL").is_ok_and(|u| !u.is_empty()) {
                    scenario($crate::Engine::Postgres).await
                } else {
                    eprintln!("skipped: set TEST_POSTGRES_URL to run on PostgreSQL");
                }
            }
        }
    )*};
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn scenario($app: $crate::TestApp) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::spawn_app($crate::Engine::Sqlite).await;
                scenario(app.unwrap_or_else(|| panic!("SQLite is always available"))).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                match $crate::spawn_app($crate::Engine::Postgres).await {
                    Some(app) => scenario(app).await,
                    None => eprintln!("skipped: set TEST_POSTGRES_URL to run on PostgreSQL"),
                }
            }
        }
    )*};
}
