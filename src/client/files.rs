//! Which files to send and the articles in them: pure reading, no HTTP.

use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The kinds of file an article can come in, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.txt`: the whole file is one article's text.
    Text,
    /// `.json`: one article object, or an array of them.
    Json,
    /// `.ndjson`: one article object per line.
    Ndjson,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Text),
            "json" => Some(Format::Json),
            "ndjson" | "jsonl" => Some(Format::Ndjson),
            _ => None,
        }
    }
}

/// The files to send: files named as they are, folders walked recursively for
/// the files whose extension says what they hold, in name order so a run is
/// repeatable. A named file of another kind is an error; inside folders such
/// files are skipped.
pub fn discover(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        if meta.is_dir() {
            walk(path, &mut found)?;
        } else if Format::of(path).is_some() {
            found.push(path.clone());
        } else {
            anyhow::bail!("{}: not a .txt, .json or .ndjson file", path.display());
        }
    }
    Ok(found)
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, found)?;
        } else if Format::of(&path).is_some() {
            found.push(path);
        }
    }
    Ok(())
}

/// Where an item came from, for the summary: `a.txt`, `b.json[2]`, `c.ndjson:7`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: PathBuf,
    pub place: Place,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    WholeFile,
    /// Index into a JSON array, from 0.
    Element(usize),
    /// Line number, from 1.
    Line(usize),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        match self.place {
            Place::WholeFile => Ok(()),
            Place::Element(i) => write!(f, "[{i}]"),
            Place::Line(n) => write!(f, ":{n}"),
        }
    }
}

/// What a file yielded at one place.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// An article object to send, as the file has it; the server judges it.
    Article(Value),
    /// Not an article at all (malformed JSON, not UTF-8): rejected without sending.
    Invalid(String),
    /// The file could not be read: nothing of it was sent.
    Unreadable(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub origin: Origin,
    pub payload: Payload,
    /// Bytes of the file this item accounts for, for progress.
    pub size: u64,
}

/// Reads one file into its items.
pub fn read(path: &Path) -> Vec<Item> {
    let at = |place| Origin { file: path.to_path_buf(), place };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            let size = std::fs::metadata(path).map_or(0, |m| m.len());
            return vec![Item { origin: at(Place::WholeFile), payload: Payload::Unreadable(e.to_string()), size }];
        }
    };
    let size = bytes.len() as u64;
    match Format::of(path) {
        Some(Format::Text) => vec![Item { origin: at(Place::WholeFile), payload: text_article(bytes), size }],
        Some(Format::Json) => json_items(&bytes)
            .into_iter()
            .enumerate()
            .map(|(i, (place, payload))| Item { origin: at(place), payload, size: share(size, i) })
            .collect(),
        Some(Format::Ndjson) | None => ndjson_items(&bytes)
            .into_iter()
            .map(|(line, payload, size)| Item { origin: at(Place::Line(line)), payload, size })
            .collect(),
    }
}

/// A JSON file's bytes are counted against its first item.
fn share(size: u64, index: usize) -> u64 {
    if index == 0 {
        size
    } else {
        0
    }
}

fn text_article(bytes: Vec<u8>) -> Payload {
    match String::from_utf8(bytes) {
        Ok(text) => Payload::Article(serde_json::json!({ "text": text })),
        Err(_) => Payload::Invalid("the file is not UTF-8 text".into()),
    }
}

/// A `.json` file: one object is one item; an array is one item per element.
fn json_items(bytes: &[u8]) -> Vec<(Place, Payload)> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Array(values)) => {
            values.into_iter().enumerate().map(|(i, v)| (Place::Element(i), Payload::Article(v))).collect()
        }
        Ok(value) => vec![(Place::WholeFile, Payload::Article(value))],
        Err(e) => vec![(Place::WholeFile, Payload::Invalid(format!("not JSON: {e}")))],
    }
}

/// An `.ndjson` file: each non-blank line is one item, with its line number and size.
fn ndjson_items(bytes: &[u8]) -> Vec<(usize, Payload, u64)> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.trim_ascii().is_empty())
        .map(|(i, line)| {
            let payload = match serde_json::from_slice::<Value>(line) {
                Ok(value) => Payload::Article(value),
                Err(e) => Payload::Invalid(format!("this line is not JSON: {e}")),
            };
            (i + 1, payload, line.len() as u64)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A scratch folder of its own for each test, removed afterwards.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!("readout-files-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }

        fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
            let path = self.0.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
            path
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn folders_are_walked_recursively_in_name_order_keeping_known_kinds() {
        let dir = Scratch::new("walk");
        let b = dir.write("b.txt", b"B");
        let a = dir.write("sub/deeper/a.ndjson", b"{}");
        let c = dir.write("c.JSON", b"{}");
        dir.write("notes.md", b"skipped");
        let found = discover(std::slice::from_ref(&dir.0)).unwrap();
        assert_eq!(found, vec![b, c, a]);
    }

    #[test]
    fn a_named_file_of_an_unknown_kind_or_a_missing_path_is_an_error() {
        let dir = Scratch::new("named");
        let md = dir.write("notes.md", b"x");
        assert!(discover(&[md]).unwrap_err().to_string().contains("not a .txt"));
        assert!(discover(&[dir.0.join("missing")]).is_err());
    }

    #[test]
    fn a_text_file_is_one_article_and_non_utf8_is_invalid() {
        let dir = Scratch::new("text");
        let items = read(&dir.write("a.txt", "Ünïcode text.".as_bytes()));
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].payload, Payload::Article(json!({"text": "Ünïcode text."})));
        assert_eq!(items[0].size, "Ünïcode text.".len() as u64);
        let bad = read(&dir.write("b.txt", &[0xff, 0xfe, b'a']));
        assert!(matches!(&bad[0].payload, Payload::Invalid(reason) if reason.contains("UTF-8")));
    }

    #[test]
    fn a_json_file_is_an_object_or_an_array_of_them() {
        let dir = Scratch::new("json");
        let one = read(&dir.write("one.json", br#"{"text": "x", "source": "S"}"#));
        assert_eq!(one[0].payload, Payload::Article(json!({"text": "x", "source": "S"})));
        assert_eq!(one[0].origin.to_string(), dir.0.join("one.json").display().to_string());
        let array = br#"[{"text": "a"}, {"text": "b"}, 3]"#;
        let many = read(&dir.write("many.json", array));
        assert_eq!(many.len(), 3);
        assert_eq!(many[2].payload, Payload::Article(json!(3)), "the server judges what is not an article");
        assert!(many[1].origin.to_string().ends_with("many.json[1]"));
        assert_eq!(many.iter().map(|i| i.size).sum::<u64>(), array.len() as u64, "the file's bytes are counted once");
        let broken = read(&dir.write("broken.json", b"[{"));
        assert!(matches!(&broken[0].payload, Payload::Invalid(reason) if reason.starts_with("not JSON")));
    }

    #[test]
    fn ndjson_lines_are_items_numbered_from_one_and_blank_lines_are_skipped() {
        let dir = Scratch::new("ndjson");
        let items = read(&dir.write("a.ndjson", b"{\"text\": \"a\"}\n\n{broken\n{\"text\": \"c\"}"));
        let places: Vec<String> = items.iter().map(|i| i.origin.to_string().rsplit('/').next().unwrap().to_string()).collect();
        assert_eq!(places, vec!["a.ndjson:1", "a.ndjson:3", "a.ndjson:4"]);
        assert!(matches!(items[1].payload, Payload::Invalid(_)));
        assert_eq!(items[2].payload, Payload::Article(json!({"text": "c"})));
        assert_eq!(items.iter().map(|i| i.size).sum::<u64>(), 14 + 8 + 13);
    }

    #[test]
    fn an_unreadable_file_is_one_unreadable_item() {
        let items = read(Path::new("/nonexistent/readout/a.txt"));
        assert!(matches!(items[0].payload, Payload::Unreadable(_)));
    }
}
