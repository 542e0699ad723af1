//! Input readers of sukien: plain text with a `# key = value` header, JSON Lines (and JSON),
//! and HTML pages, from files, folders (recursively, in sorted order) and stdin.
//!
//! Every bad input becomes a one-line [`ReadError`] naming the file (and line or byte);
//! reading then goes on with the next input. Nothing here panics on any input.

mod date;
mod html;
mod jsonl;
mod text;

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use date::parse_date;

/// Documents (files, JSON records, stdin) larger than this are refused.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// How many leading bytes are inspected to recognise binary files.
const BINARY_SNIFF_BYTES: usize = 8 * 1024;

/// File extensions (lowercase) read when walking a folder.
pub const FOLDER_EXTENSIONS: [&str; 8] = [
    "txt", "text", "md", "jsonl", "ndjson", "json", "html", "htm",
];

/// The format a document was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    Text,
    JsonLines,
    Html,
}

/// One article as read from the input, before any linguistic processing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDocument {
    /// Path as given joined with the path inside a folder; `-` for stdin;
    /// JSON Lines records get `:LINE` (1-based), elements of a JSON array `[INDEX]` (0-based).
    pub origin: String,
    pub format: Format,
    pub id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<chrono::NaiveDate>,
    /// The publication date exactly as found in the metadata.
    pub published_raw: Option<String>,
    /// Every metadata key/value as given (text header lines, JSON fields other than the text,
    /// HTML `<meta>` tags and the canonical link).
    pub meta: Vec<(String, String)>,
    /// The article text: for text files everything after the header, unchanged;
    /// for HTML the main text, one paragraph per line.
    pub text: String,
}

impl RawDocument {
    /// A document with no metadata and no text yet.
    pub fn empty(origin: impl Into<String>, format: Format) -> Self {
        RawDocument {
            origin: origin.into(),
            format,
            id: None,
            url: None,
            title: None,
            published: None,
            published_raw: None,
            meta: Vec::new(),
            text: String::new(),
        }
    }

    /// Fills `id`, `url`, `title` and the publication date from `meta` (first non-empty value wins).
    fn fill_from_meta(&mut self) {
        for (key, value) in &self.meta {
            if value.is_empty() {
                continue;
            }
            let slot = match key.to_ascii_lowercase().as_str() {
                "id" | "doc_id" | "docid" => &mut self.id,
                "url" | "link" => &mut self.url,
                "title" => &mut self.title,
                "date" | "published" => &mut self.published_raw,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(value.clone());
            }
        }
        self.published = self.published_raw.as_deref().and_then(parse_date);
    }
}

/// A problem with one input; reading goes on with the next one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct ReadError {
    /// `path`, `path:LINE` (JSON Lines) or `path[INDEX]` (JSON arrays).
    pub location: String,
    pub message: String,
}

impl ReadError {
    /// Builds an error; line breaks in the message are flattened so that it stays on one line.
    pub fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        let message: String = message.into();
        let message = if message.contains(['\n', '\r']) {
            message
                .split(['\n', '\r'])
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            message
        };
        ReadError {
            location: location.into(),
            message,
        }
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    }
}

fn extension_format(path: &str) -> Option<Format> {
    let ext = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" | "md" => Some(Format::Text),
        "jsonl" | "ndjson" | "json" => Some(Format::JsonLines),
        "html" | "htm" => Some(Format::Html),
        _ => None,
    }
}

/// Line-per-record files are streamed rather than read whole.
fn is_streamed_json_lines(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

/// Recognises binary content from its first bytes: a NUL byte, or mostly control bytes.
fn binary_reason(bytes: &[u8]) -> Option<String> {
    let sample = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
    if let Some(at) = sample.iter().position(|&b| b == 0) {
        return Some(format!("binary file (NUL byte at byte {at})"));
    }
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)) || b == 0x7f)
        .count();
    (!sample.is_empty() && controls * 10 > sample.len() * 3).then(|| {
        format!(
            "binary file ({controls} control bytes in the first {} bytes)",
            sample.len()
        )
    })
}

fn sniff_format(content: &str) -> Format {
    if html::looks_like_html(content) {
        return Format::Html;
    }
    let start = content.trim_start();
    let every_line_object = || {
        content
            .lines()
            .map(str::trim_start)
            .filter(|l| !l.is_empty())
            .all(|l| l.starts_with('{'))
    };
    if start.starts_with('{') && every_line_object() {
        return Format::JsonLines;
    }
    // A pretty-printed JSON object or array is JSON only if it parses as a whole.
    if (start.starts_with('{') || start.starts_with('['))
        && matches!(
            serde_json::from_str::<serde_json::Value>(content),
            Ok(serde_json::Value::Object(_) | serde_json::Value::Array(_))
        )
    {
        return Format::JsonLines;
    }
    Format::Text
}

