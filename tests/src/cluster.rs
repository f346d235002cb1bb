//! A PostgreSQL server of a test's own, started from the machine's PostgreSQL binaries in a
//! temporary directory, so a test can stop and restart it without touching the shared one.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// A running private PostgreSQL server; stopped and removed when dropped.
#[derive(Debug)]
pub struct PrivatePostgres {
    bin: PathBuf,
    root: bool,
    data: PathBuf,
    port: u16,
    _dir: TempDir,
}

/// The newest `/usr/lib/postgresql/<version>/bin` holding `pg_ctl`.
fn binaries() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("pg_ctl").exists() && bin.join("initdb").exists())
        .collect();
    found.sort();
    found.pop()
}

/// Whether this process runs as root: the owner of a directory it just made.
fn running_as_root(made: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(made).is_ok_and(|m| m.uid() == 0)
}

/// PostgreSQL refuses to run as root: run its tools as `postgres` then.
fn as_postgres(program: &Path, root: bool) -> Command {
    if root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn run(command: &mut Command) {
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        out.status.success(),
        "{command:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl PrivatePostgres {
    /// Initialises and starts a server on a free port; `None` when no PostgreSQL binaries
    /// are installed.
    pub fn start() -> Option<Self> {
        let bin = binaries()?;
        let dir = tempfile::Builder::new()
            .prefix("cinco-pg-")
            .tempdir()
            .unwrap_or_else(|e| panic!("tempdir: {e}"));
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap_or_else(|e| panic!("{e}"));
        let root = running_as_root(dir.path());
        if root {
            run(Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path()));
        }
        run(as_postgres(&bin.join("initdb"), root)
            .args(["-A", "trust", "-U", "postgres", "--no-sync", "-D"])
            .arg(&data));
        let server = Self {
            bin,
            root,
            data,
            port: crate::smtp::free_port(),
            _dir: dir,
        };
        server.resume();
        Some(server)
    }

    /// `postgres://postgres@127.0.0.1:<port>/postgres`
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Stops at once, as a crash would (`pg_ctl stop -m immediate`).
    pub fn crash(&self) {
        run(as_postgres(&self.bin.join("pg_ctl"), self.root)
            .args(["stop", "-m", "immediate", "-w", "-D"])
            .arg(&self.data));
    }

    /// Starts (again), waiting until it accepts connections.
    pub fn resume(&self) {
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off",
            self.port
        );
        run(as_postgres(&self.bin.join("pg_ctl"), self.root)
            .args(["start", "-w", "-s", "-o", &options, "-l"])
            .arg(self.data.join("log"))
            .arg("-D")
            .arg(&self.data));
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let _ = as_postgres(&self.bin.join("pg_ctl"), self.root)
            .args(["stop", "-m", "immediate", "-D"])
            .arg(&self.data)
            .output();
    }
}
