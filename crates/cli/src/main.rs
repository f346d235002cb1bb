//! `cinco`: one binary to serve, migrate, seed demo data and print the API contract.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use cinco_api::{Application, Settings, telemetry};
use cinco_persistence::{Database, migrate};
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "cinco",
    version,
    about = "Five-minute training for contact-center agents"
)]
struct Cli {
    /// Optional TOML configuration file (environment variables `CINCO_*` override it).
    #[arg(long, global = true, env = "CINCO_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply pending migrations, then serve the API and the PWA.
    Serve,
    /// Apply pending migrations and exit.
    Migrate {
        /// Roll every migration back instead (destroys all data).
        #[arg(long)]
        down_all: bool,
    },
    /// Create the demo organisation, its people and its lessons (safe to run again).
    SeedDemo {
        /// A demo content folder to use instead of the one built in.
        #[arg(long, env = "CINCO_DEMO_CONTENT")]
        content: Option<PathBuf>,
        /// Benchmarks: add agents `bench0001…` (with a learning history) up to this many.
        #[arg(long, default_value_t = 0)]
        agents: usize,
        /// Benchmarks: publish copies of the demo lessons up to this many lessons.
        #[arg(long, default_value_t = 0)]
        lessons: usize,
        /// Benchmarks of results: put the added agents in teams of this many (`Bench 001…`,
        /// led by `benchlead001…`), most of whom finish a bench path in a week drawn by the
        /// synthetic KPI model. Zero: the demo's two teams, no bench path.
        #[arg(long, default_value_t = 0)]
        team_size: usize,
        /// Benchmarks: give the added agents no learning history (the slow part of seeding
        /// thousands of agents).
        #[arg(long)]
        no_history: bool,
    },
    /// Write a synthetic KPI file (FCR, AHT, CSAT, QA by week) for an organisation's agents, in
    /// the format `import-kpis` reads; FCR rises after each agent's first finished path.
    GenerateKpis {
        /// The organisation's slug.
        #[arg(long)]
        organisation: String,
        /// Only the first this many agents by address (default: all of them).
        #[arg(long)]
        agents: Option<usize>,
        /// Weeks, ending with the current one.
        #[arg(long, default_value_t = 26, value_parser = clap::value_parser!(u16).range(1..=520))]
        weeks: u16,
        /// The random seed: the same seed and agents give the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Share of agent-weeks left out (default: the model's 0.05).
        #[arg(long)]
        missing: Option<f64>,
        /// FCR points gained once the training is in place.
        #[arg(long, default_value_t = 4.0)]
        effect: f64,
        /// Where to write the CSV.
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the OpenAPI document to standard output.
    Openapi,
    /// Fit the review scheduler (FSRS) to an organisation's review log and keep the fitted
    /// parameters when they predict its reviews better; prints the log loss before and after.
    FsrsOptimize {
        /// The organisation's slug.
        #[arg(long)]
        organisation: String,
        /// Report without saving.
        #[arg(long)]
        dry_run: bool,
    },
    /// Import KPI values from a CSV of any size (streamed; a value for the same agent, metric
    /// and period replaces the one before). Columns are named by header; agents by address,
    /// by external id, or both.
    ImportKpis {
        /// The CSV file.
        file: PathBuf,
        /// The organisation's slug.
        #[arg(long)]
        organisation: String,
        /// The column with the agent's address (`agent` unless only `--external-id-column` is
        /// given). With both, a row's address wins when it has one.
        #[arg(long)]
        agent_column: Option<String>,
        /// The column with the agent's external id (what the WFM or dialler calls them).
        #[arg(long)]
        external_id_column: Option<String>,
        /// The column with the metric's key (`aht`, `fcr`, `csat`, `qa` or the organisation's).
        #[arg(long, default_value = "metric")]
        metric_column: String,
        /// The column with the period: `2026-11-30` or `2026-W49`.
        #[arg(long, default_value = "period")]
        period_column: String,
        /// The column with the value.
        #[arg(long, default_value = "value")]
        value_column: String,
    },
    /// Create an organisation with its first admin (for servers with open sign-up off). The
    /// password is read from `CINCO_ADMIN_PASSWORD`, or from standard input.
    CreateAdmin {
        #[arg(long)]
        organisation: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Command::Openapi = cli.command {
        let json = cinco_api::openapi::to_pretty_json()?;
        std::io::stdout().write_all(json.as_bytes())?;
        return Ok(());
    }
    let settings = Settings::load(cli.config.as_deref())?;
    telemetry::init(settings.log_format);
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(run(cli.command, settings))
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    let db = Database::connect(&settings.database())
        .await
        .context("cannot open the database")?;
    match command {
        Command::Serve => {
            migrate::run_pending(&db)
                .await
                .context("migrations failed")?;
            let public_url = settings.public_url.clone();
            let app = Application::build(settings, db)?;
            tracing::info!(port = app.port(), url = %public_url, "Cinco is serving");
            app.run_until_stopped().await?;
            tracing::info!("stopped");
        }
        Command::Migrate { down_all: false } => {
            migrate::run_pending(&db)
                .await
                .context("migrations failed")?;
            let applied = migrate::applied(&db).await?;
            tracing::info!(count = applied.len(), "migrations applied");
        }
        Command::Migrate { down_all: true } => {
            migrate::roll_back_all(&db)
                .await
                .context("rollback failed")?;
            tracing::info!("every migration rolled back");
        }
        Command::SeedDemo {
            content,
            agents,
            lessons,
            team_size,
            no_history,
        } => {
            migrate::run_pending(&db)
                .await
                .context("migrations failed")?;
            let scale = cinco_api::seed::Scale {
                agents,
                lessons,
                team_size,
                without_history: no_history,
            };
            let content = cinco_api::seed::DemoContent::from_option(content.as_deref());
            let report = cinco_api::seed::demo_scaled(&db, &content, scale).await?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{report}")?;
        }
        Command::CreateAdmin {
            organisation,
            email,
            name,
        } => {
            migrate::run_pending(&db)
                .await
                .context("migrations failed")?;
            let password = match std::env::var("CINCO_ADMIN_PASSWORD") {
                Ok(password) => password,
                Err(_) => {
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let admin =
                cinco_api::bootstrap::create_admin(&db, &organisation, &email, &name, &password)
                    .await?;
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "Created {organisation} with admin {} ({})",
                admin.email, admin.id
            )?;
        }
        Command::FsrsOptimize {
            organisation,
            dry_run,
        } => {
            migrate::run_pending(&db)
                .await
                .context("migrations failed")?;
            let outcome = cinco_api::optimize::fsrs(&db, &organisation, dry_run).await?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{outcome}")?;
        }
        Command::ImportKpis {
            file,
            organisation,
            agent_column,
            external_id_column,
            metric_column,
            period_column,
            value_column,
        } => {
            migrate::run_pending(&db)
                .await
                .context("migrations failed")?;
            let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
            let bar = indicatif::ProgressBar::new(size).with_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)",
                )?,
            );
            let agent_column = match (agent_column, &external_id_column) {
                (None, None) => Some("agent".to_owned()),
                (column, _) => column,
            };
            let mapping = cinco_api::kpi_import::Mapping {
                agent: agent_column,
                external_id: external_id_column,
                metric: metric_column,
                period: period_column,
                value: value_column,
            };
            let (import, problems) =
                cinco_api::kpi_import::run(&db, &organisation, &file, &mapping, |read| {
                    bar.set_position(read);
                })
                .await?;
            bar.finish_and_clear();
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "{} rows: {} imported, {} refused",
                import.rows_total, import.rows_imported, import.rows_rejected
            )?;
            for p in problems.iter().take(20) {
                writeln!(out, "  line {}: {} ({})", p.line, p.message, p.code)?;
            }
            if problems.len() > 20 {
                writeln!(out, "  … and {} more", import.rows_rejected - 20)?;
            }
        }
        Command::GenerateKpis {
            organisation,
            agents,
            weeks,
            seed,
            missing,
            effect,
            out,
        } => {
            if let Some(m) = missing {
                anyhow::ensure!((0.0..1.0).contains(&m), "--missing is a share in 0–1");
            }
            let options = cinco_api::kpi_generate::Options {
                agents,
                weeks,
                seed,
                missing,
                effect,
            };
            let file = std::fs::File::create(&out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            let written = cinco_api::kpi_generate::run(&db, &organisation, &options, file).await?;
            let mut stdout = std::io::stdout().lock();
            writeln!(
                stdout,
                "{} rows for {} agents ({} trained) written to {}",
                written.rows,
                written.agents,
                written.trained,
                out.display()
            )?;
        }
        Command::Openapi => {}
    }
    Ok(())
}
