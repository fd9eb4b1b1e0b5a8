//! Webhooks' rules, apart from any I/O: which hosts an operator lets the
//! server call, how deliveries are signed (Standard Webhooks), and when a
//! failed delivery is tried again.

use std::net::IpAddr;
use std::time::Duration;

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::DomainError;

/// The hosts webhooks may be delivered to (`--webhook-allow-hosts`): exact
/// names or addresses (`hooks.example.org`, `127.0.0.1`), every subdomain of
/// a name (`*.example.org`), or `*` for any host. Private, loopback and other
/// non-public addresses are refused unless their host is listed exactly, so
/// a wildcard never reaches the server's own network, even through a public
/// name that resolves to a private address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowList {
    entries: Vec<String>,
}

impl AllowList {
    pub fn new(entries: impl IntoIterator<Item = String>) -> Self {
        let entries = entries.into_iter().map(|e| e.trim().trim_end_matches('.').to_ascii_lowercase()).filter(|e| !e.is_empty()).collect();
        AllowList { entries }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Parses a webhook URL and checks its host against the list.
    pub fn check_url(&self, raw: &str) -> Result<url::Url, DomainError> {
        let url = url::Url::parse(raw.trim()).map_err(|e| DomainError(format!("`url` is not a URL: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(DomainError(format!("`url` must be http or https, not `{}`", url.scheme())));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(DomainError("`url` must not carry credentials; deliveries are signed instead".into()));
        }
        let host = host_of(&url).ok_or_else(|| DomainError("`url` has no host".into()))?;
        if self.is_empty() {
            return Err(DomainError(
                "this server delivers webhooks to no host; its operator allows hosts with --webhook-allow-hosts".into(),
            ));
        }
        if !self.allows_host(&host) {
            return Err(DomainError(format!(
                "`{host}` is not among the hosts this server delivers webhooks to ({})",
                self.entries.join(", ")
            )));
        }
        if let Ok(address) = host.parse::<IpAddr>() {
            self.permits_address(&host, address)?;
        }
        Ok(url)
    }

    /// Whether the host itself is listed, exactly or by a wildcard.
    pub fn allows_host(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.entries.iter().any(|entry| match entry.strip_prefix("*") {
            Some("") => true,
            Some(suffix) if suffix.starts_with('.') => host.ends_with(suffix) && host.len() > suffix.len(),
            _ => *entry == host,
        })
    }

    /// Whether a delivery to `host` may go to `address`, one it resolved to.
    pub fn permits_address(&self, host: &str, address: IpAddr) -> Result<(), DomainError> {
        let listed_exactly = self.entries.iter().any(|e| *e == host.to_ascii_lowercase());
        if is_public(address) || listed_exactly {
            Ok(())
        } else {
            Err(DomainError(format!(
                "`{host}` resolves to {address}, a private or loopback address; list `{host}` itself in --webhook-allow-hosts to allow it"
            )))
        }
    }
}

/// The URL's host as listed in an allow list: a name, or an address without brackets.
pub fn host_of(url: &url::Url) -> Option<String> {
    match url.host()? {
        url::Host::Domain(name) => Some(name.trim_end_matches('.').to_ascii_lowercase()),
        url::Host::Ipv4(address) => Some(address.to_string()),
        url::Host::Ipv6(address) => Some(address.to_string()),
    }
}

/// Addresses on the public internet: not loopback, private, link-local,
/// shared (CGNAT), unique-local, documentation, multicast or unspecified.
pub fn is_public(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (18..20).contains(&b)))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8)
        }
    }
}

/// A hook's signing secret, written `whsec_` and the base64 of its key as
/// Standard Webhooks libraries read it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

const SECRET_PREFIX: &str = "whsec_";

impl Secret {
    /// A new random 32-byte key.
    pub fn generate() -> Self {
        let mut key = vec![0u8; 32];
        getrandom::getrandom(&mut key).expect("the operating system's random source");
        Secret(key)
    }

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let encoded = raw.strip_prefix(SECRET_PREFIX).unwrap_or(raw);
        let key = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|_| DomainError("a webhook secret is `whsec_` and base64".into()))?;
        if key.len() < 24 || key.len() > 64 {
            return Err(DomainError("a webhook secret's key is 24 to 64 bytes".into()));
        }
        Ok(Secret(key))
    }

    pub fn reveal(&self) -> String {
        format!("{SECRET_PREFIX}{}", base64::engine::general_purpose::STANDARD.encode(&self.0))
    }

    /// The `webhook-signature` header of a message: `v1,` and the base64 of
    /// HMAC-SHA256 over `{id}.{timestamp}.{body}`.
    pub fn sign(&self, message_id: &str, timestamp: i64, body: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(format!("{message_id}.{timestamp}.").as_bytes());
        mac.update(body.as_bytes());
        format!("v1,{}", base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
    }
}

