//! A PostgreSQL that starts itself: when no database URL is given and no
//! server at the default address lets Readout in, a private cluster is made
//! with the installed PostgreSQL's `initdb` in a folder of Readout's and run
//! with `pg_ctl`. It listens only on a Unix socket inside that folder (no TCP
//! port) and the folder is its owner's alone, so trust authentication admits
//! exactly the user who may enter the folder. The server and the tests share
//! this module; `readout db start|stop|status|psql` manages the cluster by hand.

mod binaries;
mod owner;

use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::sync::OnceLock;
use std::time::Duration;

use anyhow::{bail, ensure, Context};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};

/// The server tried when no URL is given (`READOUT_DEFAULT_DATABASE_URL` overrides it).
pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/readout";
/// root's default folder: the cluster's system user cannot enter root's home.
const ROOT_DATA_DIR: &str = "/var/lib/readout/postgres";
/// The cluster's superuser, named as on the default server so URLs read alike.
const SUPERUSER: &str = "postgres";
/// Names the socket file only (`.s.PGSQL.5432`); the cluster opens no TCP port.
const PORT: u16 = 5432;
const SOCKET: &str = ".s.PGSQL.5432";
/// The server's own log, inside the cluster's folder.
const LOG: &str = "server.log";

/// The URL tried first when none is given: `READOUT_DEFAULT_DATABASE_URL`, else [`DEFAULT_DATABASE_URL`].
pub fn default_database_url() -> String {
    std::env::var("READOUT_DEFAULT_DATABASE_URL").ok().filter(|u| !u.is_empty()).unwrap_or_else(|| DEFAULT_DATABASE_URL.into())
}

/// The private cluster's folder: `given` (`--data-dir`), else `READOUT_DATA_DIR`,
/// else `$XDG_DATA_HOME/readout/postgres` (`~/.local/share/readout/postgres`),
/// or `/var/lib/readout/postgres` for root.
pub fn data_dir(given: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let from_env = std::env::var_os("READOUT_DATA_DIR").filter(|d| !d.is_empty()).map(PathBuf::from);
    if let Some(dir) = given.or(from_env) {
        return Ok(dir);
    }
    if owner::is_root() {
        return Ok(ROOT_DATA_DIR.into());
    }
    let data_home = match std::env::var_os("XDG_DATA_HOME").map(PathBuf::from).filter(|d| d.is_absolute()) {
        Some(dir) => dir,
        None => PathBuf::from(std::env::var_os("HOME").context("HOME is not set: pass --data-dir")?).join(".local/share"),
    };
    Ok(data_home.join("readout/postgres"))
}

/// `url` naming another database (its path), its query kept.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url.find('?').map_or((url, ""), |at| url.split_at(at));
    let authority = base.find("://").map_or(0, |at| at + 3);
    let server = base[authority..].find('/').map_or(base, |at| &base[..authority + at]);
    format!("{server}/{database}{query}")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No cluster in the folder yet.
    Uninitialized,
    Stopped,
    Running,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Started {
    /// Someone else started it; they stop it.
    AlreadyRunning,
    /// Started now (and created first when `created`).
    Now { created: bool },
}

/// A private cluster in a folder.
#[derive(Debug, Clone)]
pub struct Cluster {
    dir: PathBuf,
    bin: PathBuf,
    /// As root: the system user the programs run as, once looked up.
    owner: OnceLock<owner::SystemUser>,
}

