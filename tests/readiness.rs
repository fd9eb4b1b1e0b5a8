//! `/readyz` fails while PostgreSQL is unreachable and recovers by itself.
//! The shared PostgreSQL is never stopped: the pool reaches it through a TCP
//! proxy of this test's own, which is closed (with its live connections) and
//! opened again on the same port. The proxy forwards to the test server's TCP
//! port, or to its Unix socket when the tests run on the private cluster.

mod common;

use std::net::SocketAddr;
use std::str::FromStr;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::TestDb;
use http_body_util::BodyExt;
use readout::api::{self, AppState};
use readout::store;
use sqlx::postgres::PgConnectOptions;
use tokio::net::{TcpSocket, TcpStream, UnixStream};
use tokio::task::JoinSet;
use tower::ServiceExt;

/// Forwards every connection to PostgreSQL until aborted; aborting drops the
/// listener and every forwarded connection with it.
async fn open_proxy(port: u16) -> (u16, tokio::task::JoinHandle<()>) {
    let socket = TcpSocket::new_v4().unwrap();
    socket.set_reuseaddr(true).unwrap();
    socket.bind(SocketAddr::from(([127, 0, 0, 1], port))).unwrap();
    let listener = socket.listen(64).unwrap();
    let port = listener.local_addr().unwrap().port();
    let task = tokio::spawn(async move {
        let mut connections = JoinSet::new();
        while let Ok((client, _)) = listener.accept().await {
            connections.spawn(async move {
                let _ = forward(client).await;
            });
        }
    });
    (port, task)
}

/// Pipes one client connection to the test server, by TCP or by its Unix socket.
async fn forward(mut client: TcpStream) -> std::io::Result<()> {
    let options = PgConnectOptions::from_str(&common::admin_url()).unwrap();
    match options.get_socket() {
        Some(dir) => {
            let mut server = UnixStream::connect(dir.join(format!(".s.PGSQL.{}", options.get_port()))).await?;
            tokio::io::copy_bidirectional(&mut client, &mut server).await?
        }
        None => tokio::io::copy_bidirectional(&mut client, &mut TcpStream::connect(tcp_addr(&options)).await?).await?,
    };
    Ok(())
}

fn tcp_addr(options: &PgConnectOptions) -> SocketAddr {
    let host = if options.get_host() == "localhost" { "127.0.0.1" } else { options.get_host() };
    SocketAddr::new(host.parse().expect("the test database is addressed by IP"), options.get_port())
}

async fn status_of(router: &axum::Router, uri: &str) -> (StatusCode, String, String) {
    let response = router.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let content_type = response.headers().get("content-type").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, content_type, String::from_utf8_lossy(&body).into_owned())
}

/// Asks until the answer has this status; a hang guard, not a timing claim.
async fn until(router: &axum::Router, uri: &str, wanted: StatusCode) -> (StatusCode, String, String) {
    for _ in 0..60 {
        let answer = status_of(router, uri).await;
        if answer.0 == wanted {
            return answer;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("{uri} never answered {wanted}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readiness_fails_while_the_database_is_unreachable_and_recovers_without_restart() {
    let db = TestDb::new().await;
    let extractor = store::extractor(&mut db.pool.acquire().await.unwrap()).await.unwrap();
    let (port, proxy) = open_proxy(0).await;
    let through_proxy = PgConnectOptions::from_str(&format!("postgres://postgres@127.0.0.1:{port}/{}", db.name)).unwrap();
    let pool = store::pool_options().connect_with(through_proxy).await.unwrap();
    let router = api::router(AppState::new(pool.clone(), extractor));

    assert_eq!(status_of(&router, "/readyz").await.0, StatusCode::OK);
    assert_eq!(status_of(&router, "/v1/articles").await.0, StatusCode::OK);
    assert!(pool.size() >= 1, "the pool holds connections through the proxy");

    proxy.abort();
    let _ = proxy.await;
    let (_, content_type, body) = until(&router, "/readyz", StatusCode::SERVICE_UNAVAILABLE).await;
    assert_eq!(content_type, "application/problem+json");
    assert!(body.contains("database"), "{body}");
    assert_eq!(status_of(&router, "/healthz").await.0, StatusCode::OK, "the process itself is alive");

    let (_, reopened) = open_proxy(port).await;
    until(&router, "/readyz", StatusCode::OK).await;
    assert_eq!(status_of(&router, "/v1/articles").await.0, StatusCode::OK, "queries work again too");
    reopened.abort();
}
