//! JSON Lines records (one article per line) and whole JSON files (an object or an array of objects).

use std::io::BufRead;

use serde_json::{Map, Value};

use crate::{Format, RawDocument, ReadError, MAX_DOCUMENT_BYTES};

const TEXT_KEYS: [&str; 3] = ["text", "content", "body"];

/// Turns one JSON value into a document; `origin` names the record.
fn record_from_value(origin: String, value: Value) -> Result<RawDocument, ReadError> {
    let Value::Object(map) = value else {
        let kind = match value {
            Value::Array(_) => "an array",
            Value::String(_) => "a string",
            Value::Number(_) => "a number",
            Value::Bool(_) => "a boolean",
            _ => "null",
        };
        return Err(ReadError::new(
            origin,
            format!("expected a JSON object, found {kind}"),
        ));
    };
    record_from_map(origin, map)
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn record_from_map(origin: String, map: Map<String, Value>) -> Result<RawDocument, ReadError> {
    let text_key = TEXT_KEYS
        .iter()
        .copied()
        .find(|k| map.get(*k).is_some_and(|v| !v.is_null()));
    let text = match text_key.map(|k| &map[k]) {
        None => return Err(ReadError::new(origin, "no `text` field")),
        Some(Value::String(s)) => s.strip_prefix('\u{feff}').unwrap_or(s).to_string(),
        Some(_) => {
            let key = text_key.unwrap_or("text");
            return Err(ReadError::new(
                origin,
                format!("`{key}` field is not a string"),
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(ReadError::new(origin, "empty `text` field"));
    }
    let mut doc = RawDocument::empty(origin, Format::JsonLines);
    for (key, value) in &map {
        if Some(key.as_str()) == text_key {
            continue;
        }
        let shown = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        doc.meta.push((key.clone(), shown));
    }
    doc.id = map.get("id").and_then(scalar);
    doc.url = map.get("url").and_then(scalar);
    doc.title = map.get("title").and_then(scalar);
    doc.published_raw = ["published", "date"]
        .iter()
        .find_map(|k| map.get(*k).and_then(scalar));
    doc.published = doc.published_raw.as_deref().and_then(crate::parse_date);
    doc.text = text;
    Ok(doc)
}

/// Parses one line; `None` for a blank line.
fn read_line(origin: &str, line_no: usize, line: &str) -> Option<Result<RawDocument, ReadError>> {
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    if line.trim().is_empty() {
        return None;
    }
    let location = format!("{origin}:{line_no}");
    Some(match serde_json::from_str::<Value>(line) {
        Ok(value) => record_from_value(location, value),
        Err(e) => Err(ReadError::new(location, format!("malformed JSON: {e}"))),
    })
}

/// Reads JSON Lines held in memory.
pub(crate) fn read_json_lines(origin: &str, content: &str) -> Vec<Result<RawDocument, ReadError>> {
    content
        .split('\n')
        .enumerate()
        .filter_map(|(i, line)| read_line(origin, i + 1, line))
        .collect()
}

/// Reads content that should be JSON: JSON Lines when every non-blank line is an object,
/// else a single JSON object or array of objects (pretty-printed `.json` files),
/// else JSON Lines again so that the bad lines get reported.
pub(crate) fn read_json_any(origin: &str, content: &str) -> Vec<Result<RawDocument, ReadError>> {
    let all_lines_objects = content
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .all(|l| l.trim_start_matches('\u{feff}').starts_with('{') && l.ends_with('}'));
    if !all_lines_objects {
        match serde_json::from_str::<Value>(content) {
            Ok(Value::Array(items)) => {
                if items.is_empty() {
                    return vec![Err(ReadError::new(origin, "empty JSON array"))];
                }
                return items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| record_from_value(format!("{origin}[{i}]"), v))
                    .collect();
            }
            Ok(value) => return vec![record_from_value(origin.to_string(), value)],
            Err(_) => {}
        }
    }
    read_json_lines(origin, content)
}

/// Streams the records of a JSON Lines file without holding the whole file in memory.
pub(crate) struct JsonLinesStream<R> {
    origin: String,
    reader: R,
    line_no: usize,
    offset: u64,
    buf: Vec<u8>,
    done: bool,
    /// Whether any record or error came out; a file with neither is reported as empty.
    yielded: bool,
}

impl<R: BufRead> JsonLinesStream<R> {
    pub(crate) fn new(origin: String, reader: R) -> Self {
        JsonLinesStream {
            origin,
            reader,
            line_no: 0,
            offset: 0,
            buf: Vec::new(),
            done: false,
            yielded: false,
        }
    }

    /// Reads the next line into `buf`, at most `MAX_DOCUMENT_BYTES`; returns whether it was cut short.
    fn next_line(&mut self) -> std::io::Result<Option<bool>> {
        self.buf.clear();
        let limit = MAX_DOCUMENT_BYTES as u64 + 1;
        let n = std::io::Read::take(&mut self.reader, limit).read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
        }
        let too_long = self.buf.len() as u64 >= limit && self.buf.last() != Some(&b'\n');
        if too_long {
            // Skip the rest of the overlong line so that the next record can be read.
            let mut skipped = 0u64;
            loop {
                let chunk = self.reader.fill_buf()?;
                if chunk.is_empty() {
                    break;
                }
                match chunk.iter().position(|&b| b == b'\n') {
                    Some(p) => {
                        self.reader.consume(p + 1);
                        skipped += p as u64 + 1;
                        break;
                    }
                    None => {
                        let len = chunk.len();
                        self.reader.consume(len);
                        skipped += len as u64;
                    }
                }
            }
            self.offset += skipped;
        }
        Ok(Some(too_long))
    }
}

impl<R: BufRead> Iterator for JsonLinesStream<R> {
    type Item = Result<RawDocument, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.next_item();
        self.yielded |= item.is_some();
        item
    }
}

impl<R: BufRead> JsonLinesStream<R> {
    fn next_item(&mut self) -> Option<Result<RawDocument, ReadError>> {
        while !self.done {
            let start = self.offset;
            let too_long = match self.next_line() {
                Ok(Some(too_long)) => too_long,
                Ok(None) => {
                    self.done = true;
                    if self.yielded {
                        return None;
                    }
                    return Some(Err(ReadError::new(self.origin.clone(), "empty file")));
                }
                Err(e) => {
                    self.done = true;
                    let location = format!("{}:{}", self.origin, self.line_no + 1);
                    return Some(Err(ReadError::new(location, format!("cannot read: {e}"))));
                }
            };
            self.line_no += 1;
            self.offset += self.buf.len() as u64;
            let location = || format!("{}:{}", self.origin, self.line_no);
            if too_long {
                let message = format!("record too large (over {MAX_DOCUMENT_BYTES} bytes)");
                return Some(Err(ReadError::new(location(), message)));
            }
            let line = match std::str::from_utf8(&self.buf) {
                Ok(line) => line,
                Err(e) => {
                    let at = start + e.valid_up_to() as u64;
                    return Some(Err(ReadError::new(
                        location(),
                        format!("not valid UTF-8 at byte {at}"),
                    )));
                }
            };
            if let Some(item) = read_line(&self.origin, self.line_no, line) {
                return Some(item);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = concat!(
        "{\"id\": 7, \"url\": \"https://e.vn/a\", \"title\": \"T\", \"published\": \"2023-01-29T08:00:00+07:00\", \"text\": \"Một.\\nHai.\", \"tags\": [\"x\"]}\n",
        "\n",
        "{\"id\": \"b\", \"date\": \"29/01/2023\", \"content\": \"Ba.\"}\n",
        "{\"id\": \"c\", \"text\": \n",
        "{\"id\": \"d\", \"title\": \"no text\"}\n",
        "[1, 2]\n",
        "{\"body\": \"Bốn.\"}",
    );

    fn check_sample(items: &[Result<RawDocument, ReadError>]) {
        assert_eq!(items.len(), 6);
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.origin, "f.jsonl:1");
        assert_eq!(first.id.as_deref(), Some("7"));
        assert_eq!(first.url.as_deref(), Some("https://e.vn/a"));
        assert_eq!(first.title.as_deref(), Some("T"));
        assert_eq!(
            first.published,
            chrono::NaiveDate::from_ymd_opt(2023, 1, 29)
        );
        assert_eq!(first.text, "Một.\nHai.");
        assert!(first
            .meta
            .contains(&("tags".to_string(), "[\"x\"]".to_string())));
        assert!(!first.meta.iter().any(|(k, _)| k == "text"));
        let second = items[1].as_ref().unwrap();
        assert_eq!(second.origin, "f.jsonl:3");
        assert_eq!(second.text, "Ba.");
        assert_eq!(
            second.published,
            chrono::NaiveDate::from_ymd_opt(2023, 1, 29)
        );
        let err = items[2].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("f.jsonl:4: malformed JSON: "), "{err}");
        assert!(!err.contains('\n'));
        assert_eq!(
            items[3].as_ref().unwrap_err().to_string(),
            "f.jsonl:5: no `text` field"
        );
        assert_eq!(
            items[4].as_ref().unwrap_err().to_string(),
            "f.jsonl:6: expected a JSON object, found an array"
        );
        assert_eq!(items[5].as_ref().unwrap().text, "Bốn.");
        assert_eq!(items[5].as_ref().unwrap().origin, "f.jsonl:7");
    }

    #[test]
    fn in_memory() {
        check_sample(&read_json_lines("f.jsonl", SAMPLE));
    }

    #[test]
    fn streamed_matches_in_memory() {
        let items: Vec<_> = JsonLinesStream::new("f.jsonl".into(), SAMPLE.as_bytes()).collect();
        check_sample(&items);
    }

    #[test]
    fn streamed_bad_utf8_reports_offset_and_continues() {
        let mut bytes = b"{\"text\": \"a\"}\n{\"text\": \"".to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice(b"\"}\n{\"text\": \"c\"}\n");
        let items: Vec<_> = JsonLinesStream::new("f.jsonl".into(), &bytes[..]).collect();
        assert_eq!(items.len(), 3);
        assert_eq!(
            items[1].as_ref().unwrap_err().to_string(),
            "f.jsonl:2: not valid UTF-8 at byte 24"
        );
        assert_eq!(items[2].as_ref().unwrap().text, "c");
    }

    #[test]
    fn text_field_problems() {
        let items = read_json_lines(
            "f",
            "{\"text\": 3}\n{\"text\": \"  \"}\n{\"text\": null, \"body\": \"x\"}",
        );
        assert_eq!(
            items[0].as_ref().unwrap_err().to_string(),
            "f:1: `text` field is not a string"
        );
        assert_eq!(
            items[1].as_ref().unwrap_err().to_string(),
            "f:2: empty `text` field"
        );
        assert_eq!(items[2].as_ref().unwrap().text, "x");
    }

    #[test]
    fn whole_json_object_and_array() {
        let one = read_json_any("a.json", "{\n  \"title\": \"T\",\n  \"text\": \"x\"\n}\n");
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].as_ref().unwrap().origin, "a.json");
        let many = read_json_any("a.json", "[\n {\"text\": \"x\"},\n {\"text\": \"y\"}\n]");
        assert_eq!(many.len(), 2);
        assert_eq!(many[1].as_ref().unwrap().origin, "a.json[1]");
        let lines = read_json_any("a.json", "{\"text\": \"x\"}\n{\"text\": \"y\"}\n");
        assert_eq!(lines[1].as_ref().unwrap().origin, "a.json:2");
        let broken = read_json_any("a.json", "{\"text\": \"x\"}\n{oops\n");
        assert!(broken[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("a.json:2: malformed JSON"));
    }
}
