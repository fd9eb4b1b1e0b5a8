//! Running as root: `initdb`, `pg_ctl` and `postgres` refuse to, so the
//! cluster belongs to a dedicated system user, `readout`, and its programs run
//! under that user's ids (`Command::uid`/`gid`, which also drop root's
//! supplementary groups). No `su`/`runuser` needed, and nothing else gains a login.

use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

use anyhow::{ensure, Context};

pub const NAME: &str = "readout";

#[derive(Debug, Clone, Copy)]
pub struct SystemUser {
    uid: u32,
    gid: u32,
}

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// The system user, created when missing (a group of its own, no home, no shell).
pub fn ensure_exists() -> anyhow::Result<SystemUser> {
    if let Some(user) = lookup()? {
        return Ok(user);
    }
    let created = Command::new("useradd")
        .args(["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", NAME])
        .status();
    ensure!(
        created.is_ok_and(|s| s.success()),
        "PostgreSQL refuses to run as root, and the system user `{NAME}` to run it could not be created \
         with useradd: create it yourself, or run Readout as an unprivileged user"
    );
    tracing::info!("created the system user `{NAME}` to run the private PostgreSQL cluster (PostgreSQL refuses root)");
    lookup()?.with_context(|| format!("useradd succeeded but `id {NAME}` does not know the user"))
}

/// The system user if it exists.
pub fn lookup() -> anyhow::Result<Option<SystemUser>> {
    let id = |flag: &str| -> anyhow::Result<Option<u32>> {
        let output = Command::new("id").args([flag, NAME]).output().context("running `id`")?;
        Ok(output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().parse().ok()).flatten())
    };
    Ok(match (id("-u")?, id("-g")?) {
        (Some(uid), Some(gid)) => Some(SystemUser { uid, gid }),
        _ => None,
    })
}

impl SystemUser {
    /// Makes `command` run as this user.
    pub fn apply(&self, command: &mut Command) {
        command.uid(self.uid).gid(self.gid);
    }

    /// Hands `dir` to this user, after checking the user can walk down to it.
    pub fn take(&self, dir: &Path) -> anyhow::Result<()> {
        for above in dir.ancestors().skip(1) {
            ensure!(
                self.may_pass(above)?,
                "the system user `{NAME}` that runs PostgreSQL cannot reach {}: {} is closed to other users; \
                 pass a --data-dir elsewhere (root's default is /var/lib/readout/postgres)",
                dir.display(),
                above.display()
            );
        }
        std::os::unix::fs::chown(dir, Some(self.uid), Some(self.gid))
            .with_context(|| format!("handing {} to the system user `{NAME}`", dir.display()))
    }

    fn may_pass(&self, dir: &Path) -> anyhow::Result<bool> {
        let meta = std::fs::metadata(dir).with_context(|| format!("reading {}", dir.display()))?;
        let mode = meta.mode();
        Ok(mode & 0o001 != 0 || (meta.uid() == self.uid && mode & 0o100 != 0) || (meta.gid() == self.gid && mode & 0o010 != 0))
    }
}