/// Waits before each retry of a failed delivery; when they run out the
/// delivery has failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetrySchedule(Vec<Duration>);

impl RetrySchedule {
    pub fn new(waits: Vec<Duration>) -> Self {
        RetrySchedule(waits)
    }

    /// About a day of retries, backing off: 5 s, 1 min, 5 min, 30 min, 2 h,
    /// 5 h, 8 h and 8 h after the first attempt fails (nine attempts over
    /// 23 h 36 min), as Standard Webhooks senders commonly do.
    pub fn standard() -> Self {
        let minutes = |m: u64| Duration::from_secs(60 * m);
        RetrySchedule(vec![Duration::from_secs(5), minutes(1), minutes(5), minutes(30), minutes(120), minutes(300), minutes(480), minutes(480)])
    }

    /// The wait after `attempts` failed attempts, None when no retry is left.
    pub fn wait_after(&self, attempts: usize) -> Option<Duration> {
        attempts.checked_sub(1).and_then(|i| self.0.get(i)).copied()
    }

    /// How many attempts a delivery gets in all.
    pub fn attempts(&self) -> usize {
        self.0.len() + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allow(entries: &[&str]) -> AllowList {
        AllowList::new(entries.iter().map(|e| e.to_string()))
    }

    #[test]
    fn only_listed_hosts_are_accepted() {
        let list = allow(&["hooks.example.org", "*.newsroom.example", "127.0.0.1"]);
        assert!(list.check_url("https://hooks.example.org/readout").is_ok());
        assert!(list.check_url("https://eu.newsroom.example/in").is_ok());
        assert!(list.check_url("http://127.0.0.1:9000/hook").is_ok());
        assert!(list.check_url("https://newsroom.example/in").is_err(), "a wildcard is for subdomains only");
        assert!(list.check_url("https://evil.example.org/").unwrap_err().0.contains("not among the hosts"));
        assert!(list.check_url("ftp://hooks.example.org/").unwrap_err().0.contains("http or https"));
        assert!(list.check_url("https://user:pw@hooks.example.org/").is_err());
        assert!(list.check_url("not a url").is_err());
        assert!(AllowList::default().check_url("https://hooks.example.org/").unwrap_err().0.contains("--webhook-allow-hosts"));
    }

    #[test]
    fn private_and_loopback_addresses_need_their_host_listed_exactly() {
        let any = allow(&["*"]);
        assert!(any.check_url("https://hooks.example.org/").is_ok());
        for private in ["http://127.0.0.1/", "http://10.1.2.3/", "http://192.168.0.9/", "http://169.254.169.254/", "http://[::1]/", "http://[fd00::1]/", "http://100.64.0.1/"] {
            assert!(any.check_url(private).unwrap_err().0.contains("private or loopback"), "{private}");
        }
        // A public name resolving to a private address (DNS rebinding) is refused at delivery.
        assert!(any.permits_address("hooks.example.org", "10.0.0.5".parse().unwrap()).is_err());
        assert!(any.permits_address("hooks.example.org", "93.184.216.34".parse().unwrap()).is_ok());
        let local = allow(&["localhost"]);
        assert!(local.permits_address("localhost", "127.0.0.1".parse().unwrap()).is_ok());
        assert!(!is_public("::ffff:127.0.0.1".parse().unwrap()));
    }

    #[test]
    fn signatures_follow_standard_webhooks() {
        // The example of the Standard Webhooks specification.
        let secret = Secret::parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let body = r#"{"test": 2432232314}"#;
        assert_eq!(
            secret.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
        );
        assert_eq!(Secret::parse(&secret.reveal()).unwrap(), secret);
        assert!(Secret::generate().reveal().starts_with("whsec_"));
        assert!(Secret::parse("whsec_short").is_err());
    }

    #[test]
    fn retries_back_off_over_about_a_day_then_stop() {
        let schedule = RetrySchedule::standard();
        assert_eq!(schedule.wait_after(1), Some(Duration::from_secs(5)));
        assert_eq!(schedule.wait_after(0), None);
        let total: Duration = (1..schedule.attempts()).filter_map(|n| schedule.wait_after(n)).sum();
        assert!(total > Duration::from_secs(20 * 3600) && total < Duration::from_secs(26 * 3600), "{total:?}");
        assert_eq!(schedule.wait_after(schedule.attempts()), None);
    }
}
