//! Plain text articles with an optional leading `# key = value` header.

use crate::{Format, RawDocument, ReadError};

/// Splits a `# key = value` header line; `None` means the line is not a header line.
fn header_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('#')?;
    let (key, value) = rest.split_once('=')?;
    let key = key.trim();
    let is_key = !key.is_empty()
        && key.len() <= 64
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'));
    is_key.then(|| (key, value.trim()))
}

/// Reads a text document. `content` has its BOM stripped already and is not blank.
pub(crate) fn read_text(origin: &str, content: &str) -> Result<RawDocument, ReadError> {
    let mut meta = Vec::new();
    let mut body_start = 0;
    for line in content.split_inclusive('\n') {
        let bare = line.trim_end_matches('\n').trim_end_matches('\r');
        match header_line(bare) {
            Some((key, value)) => {
                meta.push((key.to_string(), value.to_string()));
                body_start += line.len();
            }
            None => break,
        }
    }
    let text = &content[body_start..];
    if !meta.is_empty() && text.trim().is_empty() {
        return Err(ReadError::new(origin, "no text after the metadata header"));
    }
    let mut doc = RawDocument::empty(origin, Format::Text);
    doc.text = text.to_string();
    doc.meta = meta;
    doc.fill_from_meta();
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines() {
        assert_eq!(header_line("# url = http://x"), Some(("url", "http://x")));
        assert_eq!(header_line("#date=20201001"), Some(("date", "20201001")));
        assert_eq!(header_line("# a = b = c"), Some(("a", "b = c")));
        assert_eq!(header_line("# Tin nóng = hay"), None);
        assert_eq!(header_line("# just a heading"), None);
        assert_eq!(header_line("url = x"), None);
        assert_eq!(header_line("# = x"), None);
    }

    #[test]
    fn header_and_body() {
        let doc = read_text(
            "a.txt",
            "# doc_id = n1\r\n# url = https://e.vn/a.htm\n# date = 20201001\n# source = Dân trí\nTiêu đề\nĐoạn một.\n",
        )
        .unwrap();
        assert_eq!(doc.id.as_deref(), Some("n1"));
        assert_eq!(doc.url.as_deref(), Some("https://e.vn/a.htm"));
        assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2020, 10, 1));
        assert_eq!(doc.published_raw.as_deref(), Some("20201001"));
        assert_eq!(doc.text, "Tiêu đề\nĐoạn một.\n");
        assert_eq!(doc.meta.len(), 4);
        assert_eq!(doc.meta[3], ("source".to_string(), "Dân trí".to_string()));
    }

    #[test]
    fn non_header_hash_line_ends_header() {
        let doc = read_text("a.txt", "# title = T\n# Phần 1\n# url = x\nbody").unwrap();
        assert_eq!(doc.title.as_deref(), Some("T"));
        assert_eq!(doc.url, None);
        assert_eq!(doc.text, "# Phần 1\n# url = x\nbody");
    }

    #[test]
    fn header_only_is_an_error() {
        let err = read_text("a.txt", "# url = x\n\n  \n").unwrap_err();
        assert_eq!(err.to_string(), "a.txt: no text after the metadata header");
    }

    #[test]
    fn unparseable_date_keeps_raw() {
        let doc = read_text("a.txt", "# published = hôm qua\nbody").unwrap();
        assert_eq!(doc.published, None);
        assert_eq!(doc.published_raw.as_deref(), Some("hôm qua"));
    }
}