/// Reads the documents held in `bytes`. The format is `hint`, else given by the extension of
/// `origin`, else sniffed from the content. Used for stdin and in tests.
pub fn read_bytes(
    origin: &str,
    bytes: &[u8],
    hint: Option<Format>,
) -> Vec<Result<RawDocument, ReadError>> {
    let fail = |message: String| vec![Err(ReadError::new(origin, message))];
    if bytes.is_empty() {
        return fail("empty file".to_string());
    }
    if let Some(reason) = binary_reason(bytes) {
        return fail(reason);
    }
    const BOM: &str = "\u{feff}";
    let body = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes);
    let bom_len = bytes.len() - body.len();
    let content = match std::str::from_utf8(body) {
        Ok(content) => content,
        Err(e) => {
            return fail(format!(
                "not valid UTF-8 at byte {}",
                bom_len + e.valid_up_to()
            ))
        }
    };
    if content.trim().is_empty() {
        return fail("empty file".to_string());
    }
    let format = hint
        .or_else(|| extension_format(origin))
        .unwrap_or_else(|| sniff_format(content));
    // JSON Lines are limited per record; other formats are one document each.
    if format != Format::JsonLines && bytes.len() > MAX_DOCUMENT_BYTES {
        return fail(format!(
            "document too large ({} bytes, limit {MAX_DOCUMENT_BYTES})",
            bytes.len()
        ));
    }
    match format {
        Format::Text => vec![text::read_text(origin, content)],
        Format::Html => vec![html::read_html(origin, content)],
        Format::JsonLines => {
            let records = jsonl::read_json_any(origin, content);
            let too_large = |r: &RawDocument| r.text.len() > MAX_DOCUMENT_BYTES;
            records
                .into_iter()
                .map(|r| match r {
                    Ok(doc) if too_large(&doc) => Err(ReadError::new(
                        doc.origin,
                        format!("record too large (over {MAX_DOCUMENT_BYTES} bytes)"),
                    )),
                    other => other,
                })
                .collect()
        }
    }
}

/// Whether a file met while walking a folder is read: visible, with a known extension.
fn wanted_in_folder(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| FOLDER_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0
        && entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with('.'))
}

type Walker = walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>;

/// Lazily expands the inputs into documents and errors.
struct Inputs {
    inputs: std::vec::IntoIter<PathBuf>,
    walker: Option<Walker>,
    stream: Option<jsonl::JsonLinesStream<BufReader<File>>>,
    pending: VecDeque<Result<RawDocument, ReadError>>,
}

impl Inputs {
    /// Reads one file, queuing its documents (or starting a stream for JSON Lines).
    fn open_file(&mut self, path: &Path) {
        let origin = path.display().to_string();
        let fail = |message: String| Err(ReadError::new(origin.clone(), message));
        let mut file = match File::open(path) {
            Ok(file) => file,
            Err(e) => return self.pending.push_back(fail(io_message(&e))),
        };
        if is_streamed_json_lines(path) {
            let mut reader = BufReader::with_capacity(64 * 1024, file);
            match reader.fill_buf() {
                Ok(head) => {
                    if let Some(reason) = binary_reason(head) {
                        return self.pending.push_back(fail(reason));
                    }
                }
                Err(e) => return self.pending.push_back(fail(io_message(&e))),
            }
            self.stream = Some(jsonl::JsonLinesStream::new(origin, reader));
            return;
        }
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        if len > MAX_DOCUMENT_BYTES as u64 && extension_format(&origin) != Some(Format::JsonLines) {
            let message = format!("document too large ({len} bytes, limit {MAX_DOCUMENT_BYTES})");
            return self.pending.push_back(fail(message));
        }
        let mut bytes = Vec::new();
        if let Err(e) = file.read_to_end(&mut bytes) {
            return self.pending.push_back(fail(io_message(&e)));
        }
        self.pending.extend(read_bytes(&origin, &bytes, None));
    }

    fn open_input(&mut self, input: &Path) {
        if input.as_os_str() == "-" {
            let mut bytes = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut bytes) {
                Ok(_) => self.pending.extend(read_bytes("-", &bytes, None)),
                Err(e) => self
                    .pending
                    .push_back(Err(ReadError::new("-", io_message(&e)))),
            }
            return;
        }
        match std::fs::metadata(input) {
            Ok(meta) if meta.is_dir() => {
                let walker = walkdir::WalkDir::new(input)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry((|e| !is_hidden(e)) as fn(&walkdir::DirEntry) -> bool);
                self.walker = Some(walker);
            }
            // Files named explicitly are read whatever their extension; the content decides.
            Ok(_) => self.open_file(input),
            Err(e) => self.pending.push_back(Err(ReadError::new(
                input.display().to_string(),
                io_message(&e),
            ))),
        }
    }
}

fn walk_error(e: &walkdir::Error) -> ReadError {
    let location = e
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "?".to_string());
    let message = match (e.loop_ancestor(), e.io_error()) {
        (Some(ancestor), _) => format!("symbolic link loop to {}", ancestor.display()),
        (None, Some(io)) => io_message(io),
        (None, None) => e.to_string(),
    };
    ReadError::new(location, message)
}

impl Iterator for Inputs {
    type Item = Result<RawDocument, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if let Some(stream) = &mut self.stream {
                match stream.next() {
                    Some(item) => return Some(item),
                    None => self.stream = None,
                }
                continue;
            }
            if let Some(walker) = &mut self.walker {
                match walker.next() {
                    Some(Ok(entry)) => {
                        if entry.file_type().is_file() && wanted_in_folder(entry.path()) {
                            self.open_file(entry.path());
                        }
                    }
                    Some(Err(e)) => return Some(Err(walk_error(&e))),
                    None => self.walker = None,
                }
                continue;
            }
            let input = self.inputs.next()?;
            self.open_input(&input);
        }
    }
}

/// Expands the inputs (files, folders recursively in sorted order, `-` for stdin) and yields
/// documents or errors lazily, in order. A bad input yields an error and the iteration goes on
/// with the next one.
pub fn read_inputs(inputs: &[PathBuf]) -> impl Iterator<Item = Result<RawDocument, ReadError>> {
    // The iterator owns its inputs so that it does not borrow the caller's slice.
    #[allow(clippy::unnecessary_to_owned)]
    let inputs = inputs.to_vec().into_iter();
    Inputs {
        inputs,
        walker: None,
        stream: None,
        pending: VecDeque::new(),
    }
}

#[cfg(test)]
mod tests;
