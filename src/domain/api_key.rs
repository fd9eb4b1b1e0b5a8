//! API keys and the scopes they grant. A key is `ro_<prefix>_<secret>`: the
//! 8-character prefix is public (it finds the key's row and names it in
//! listings), the secret is 32 random bytes. Only the SHA-256 of the whole key
//! is stored, so a copy of the database cannot be used to call the API.

use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::DomainError;

/// What a key may do. Each scope includes the ones below it:
/// `read` < `write` < `admin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// Read everything (needed for reads only with `--require-auth-for-reads`).
    Read,
    /// Also ingest articles.
    Write,
    /// Also delete articles, manage topics and reprocess.
    Admin,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::Read, Scope::Write, Scope::Admin];

    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        Scope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == raw)
            .ok_or_else(|| DomainError(format!("`{raw}` is not a scope: use read, write or admin")))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
            Scope::Admin => "admin",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = DomainError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        Scope::parse(raw)
    }
}

const MARK: &str = "ro_";
const PREFIX_BYTES: usize = 4;
const SECRET_BYTES: usize = 32;
/// How many random bytes a new key takes.
pub const KEY_ENTROPY: usize = PREFIX_BYTES + SECRET_BYTES;

/// A whole API key as a client sends it. Its `Debug` hides the secret, so a
/// key that ends up in a log line or a panic message gives nothing away.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey {
    text: String,
    prefix_len: usize,
}

impl ApiKey {
    /// A new key from fresh random bytes (the caller draws them from a CSPRNG).
    pub fn from_random(random: &[u8; KEY_ENTROPY]) -> Self {
        let (prefix, secret) = random.split_at(PREFIX_BYTES);
        let prefix: String = prefix.iter().map(|b| format!("{b:02x}")).collect();
        let text = format!("{MARK}{prefix}_{}", URL_SAFE_NO_PAD.encode(secret));
        ApiKey { text, prefix_len: prefix.len() }
    }

    /// A key as received; anything that is not shaped like one of ours is refused
    /// before the database is asked.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let refuse = || DomainError("the API key is malformed: keys look like `ro_<prefix>_<secret>`".into());
        let (prefix, secret) = raw.strip_prefix(MARK).and_then(|rest| rest.split_once('_')).ok_or_else(refuse)?;
        let prefix_ok = prefix.len() == 2 * PREFIX_BYTES && prefix.bytes().all(|b| b.is_ascii_hexdigit());
        let secret_ok = URL_SAFE_NO_PAD.decode(secret).is_ok_and(|bytes| bytes.len() == SECRET_BYTES);
        if !(prefix_ok && secret_ok) {
            return Err(refuse());
        }
        Ok(ApiKey { text: raw.to_string(), prefix_len: prefix.len() })
    }

    /// The public part that finds the key's row ("3f9a0c1d").
    pub fn prefix(&self) -> &str {
        &self.text[MARK.len()..MARK.len() + self.prefix_len]
    }

    /// What is stored in place of the key.
    pub fn hash(&self) -> [u8; 32] {
        Sha256::digest(self.text.as_bytes()).into()
    }

    /// Whether this key is the one whose hash was stored, compared in constant
    /// time so response timing says nothing about how close a guess was.
    pub fn matches(&self, stored_hash: &[u8]) -> bool {
        stored_hash.len() == 32 && bool::from(self.hash().as_slice().ct_eq(stored_hash))
    }

    /// The key itself, to show once to whoever created it.
    pub fn reveal(&self) -> &str {
        &self.text
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({MARK}{}_…)", self.prefix())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_ordered_and_parse_their_names() {
        assert!(Scope::Read < Scope::Write && Scope::Write < Scope::Admin);
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.as_str()), Ok(scope));
        }
        assert!(Scope::parse("root").unwrap_err().0.contains("read, write or admin"));
    }

    #[test]
    fn a_new_key_parses_back_and_matches_only_its_own_hash() {
        let key = ApiKey::from_random(&[7; KEY_ENTROPY]);
        assert_eq!(key.prefix(), "07070707");
        assert!(key.reveal().starts_with("ro_07070707_"));
        let parsed = ApiKey::parse(key.reveal()).unwrap();
        assert_eq!(parsed.prefix(), key.prefix());
        assert!(parsed.matches(&key.hash()));
        let other = ApiKey::from_random(&[8; KEY_ENTROPY]);
        assert!(!other.matches(&key.hash()));
        assert!(!key.matches(&key.hash()[..31]));
    }

    #[test]
    fn a_secret_with_underscores_still_parses() {
        // base64url uses `_`; only the first one after the prefix separates.
        let key = ApiKey::from_random(&[0xff; KEY_ENTROPY]);
        assert!(key.reveal()[12..].contains('_'), "{}", key.reveal());
        assert_eq!(ApiKey::parse(key.reveal()).unwrap(), key);
    }

    #[test]
    fn malformed_keys_are_refused() {
        for raw in ["", "ro_", "ro_1234567_abc", "xx_07070707_BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc", "ro_0707070g_BwcH"] {
            assert!(ApiKey::parse(raw).is_err(), "{raw}");
        }
    }

    #[test]
    fn debug_hides_the_secret() {
        let key = ApiKey::from_random(&[7; KEY_ENTROPY]);
        let shown = format!("{key:?}");
        assert!(!shown.contains(&key.reveal()[12..]), "{shown}");
    }
}
