//! Finding PostgreSQL's server programs. Distributions put them in different
//! places (Debian keeps them off `PATH` in `/usr/lib/postgresql/N/bin`, Homebrew's
//! versioned formulas in `opt/postgresql@N/bin`), so several places are searched.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::bail;

/// What a cluster is made and run with; `pg_ctl` finds `postgres` beside itself.
const SERVER_PROGRAMS: [&str; 3] = ["initdb", "pg_ctl", "postgres"];

/// Folders holding one version each, as (parent, name prefix before the version).
const VERSIONED: [(&str, &str); 4] = [
    ("/usr/lib/postgresql", ""),          // Debian, Ubuntu
    ("/usr", "pgsql-"),                   // PostgreSQL's own RPMs
    ("/opt/homebrew/opt", "postgresql@"), // Homebrew on Apple silicon
    ("/usr/local/opt", "postgresql@"),    // Homebrew on Intel
];

pub const NOT_FOUND: &str = "no PostgreSQL server programs (initdb, pg_ctl, postgres) in PATH, in \
`pg_config --bindir` or under /usr/lib/postgresql/*/bin. Install PostgreSQL (the server need not run):
  Debian/Ubuntu: sudo apt install postgresql
  Fedora:        sudo dnf install postgresql-server
  macOS:         brew install postgresql@17
  Arch Linux:    sudo pacman -S postgresql
or pass the URL of a PostgreSQL you have with --database-url (or DATABASE_URL)";

/// The folder of the server programs: the first place that has them all, or,
/// for an existing cluster, the first with the major version that made it
/// (`PG_VERSION`), since a server reads only its own version's files.
pub fn find(wanted: Option<u32>) -> anyhow::Result<PathBuf> {
    choose(candidates(), wanted)
}

fn choose(candidates: impl IntoIterator<Item = PathBuf>, wanted: Option<u32>) -> anyhow::Result<PathBuf> {
    let mut found = candidates.into_iter().filter(|dir| SERVER_PROGRAMS.iter().all(|p| dir.join(p).is_file()));
    let Some(wanted) = wanted else {
        return found.next().ok_or_else(|| anyhow::anyhow!(NOT_FOUND));
    };
    let mut others = Vec::new();
    for dir in found {
        match version_of(&dir) {
            Some(v) if v == wanted => return Ok(dir),
            _ => others.push(dir.display().to_string()),
        }
    }
    if others.is_empty() {
        bail!(NOT_FOUND);
    }
    bail!(
        "the cluster was made by PostgreSQL {wanted}, and only other versions are installed ({}): \
         install PostgreSQL {wanted}, or move the cluster's folder aside to start a new one",
        others.join(", ")
    )
}

/// `PATH` first (the user's choice), then `pg_config`'s answer, then the
/// versioned folders, newest version first.
fn candidates() -> Vec<PathBuf> {
    let path: Vec<PathBuf> = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    path.into_iter().chain(pg_config_bindir()).chain(versioned_folders()).collect()
}

fn pg_config_bindir() -> Option<PathBuf> {
    let output = Command::new("pg_config").arg("--bindir").output().ok()?;
    let dir = String::from_utf8(output.stdout).ok()?;
    output.status.success().then(|| PathBuf::from(dir.trim()))
}

fn versioned_folders() -> Vec<PathBuf> {
    let mut found: Vec<(Vec<u32>, PathBuf)> = VERSIONED
        .iter()
        .flat_map(|(parent, prefix)| {
            let entries = std::fs::read_dir(parent).into_iter().flatten().flatten();
            entries.filter_map(move |entry| {
                let name = entry.file_name().into_string().ok()?;
                let version = parse_version(name.strip_prefix(prefix)?)?;
                Some((version, entry.path().join("bin")))
            })
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0));
    found.into_iter().map(|(_, dir)| dir).collect()
}

/// "15" or "9.6" as numbers, so that 10 sorts after 9.6.
fn parse_version(text: &str) -> Option<Vec<u32>> {
    text.split('.').map(|part| part.parse().ok()).collect()
}

/// The major version of the programs in `dir` ("pg_ctl (PostgreSQL) 15.8 (Debian ...)").
fn version_of(dir: &Path) -> Option<u32> {
    let output = Command::new(dir.join("pg_ctl")).arg("--version").output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    major_of(&text)
}

/// The major version in a `--version` line or a `PG_VERSION` file ("15", "9.6").
pub fn major_of(text: &str) -> Option<u32> {
    let version = text.split_whitespace().find(|word| word.starts_with(|c: char| c.is_ascii_digit()))?;
    let major: &str = version.split(|c: char| !c.is_ascii_digit()).next()?;
    major.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_sort_as_numbers() {
        assert!(parse_version("10") > parse_version("9.6"));
        assert_eq!(parse_version("main"), None);
    }

    #[test]
    fn majors_are_read_from_version_lines_and_files() {
        assert_eq!(major_of("pg_ctl (PostgreSQL) 15.8 (Debian 15.8-0+deb12u1)\n"), Some(15));
        assert_eq!(major_of("postgres (PostgreSQL) 17beta2"), Some(17));
        assert_eq!(major_of("16\n"), Some(16));
    }

    #[test]
    fn with_no_programs_anywhere_the_error_says_what_to_install() {
        let error = choose([PathBuf::from("/nonexistent/readout-bin")], None).unwrap_err().to_string();
        for line in ["apt install postgresql", "dnf install postgresql-server", "brew install postgresql", "pacman -S postgresql", "--database-url"] {
            assert!(error.contains(line), "{error}");
        }
    }
}