impl Cluster {
    /// The cluster in `dir` (made or not yet) and the PostgreSQL programs to run it with.
    pub fn open(dir: impl Into<PathBuf>) -> anyhow::Result<Self> {
        let dir = std::path::absolute(dir.into()).context("resolving the data folder")?;
        let text = dir.to_str().with_context(|| format!("the data folder {} is not UTF-8: pass another --data-dir", dir.display()))?;
        // Socket paths are limited to 103 bytes (macOS; 107 on Linux), and PostgreSQL
        // would say so only in its log, after pg_ctl has given up waiting.
        ensure!(
            text.len() + 1 + SOCKET.len() <= 103,
            "the data folder {text} is too deep for PostgreSQL's socket inside it: pass a shorter --data-dir"
        );
        let made_by = std::fs::read_to_string(dir.join("PG_VERSION")).ok().and_then(|v| binaries::major_of(&v));
        Ok(Cluster { bin: binaries::find(made_by)?, dir, owner: OnceLock::new() })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The major version that made the cluster, once made.
    pub fn version(&self) -> Option<u32> {
        binaries::major_of(&std::fs::read_to_string(self.dir.join("PG_VERSION")).ok()?)
    }

    /// A URL for `database` through the cluster's socket. sqlx and libpq both
    /// read the socket's folder from `host`; the URL's own host part stays empty.
    pub fn url(&self, database: &str) -> String {
        format!("postgres:///{database}?host={}&port={PORT}&user={SUPERUSER}", encode(&self.dir.to_string_lossy()))
    }

    /// psql on `database` (the cluster's own psql when it has one, else the one on PATH).
    pub fn psql(&self, database: &str) -> Command {
        let own = self.bin.join("psql");
        let mut command = Command::new(if own.is_file() { own } else { "psql".into() });
        command.arg("-d").arg(self.url(database));
        command
    }

    pub fn status(&self) -> anyhow::Result<Status> {
        if !self.dir.join("PG_VERSION").is_file() {
            return Ok(Status::Uninitialized);
        }
        let status = self.pg_ctl()?.arg("status").stdout(Stdio::null()).stderr(Stdio::null()).status().context("running pg_ctl")?;
        match status.code() {
            Some(0) => Ok(Status::Running),
            Some(3) => Ok(Status::Stopped),
            _ => bail!("pg_ctl status failed ({status}) on {}", self.dir.display()),
        }
    }

    /// Starts the cluster, making it first if the folder has none; a running
    /// one is left as it is. Callers in other processes wait their turn.
    pub fn start(&self) -> anyhow::Result<Started> {
        let _turn = self.lock()?;
        let created = match self.status()? {
            Status::Running => return Ok(Started::AlreadyRunning),
            Status::Stopped => false,
            Status::Uninitialized => {
                self.init()?;
                true
            }
        };
        let log = self.dir.join(LOG);
        run(self.pg_ctl()?.args(["start", "-w", "-t", "60", "-l"]).arg(&log), "pg_ctl start")
            .with_context(|| format!("PostgreSQL did not start; its log is {}", log.display()))?;
        Ok(Started::Now { created })
    }

    /// Stops the cluster if it runs (fast: open sessions are ended, their
    /// transactions rolled back). Returns whether it ran.
    pub fn stop(&self) -> anyhow::Result<bool> {
        let _turn = self.lock()?;
        if self.status()? != Status::Running {
            return Ok(false);
        }
        run(self.pg_ctl()?.args(["stop", "-w", "-m", "fast"]), "pg_ctl stop")?;
        Ok(true)
    }

    fn init(&self) -> anyhow::Result<()> {
        let owner = self.owner(true)?;
        match std::fs::DirBuilder::new().mode(0o700).create(&self.dir) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                return Err(e).with_context(|| format!("creating {}", self.dir.display()))
            }
            _ => {}
        }
        if let Some(user) = owner {
            user.take(&self.dir)?;
        }
        // Trust is safe here: no TCP, and only the folder's owner (and root) may reach the socket.
        let initdb = ["-U", SUPERUSER, "--auth=trust", "--encoding=UTF8"];
        run(self.command("initdb")?.arg("-D").arg(&self.dir).args(initdb), "initdb")?;
        let mut conf = std::fs::OpenOptions::new().append(true).open(self.dir.join("postgresql.conf"))?;
        conf.write_all(self.settings().as_bytes()).context("writing postgresql.conf")
    }

    /// Appended to the cluster's postgresql.conf, so a hand-run `pg_ctl start` listens the same way.
    fn settings(&self) -> String {
        let dir = self.dir.to_string_lossy().replace('\\', "\\\\").replace('\'', "''");
        format!(
            "\n# Readout's private cluster: reachable only through the socket in this folder.\n\
             listen_addresses = ''\nunix_socket_directories = '{dir}'\nunix_socket_permissions = 0700\nport = {PORT}\n"
        )
    }

    /// Held while starting or stopping, so parallel test binaries or two servers
    /// started at once neither run initdb twice nor start a server twice. The
    /// file sits beside the folder: initdb wants the folder empty.
    fn lock(&self) -> anyhow::Result<std::fs::File> {
        if let Some(parent) = self.dir.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        let mut path = self.dir.clone().into_os_string();
        path.push(".lock");
        let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).mode(0o600).open(&path)?;
        file.lock().with_context(|| format!("locking {}", Path::new(&path).display()))?;
        Ok(file)
    }

    fn pg_ctl(&self) -> anyhow::Result<Command> {
        let mut command = self.command("pg_ctl")?;
        command.arg("-D").arg(&self.dir);
        Ok(command)
    }

    fn command(&self, program: &str) -> anyhow::Result<Command> {
        let mut command = Command::new(self.bin.join(program));
        // The program may run as the cluster's user, who may not enter our working folder.
        command.current_dir("/");
        if let Some(user) = self.owner(false)? {
            user.apply(&mut command);
        }
        Ok(command)
    }

    /// As root, the system user the programs run as (created first when `create`).
    fn owner(&self, create: bool) -> anyhow::Result<Option<owner::SystemUser>> {
        if !owner::is_root() {
            return Ok(None);
        }
        if let Some(user) = self.owner.get() {
            return Ok(Some(*user));
        }
        let user = match create {
            true => owner::ensure_exists()?,
            false => owner::lookup()?
                .with_context(|| format!("no system user `{}` to run PostgreSQL as; `readout db start` creates it", owner::NAME))?,
        };
        Ok(Some(*self.owner.get_or_init(|| user)))
    }
}

