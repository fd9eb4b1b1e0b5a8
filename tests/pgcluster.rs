//! The private PostgreSQL cluster on a folder of this test's own: made once
//! however many start it at once, reached through its socket only, stopped,
//! and started again with its data. Needs PostgreSQL's programs, not a server.

use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::PathBuf;

use readout::pgcluster::{Cluster, Started, Status};
use sqlx::{Connection, PgConnection};

/// A folder for one cluster, stopped and removed when the test ends (even on panic).
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("readout-pgcluster-{}", std::process::id()));
        // Open to others: as root, the cluster's system user must pass through it.
        std::fs::DirBuilder::new().mode(0o755).create(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(cluster) = Cluster::open(self.0.join("postgres")) {
            let _ = cluster.stop();
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn connect(cluster: &Cluster) -> sqlx::Result<PgConnection> {
    PgConnection::connect(&cluster.url("postgres")).await
}

#[tokio::test]
async fn a_private_cluster_is_made_once_reached_by_its_socket_stopped_and_reused() {
    let scratch = Scratch::new();
    let dir = scratch.0.join("postgres");
    let cluster = Cluster::open(&dir).unwrap();
    assert_eq!(cluster.status().unwrap(), Status::Uninitialized);

    // Three callers at once (as parallel test binaries would): one makes and starts it, the others wait and find it running.
    let starts: Vec<Started> = std::thread::scope(|s| {
        let callers: Vec<_> = (0..3).map(|_| s.spawn(|| Cluster::open(&dir).unwrap().start().unwrap())).collect();
        callers.into_iter().map(|c| c.join().unwrap()).collect()
    });
    assert_eq!(starts.iter().filter(|s| **s == Started::Now { created: true }).count(), 1, "{starts:?}");
    assert_eq!(starts.iter().filter(|s| **s == Started::AlreadyRunning).count(), 2, "{starts:?}");
    assert_eq!(cluster.status().unwrap(), Status::Running);
    assert_eq!(std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700, "the folder is its owner's alone");

    let mut conn = connect(&cluster).await.unwrap();
    let listening: (String, String) =
        sqlx::query_as("SELECT current_setting('listen_addresses'), current_setting('unix_socket_directories')")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!(listening, (String::new(), dir.display().to_string()), "no TCP, the socket in the folder");
    sqlx::raw_sql("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')").execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    assert_eq!(cluster.start().unwrap(), Started::AlreadyRunning, "a running cluster is not started twice");

    assert!(cluster.stop().unwrap());
    assert_eq!(cluster.status().unwrap(), Status::Stopped);
    assert!(!cluster.stop().unwrap(), "stopping a stopped cluster does nothing");
    assert!(connect(&cluster).await.is_err());

    assert_eq!(cluster.start().unwrap(), Started::Now { created: false }, "the folder's cluster is reused");
    let mut conn = connect(&cluster).await.unwrap();
    let note: String = sqlx::query_scalar("SELECT note FROM kept").fetch_one(&mut conn).await.unwrap();
    assert_eq!(note, "still here");
}
