//! Configuration: built-in defaults, then an optional TOML file, then `CINCO_*` environment
//! variables (plus the conventional `DATABASE_URL`). Secrets are wrapped so they never reach
//! a log line.

use std::path::{Path, PathBuf};

use cinco_persistence::DatabaseConfig;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// How the server is being run. Production refuses to start without explicit secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The embedded default: SQLite under the data directory, generated secrets.
    Development,
    Production,
}

/// Log line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// Everything the server needs to start. Passed in, never global, so tests can run several
/// apps side by side.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub mode: Mode,
    /// Address and port to listen on.
    pub listen: String,
    /// The address users reach the app at; used to build links in mails. An `https://` URL
    /// also turns on HSTS.
    pub public_url: String,
    /// Where the embedded database and generated secrets are kept.
    pub data_dir: PathBuf,
    /// `postgres://…` for PostgreSQL, `sqlite://path` for another SQLite file; unset means
    /// `<data_dir>/cinco.db`.
    pub database_url: Option<SecretString>,
    /// PostgreSQL pool size per node.
    pub database_max_connections: u32,
    /// A folder with a built PWA to serve instead of the one built into the binary.
    pub static_dir: Option<PathBuf>,
    pub log_format: LogFormat,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Key that signs access tokens. Generated into the data directory in development.
    pub jwt_secret: Option<SecretString>,
    /// HTTP worker threads; 0 means one per CPU core.
    pub http_workers: usize,
    /// Whether anyone may create an organisation from the sign-in page.
    pub open_signup: bool,
    /// `smtp://…` or `smtps://…`; unset means the development mailbox.
    pub smtp_url: Option<SecretString>,
    /// The sender of every mail.
    pub mail_from: String,
    /// How often the mail worker looks for due mail, in milliseconds.
    pub mail_poll_ms: u64,
    /// The first retry of a failed mail waits this long, in milliseconds; later ones double.
    pub mail_retry_base_ms: u64,
    /// How often the coaching worker looks for reminders and digests to send, in milliseconds.
    pub coaching_poll_ms: u64,
    /// How many proxies of yours stand in front of Cinco, each appending the address it
    /// received from to `X-Forwarded-For`: the client address is the one the outermost of
    /// them added. 0 (the default) ignores the header and takes the connection's address.
    pub trusted_proxies: usize,
    /// Older setting: `true` means one trusted proxy (when `trusted_proxies` is 0).
    pub trust_proxy_headers: bool,
    /// Where uploaded images are kept; unset means `<data_dir>/media`.
    pub media_dir: Option<PathBuf>,
    /// Largest image accepted, in bytes.
    pub media_max_bytes: usize,
    /// Serve `GET /bench/baseline/{organisation_id}` (benchmarks only).
    pub benchmark_baseline: bool,
    /// When set, `/metrics` answers only `Authorization: Bearer <this token>`. Unset, it is
    /// open in development and not served at all in production.
    pub metrics_token: Option<SecretString>,
    /// What time it is (the system clock; tests set a manual one).
    #[serde(skip)]
    pub clock: cinco_app::Clock,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            mode: Mode::Development,
            listen: "0.0.0.0:8080".to_owned(),
            public_url: "http://localhost:8080".to_owned(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            database_max_connections: 10,
            static_dir: None,
            log_format: LogFormat::Text,
            max_body_bytes: 1024 * 1024,
            jwt_secret: None,
            http_workers: 0,
            open_signup: true,
            smtp_url: None,
            mail_from: "Cinco <no-reply@localhost>".to_owned(),
            mail_poll_ms: 1000,
            mail_retry_base_ms: 5000,
            coaching_poll_ms: 60_000,
            trusted_proxies: 0,
            trust_proxy_headers: false,
            media_dir: None,
            media_max_bytes: 2 * 1024 * 1024,
            benchmark_baseline: false,
            metrics_token: None,
            clock: cinco_app::Clock::system(),
        }
    }
}

