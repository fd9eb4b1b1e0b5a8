use std::fmt;
use std::sync::LazyLock;

use super::DomainError;

/// One sovereign state of the gazetteer (`data/countries.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub code: CountryCode,
    /// Short English name ("Kyrgyzstan").
    pub name: String,
    /// Other names the press uses ("Kyrgyz Republic").
    pub aliases: Vec<String>,
    /// Adjectives ("Kyrgyz", "Kyrgyzstani").
    pub adjectives: Vec<String>,
    /// Demonyms, singular ("Kyrgyz", "Kyrgyzstani").
    pub demonyms: Vec<String>,
    pub capital: Option<String>,
}

/// Every state, parsed once from the gazetteer embedded in the binary.
pub static COUNTRIES: LazyLock<Vec<Country>> =
    LazyLock::new(|| parse_gazetteer(include_str!("../../data/countries.tsv")));

fn parse_gazetteer(tsv: &str) -> Vec<Country> {
    let list = |field: &str| -> Vec<String> {
        field
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    tsv.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let col = |i: usize| cols.get(i).copied().unwrap_or("");
            let code = col(0).trim();
            Country {
                code: CountryCode(code_bytes(code).unwrap_or_else(|| {
                    panic!("data/countries.tsv: bad code {code:?}")
                })),
                name: col(1).trim().to_string(),
                aliases: list(col(2)),
                adjectives: list(col(3)),
                demonyms: list(col(4)),
                capital: Some(col(5).trim()).filter(|s| !s.is_empty()).map(String::from),
            }
        })
        .collect()
}

fn code_bytes(code: &str) -> Option<[u8; 2]> {
    match code.as_bytes() {
        [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => Some([*a, *b]),
        _ => None,
    }
}

/// An ISO 3166-1 alpha-2 code of a state in the gazetteer.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Accepts a known code in either case ("kg", "KG").
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let upper = raw.trim().to_ascii_uppercase();
        code_bytes(&upper)
            .map(CountryCode)
            .filter(|code| COUNTRIES.iter().any(|c| c.code == *code))
            .ok_or_else(|| {
                DomainError(format!(
                    "`{raw}` is not an ISO 3166-1 alpha-2 code of a known state (e.g. `CN`, `KG`)"
                ))
            })
    }

    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII uppercase letters by construction.
        std::str::from_utf8(&self.0).expect("ASCII")
    }

    pub fn country(&self) -> &'static Country {
        COUNTRIES
            .iter()
            .find(|c| c.code == *self)
            .expect("a CountryCode always names a gazetteer entry")
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountryCode({})", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_codes_in_any_case() {
        assert_eq!(CountryCode::parse("kg").unwrap().as_str(), "KG");
        assert_eq!(CountryCode::parse("CN").unwrap().country().name, "China");
    }

    #[test]
    fn rejects_unknown_and_malformed_codes() {
        for bad in ["XX", "K", "KGZ", "", "1A"] {
            assert!(CountryCode::parse(bad).is_err(), "{bad} should not parse");
        }
    }

    #[test]
    fn gazetteer_covers_every_state_once() {
        assert!(COUNTRIES.len() >= 193, "only {} states", COUNTRIES.len());
        let mut codes: Vec<_> = COUNTRIES.iter().map(|c| c.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), COUNTRIES.len(), "duplicate codes in gazetteer");
        assert!(COUNTRIES.iter().all(|c| !c.name.is_empty() && !c.adjectives.is_empty()));
    }
}
