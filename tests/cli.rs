//! The `readout` binary as users run it.

use std::io::Write;
use std::process::{Command, Stdio};

mod common;

fn readout() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_readout"));
    command.env_remove("DATABASE_URL").env_remove("READOUT_ADDR");
    command
}

#[test]
fn serve_without_postgres_exits_with_one_line_saying_where_it_looked() {
    let output = readout()
        .args(["serve", "--addr", "127.0.0.1:0", "--database-url", "postgres://postgres@127.0.0.1:1/readout"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains("127.0.0.1:1/readout"), "{stderr}");
    assert!(lines[0].contains("docker compose up -d db"), "{stderr}");
}

#[test]
fn db_status_on_a_folder_without_a_cluster_says_how_to_make_one_and_makes_nothing() {
    let dir = std::env::temp_dir().join(format!("readout-no-cluster-{}", std::process::id()));
    let output = readout().args(["db", "status", "--data-dir"]).arg(&dir).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.starts_with("none: no cluster in ") && stdout.contains("readout db start"), "{stdout}");
    assert!(!dir.exists());
}

#[test]
fn extract_reads_standard_input_and_prints_the_extraction() {
    let mut child = readout()
        .args(["extract", "-", "--published-at", "2024-03-04"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"BEIJING, March 4 (Xinhua) -- A short note.").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    for unit in ["officials", "meetings", "statements", "positions"] {
        assert!(json[unit].is_array(), "{unit} missing");
    }
}

#[test]
fn extract_refuses_a_blank_file() {
    let path = std::env::temp_dir().join(format!("readout-blank-{}.txt", std::process::id()));
    std::fs::write(&path, "   \n").unwrap();
    let output = readout().arg("extract").arg(&path).output().unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("blank"));
}

#[test]
fn openapi_prints_the_document() {
    let output = readout().arg("openapi").output().unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["info"]["title"], "Readout API");
}

/// Runs `readout keys ARGS --database-url URL`; returns stdout, after checking it succeeded.
fn keys(db: &common::TestDb, args: &[&str]) -> String {
    let output = readout().arg("keys").args(args).args(["--database-url", &db.url()]).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "keys {args:?} failed: {stderr}");
    String::from_utf8(output.stdout).unwrap()
}

#[tokio::test]
async fn keys_are_created_once_listed_without_their_secret_and_revoked() {
    let db = common::TestDb::new().await;
    let key = keys(&db, &["create", "--scope", "write", "--name", "nightly ingest"]);
    let key = key.trim();
    let (prefix, secret) = key.strip_prefix("ro_").unwrap().split_once('_').unwrap();
    assert_eq!(prefix.len(), 8, "{key}");

    let listed = keys(&db, &["list"]);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["id", "name", "scope", "prefix", "created", "revoked"]);
    assert!(lines[1].contains("nightly ingest") && lines[1].contains("write") && lines[1].contains(prefix), "{listed}");
    assert!(lines[1].trim_end().ends_with('-'), "not revoked yet: {listed}");
    assert!(!listed.contains(secret));

    keys(&db, &["revoke", prefix]);
    let revoked: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("SELECT revoked_at FROM api_keys WHERE prefix = $1").bind(prefix).fetch_one(&db.pool).await.unwrap();
    assert!(revoked.is_some());
    assert!(!keys(&db, &["list"]).lines().nth(1).unwrap().trim_end().ends_with('-'), "the list shows the revocation");
}

#[tokio::test]
async fn keys_refuse_an_unknown_scope_and_an_unknown_key() {
    let db = common::TestDb::new().await;
    let bad_scope = readout().args(["keys", "create", "--scope", "root", "--name", "x", "--database-url", &db.url()]).output().unwrap();
    assert!(!bad_scope.status.success());
    assert!(String::from_utf8_lossy(&bad_scope.stderr).contains("read, write or admin"));
    let missing = readout().args(["keys", "revoke", "42", "--database-url", &db.url()]).output().unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no key has the id or prefix `42`"));
}

#[test]
fn ingest_with_nothing_to_read_or_nowhere_to_send_says_so_and_fails() {
    let missing = readout().args(["ingest", "/nonexistent/readout-archive"]).output().unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/readout-archive"));

    // A server that is not there: every article fails after its retries, and the exit says so.
    let path = std::env::temp_dir().join(format!("readout-ingest-cli-{}.ndjson", std::process::id()));
    std::fs::write(&path, "{\"text\": \"A note.\"}\n").unwrap();
    let output = readout()
        .arg("ingest")
        .arg(&path)
        .args(["--server", "http://127.0.0.1:1", "--retries", "0"])
        .env_remove("READOUT_SERVER")
        .output()
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("1 items: created 0, duplicate 0, rejected 0, failed 1"), "{stderr}");
    assert!(stderr.contains("1 articles were not stored"), "{stderr}");
}