/// The configuration could not be read or is unusable.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration: {0}")]
    Read(#[from] config::ConfigError),
    #[error("{0}")]
    Invalid(String),
    #[error("cannot use the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Settings {
    /// Reads defaults, then `file` if given, then the environment.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let mut builder = config::Config::builder();
        if let Some(file) = file {
            builder = builder.add_source(config::File::from(file).required(true));
        }
        builder = builder.add_source(
            config::Environment::with_prefix("CINCO")
                .prefix_separator("_")
                .try_parsing(true),
        );
        let mut settings: Settings = builder.build()?.try_deserialize()?;
        if settings.database_url.is_none() {
            settings.database_url = std::env::var("DATABASE_URL")
                .ok()
                .filter(|v| !v.is_empty())
                .map(SecretString::from);
        }
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if self.mode == Mode::Production && self.benchmark_baseline {
            return Err(ConfigError::Invalid(
                "CINCO_BENCHMARK_BASELINE serves an unauthenticated route: not in production mode"
                    .to_owned(),
            ));
        }
        if self.mode == Mode::Production {
            match &self.jwt_secret {
                None => {
                    return Err(ConfigError::Invalid(
                        "CINCO_JWT_SECRET must be set in production mode \
                         (a random string of at least 32 characters)"
                            .to_owned(),
                    ));
                }
                Some(secret) if secret.expose_secret().len() < 32 => {
                    return Err(ConfigError::Invalid(
                        "CINCO_JWT_SECRET must have at least 32 characters".to_owned(),
                    ));
                }
                Some(_) => {}
            }
            if self.smtp_url.is_none() {
                return Err(ConfigError::Invalid(
                    "CINCO_SMTP_URL must be set in production mode: without it mails would only reach \
                     the development mailbox"
                        .to_owned(),
                ));
            }
        }
        if self.mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(ConfigError::Invalid(
                "CINCO_MAIL_FROM must be an address such as `Cinco <no-reply@example.com>`"
                    .to_owned(),
            ));
        }
        if !self.public_url.starts_with("http://") && !self.public_url.starts_with("https://") {
            return Err(ConfigError::Invalid(
                "CINCO_PUBLIC_URL must start with http:// or https://".to_owned(),
            ));
        }
        Ok(())
    }

    /// Where uploaded images are kept.
    pub fn media_dir(&self) -> PathBuf {
        self.media_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("media"))
    }

    /// Which database to open.
    pub fn database(&self) -> DatabaseConfig {
        match self.database_url.as_ref().map(ExposeSecret::expose_secret) {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                DatabaseConfig::Postgres {
                    url: url.to_owned(),
                    max_connections: self.database_max_connections,
                }
            }
            Some(url) => DatabaseConfig::Sqlite {
                path: PathBuf::from(
                    url.trim_start_matches("sqlite://")
                        .trim_start_matches("sqlite:"),
                ),
            },
            None => DatabaseConfig::Sqlite {
                path: self.data_dir.join("cinco.db"),
            },
        }
    }

    /// An absolute link into the PWA, e.g. `link("/reset-password", "token", t)`.
    pub fn link(&self, path: &str, param: &str, value: &str) -> String {
        format!(
            "{}{path}?{param}={value}",
            self.public_url.trim_end_matches('/')
        )
    }

    /// How many trusted proxies append to `X-Forwarded-For` (see [`Settings::trusted_proxies`]).
    pub fn proxy_hops(&self) -> usize {
        match (self.trusted_proxies, self.trust_proxy_headers) {
            (0, true) => 1,
            (n, _) => n,
        }
    }

    /// Whether responses should carry HSTS: only when users reach us over TLS.
    pub fn behind_tls(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The access-token signing key: the configured one, or in development a key generated
    /// once and kept in `<data_dir>/secret.key` (readable by the owner only).
    pub fn signing_key(&self) -> Result<SecretString, ConfigError> {
        if let Some(secret) = &self.jwt_secret {
            return Ok(secret.clone());
        }
        let path = self.data_dir.join("secret.key");
        let io_err = |source| ConfigError::DataDir {
            path: path.clone(),
            source,
        };
        if let Ok(existing) = std::fs::read_to_string(&path) {
            return Ok(SecretString::from(existing.trim().to_owned()));
        }
        std::fs::create_dir_all(&self.data_dir).map_err(io_err)?;
        let key = cinco_app::account::secret::random(48);
        write_private(&path, &key).map_err(io_err)?;
        tracing::info!(path = %path.display(), "generated a new signing key");
        Ok(SecretString::from(key))
    }
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn production_without_a_secret_is_refused_with_a_clear_message() {
        let settings = Settings {
            mode: Mode::Production,
            ..Settings::default()
        };
        let err = settings.validate().err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("CINCO_JWT_SECRET")));
    }

    #[test]
    fn production_without_smtp_is_refused() {
        let settings = Settings {
            mode: Mode::Production,
            jwt_secret: Some(SecretString::from("x".repeat(40))),
            ..Settings::default()
        };
        let err = settings.validate().err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("CINCO_SMTP_URL")));
        let with_smtp = Settings {
            smtp_url: Some(SecretString::from("smtp://mail.example:25")),
            ..settings
        };
        assert!(with_smtp.validate().is_ok());
    }

    #[test]
    fn the_development_key_is_generated_once_and_kept() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let settings = Settings {
            data_dir: dir.path().to_path_buf(),
            ..Settings::default()
        };
        let first = settings.signing_key().map(|k| k.expose_secret().to_owned());
        let second = settings.signing_key().map(|k| k.expose_secret().to_owned());
        assert!(first.as_ref().is_ok_and(|k| k.len() >= 48));
        assert_eq!(first.ok(), second.ok());
    }

    #[test]
    fn database_url_picks_the_engine() {
        let pg = Settings {
            database_url: Some(SecretString::from("postgres://u@h/db")),
            ..Settings::default()
        };
        assert!(matches!(pg.database(), DatabaseConfig::Postgres { .. }));
        let default = Settings::default();
        assert!(
            matches!(default.database(), DatabaseConfig::Sqlite { path } if path.ends_with("cinco.db"))
        );
    }
}