/// Runs `command` to its end; its error output becomes the error.
fn run(command: &mut Command, what: &str) -> anyhow::Result<()> {
    let output = command.output().with_context(|| format!("running {what}"))?;
    let said = String::from_utf8_lossy(&output.stderr);
    ensure!(output.status.success(), "{what} failed ({}): {}", output.status, said.trim());
    Ok(())
}

/// Percent-encodes what a URL's query value cannot hold as it is (spaces, `&`, `%`...).
fn encode(text: &str) -> String {
    let plain = |b: u8| b.is_ascii_alphanumeric() || b"/-._~".contains(&b);
    text.bytes().map(|b| if plain(b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// The database a command works on, and the private cluster it started for
/// it, if any.
#[derive(Debug)]
pub struct Database {
    pub url: String,
    started: Option<Cluster>,
}

impl Database {
    /// `given` as it is; else the default server's `database` when that server
    /// lets us in; else the private cluster's, in the folder [`data_dir`] picks,
    /// made and started if needed.
    pub async fn locate(given: Option<String>, database: &str, data_dir: Option<PathBuf>) -> anyhow::Result<Self> {
        if let Some(url) = given {
            return Ok(Database { url, started: None });
        }
        let default = with_database(&default_database_url(), database);
        let Some(unusable) = unusable(&default).await? else {
            return Ok(Database { url: default, started: None });
        };
        let nothing_there = || format!("no usable PostgreSQL at {default} ({})", unusable.why);
        let cluster = Cluster::open(self::data_dir(data_dir)?).with_context(nothing_there)?;
        let dir = cluster.dir.display();
        match unusable.answered {
            // A server that is there but refuses us may hold the data the user meant: say so louder.
            true => tracing::warn!(data_dir = %dir, "{}: using the private cluster instead", nothing_there()),
            false => tracing::info!(data_dir = %dir, "{}: using the private cluster", nothing_there()),
        }
        let (cluster, started) = blocking(move || cluster.start().map(|started| (cluster, started)))
            .await
            .context("starting the private PostgreSQL cluster")?;
        let url = cluster.url(database);
        let what = match started {
            Started::AlreadyRunning => "using the private PostgreSQL cluster already running",
            Started::Now { created: true } => "created and started a private PostgreSQL cluster (Unix socket only, no TCP port)",
            Started::Now { created: false } => "started the private PostgreSQL cluster",
        };
        tracing::info!(data_dir = %cluster.dir.display(), "{what}; connect with: psql '{url}'");
        Ok(Database { url, started: (started != Started::AlreadyRunning).then_some(cluster) })
    }

    /// Stops the private cluster if this process started it. Dropping a
    /// `Database` instead leaves the cluster running (the tests do).
    pub async fn finish(self) -> anyhow::Result<()> {
        let Some(cluster) = self.started else { return Ok(()) };
        let dir = cluster.dir.display().to_string();
        blocking(move || cluster.stop()).await.context("stopping the private PostgreSQL cluster")?;
        tracing::info!(data_dir = %dir, "stopped the private PostgreSQL cluster");
        Ok(())
    }
}

/// Why a server cannot be used, and whether anything answered there at all.
struct Unusable {
    why: String,
    answered: bool,
}

/// Why no session can be opened on the server of `url`, if none can. Asks its
/// maintenance database: the one in `url` may not have been created yet.
async fn unusable(url: &str) -> anyhow::Result<Option<Unusable>> {
    let options = PgConnectOptions::from_str(url).with_context(|| format!("`{url}` is not a PostgreSQL URL"))?.database("postgres");
    let connecting = options.connect();
    Ok(match tokio::time::timeout(Duration::from_secs(5), connecting).await {
        Ok(Ok(conn)) => {
            let _ = conn.close().await;
            None
        }
        Ok(Err(error)) => Some(Unusable { answered: !matches!(error, sqlx::Error::Io(_)), why: error.to_string() }),
        Err(_) => Some(Unusable { why: "no answer within 5 s".into(), answered: false }),
    })
}

/// Runs process-spawning work off the async workers.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> anyhow::Result<T> + Send + 'static) -> anyhow::Result<T> {
    tokio::task::spawn_blocking(work).await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_database_keeps_the_server_and_the_query() {
        assert_eq!(with_database(DEFAULT_DATABASE_URL, "postgres"), "postgres://postgres@127.0.0.1:5432/postgres");
        assert_eq!(
            with_database("postgres:///readout?host=/var/lib/readout/postgres&port=5432", "readout_test_1"),
            "postgres:///readout_test_1?host=/var/lib/readout/postgres&port=5432"
        );
        assert_eq!(with_database("postgres://db:5433", "readout"), "postgres://db:5433/readout");
    }

    #[test]
    fn socket_urls_parse_as_the_socket_folder() {
        let cluster = Cluster { dir: "/home/a b/.local/share/readout/postgres".into(), bin: "/bin".into(), owner: OnceLock::new() };
        let url = cluster.url("readout");
        assert_eq!(url, "postgres:///readout?host=/home/a%20b/.local/share/readout/postgres&port=5432&user=postgres");
        let options = PgConnectOptions::from_str(&url).unwrap();
        assert_eq!(options.get_socket().map(|p| p.as_path()), Some(Path::new("/home/a b/.local/share/readout/postgres")));
        assert_eq!((options.get_port(), options.get_username(), options.get_database()), (5432, "postgres", Some("readout")));
    }

    #[test]
    fn settings_quote_the_folder_for_postgresql_conf() {
        let cluster = Cluster { dir: "/srv/it's".into(), bin: "/bin".into(), owner: OnceLock::new() };
        assert!(cluster.settings().contains("unix_socket_directories = '/srv/it''s'"));
        assert!(cluster.settings().contains("listen_addresses = ''"));
    }
}
