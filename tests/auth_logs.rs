//! What the server logs about a request with an API key. Alone in its test
//! binary: tracing caches which call sites a subscriber wants process-wide,
//! and tests running on other threads raced this one's subscriber (its
//! response line went missing now and then when it shared tests/auth.rs).

mod common;

use common::{bearer, key, post_story, secret_of, TestApp};
use readout::domain::Scope;

#[tokio::test]
async fn keys_stay_out_of_the_logs() {
    let app = TestApp::new().await;
    let writer = key(&app, Scope::Write).await;
    let logs = CapturedLogs::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(logs.clone())
        .with_ansi(false)
        .finish();
    let _default = tracing::subscriber::set_default(subscriber);
    post_story(&app, &[("authorization", &bearer(&writer))]).await;
    post_story(&app, &[("x-api-key", &writer)]).await;
    let text = logs.text();
    assert!(text.contains("finished processing request"), "nothing was logged: {text}");
    assert!(text.contains("key=1"), "the key's id names the caller: {text}");
    let secret = secret_of(&writer);
    assert!(!text.contains(secret), "a key was logged: {text}");
}

#[derive(Clone, Default)]
struct CapturedLogs(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl CapturedLogs {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for CapturedLogs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for CapturedLogs {
    type Writer = CapturedLogs;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}
