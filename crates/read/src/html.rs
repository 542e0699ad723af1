//! HTML pages: main text via dom_smoothie, metadata from `<meta>`, `<link>`, `<time>` and JSON-LD.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::LazyLock;

use dom_query::{Document, Matcher};
use dom_smoothie::{Config, Readability, TextMode};

use crate::{Format, RawDocument, ReadError};

// Selectors are compiled once: reading many pages must not recompile them per page.
fn matcher(selector: &str) -> Matcher {
    Matcher::new(selector).unwrap_or_else(|_| unreachable!("constant selector {selector} is valid"))
}
static META: LazyLock<Matcher> = LazyLock::new(|| matcher("meta"));
static LINK: LazyLock<Matcher> = LazyLock::new(|| matcher("link"));
static TITLE: LazyLock<Matcher> = LazyLock::new(|| matcher("title"));
static H1: LazyLock<Matcher> = LazyLock::new(|| matcher("h1"));
static TIME: LazyLock<Matcher> = LazyLock::new(|| matcher("time[datetime]"));
static JSON_LD: LazyLock<Matcher> = LazyLock::new(|| matcher("script[type]"));
static BODY: LazyLock<Matcher> = LazyLock::new(|| matcher("body"));
static BOILERPLATE: LazyLock<Matcher> = LazyLock::new(|| {
    matcher("script, style, noscript, template, nav, aside, iframe, svg, button, select")
});
static HEADER_FOOTER: LazyLock<Matcher> = LazyLock::new(|| matcher("header, footer"));

/// Metadata names (lowercased `property`, `name` or `itemprop`) that carry the publication time, best first.
const PUBLISHED_KEYS: [&str; 8] = [
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "date",
];

/// Sniffs HTML: the content starts with a tag and its beginning mentions `<html` or a doctype.
pub(crate) fn looks_like_html(content: &str) -> bool {
    let start = content.trim_start();
    if !start.starts_with('<') {
        return false;
    }
    let mut end = start.len().min(1024);
    while !start.is_char_boundary(end) {
        end -= 1;
    }
    let head = start[..end].to_ascii_lowercase();
    head.contains("<!doctype html") || head.contains("<html")
}

/// Collapses extracted text into trimmed, non-empty lines, one paragraph per line.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// Finds `datePublished` anywhere in a JSON-LD value (also inside `@graph` and arrays).
fn json_ld_date(value: &serde_json::Value, depth: usize) -> Option<String> {
    if depth > 16 {
        return None;
    }
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(s)) = map.get("datePublished") {
                return Some(s.clone());
            }
            map.values().find_map(|v| json_ld_date(v, depth + 1))
        }
        serde_json::Value::Array(items) => items.iter().find_map(|v| json_ld_date(v, depth + 1)),
        _ => None,
    }
}

/// What the page says about itself, read before dom_smoothie rewrites the tree.
#[derive(Default)]
struct PageMeta {
    meta: Vec<(String, String)>,
    canonical: Option<String>,
    og_url: Option<String>,
    og_title: Option<String>,
    head_title: Option<String>,
    h1: Option<String>,
    published_candidates: Vec<String>,
}

fn page_meta(doc: &Document) -> PageMeta {
    let mut page = PageMeta::default();
    let mut published: Vec<(usize, String)> = Vec::new();
    for node in doc.select_matcher(&META).nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = content.trim();
        let key = ["property", "name", "itemprop", "http-equiv"]
            .iter()
            .find_map(|a| node.attr(a));
        let Some(key) = key else { continue };
        if content.is_empty() {
            continue;
        }
        let lower = key.to_ascii_lowercase();
        match lower.as_str() {
            "og:url" if page.og_url.is_none() => page.og_url = Some(content.to_string()),
            "og:title" if page.og_title.is_none() => page.og_title = non_empty(content),
            _ => {}
        }
        if let Some(rank) = PUBLISHED_KEYS.iter().position(|k| *k == lower) {
            published.push((rank, content.to_string()));
        }
        page.meta.push((key.to_string(), content.to_string()));
    }
    for node in doc.select_matcher(&LINK).nodes() {
        let is_canonical = node.attr("rel").is_some_and(|rel| {
            rel.split_whitespace()
                .any(|r| r.eq_ignore_ascii_case("canonical"))
        });
        if let (true, Some(href)) = (is_canonical, node.attr("href")) {
            let href = href.trim();
            if !href.is_empty() && page.canonical.is_none() {
                page.canonical = Some(href.to_string());
                page.meta.push(("canonical".to_string(), href.to_string()));
            }
        }
    }
    // A stable sort keeps document order among equally ranked tags.
    published.sort_by_key(|(rank, _)| *rank);
    page.published_candidates
        .extend(published.into_iter().map(|(_, v)| v));
    for node in doc.select_matcher(&JSON_LD).nodes() {
        let is_ld = node
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            continue;
        }
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(node.text().trim()) {
            if let Some(date) = json_ld_date(&value, 0) {
                page.published_candidates.push(date);
            }
        }
    }
    for node in doc.select_matcher(&TIME).nodes() {
        if let Some(dt) = node.attr("datetime") {
            if !dt.trim().is_empty() {
                page.published_candidates.push(dt.trim().to_string());
            }
        }
    }
    page.head_title = doc
        .select_matcher(&TITLE)
        .nodes()
        .first()
        .and_then(|n| non_empty(&n.text()));
    page.h1 = doc
        .select_matcher(&H1)
        .nodes()
        .first()
        .and_then(|n| non_empty(&n.text()));
    page
}

/// Removes navigation and page furniture. Headers and footers inside an `<article>` belong to
/// the article (title, byline), so only the page-level ones go.
fn strip_boilerplate(doc: &Document) {
    doc.select_matcher(&BOILERPLATE).remove();
    for node in doc.select_matcher(&HEADER_FOOTER).nodes() {
        if !node.ancestors_it(None).any(|a| a.has_name("article")) {
            node.remove_from_parent();
        }
    }
}

/// Main text by readability scoring; `None` when dom_smoothie finds nothing (or fails).
fn main_text(doc: Document) -> Option<(String, Option<String>, Option<String>)> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    // dom_smoothie is third-party code run on untrusted pages: a panic there must not end the run.
    let article = catch_unwind(AssertUnwindSafe(move || {
        let mut readability = Readability::with_document(doc, None, Some(config)).ok()?;
        readability.parse().ok()
    }))
    .ok()??;
    let text = paragraphs(&article.text_content);
    if text.is_empty() {
        return None;
    }
    Some((text, non_empty(&article.title), article.published_time))
}

/// Text of `<body>` without scripts, navigation, headers and footers.
fn fallback_text(html: &str) -> String {
    let doc = Document::from(html);
    strip_boilerplate(&doc);
    let body = doc.select_matcher(&BODY);
    let text = if body.exists() {
        body.formatted_text()
    } else {
        doc.formatted_text()
    };
    paragraphs(&text)
}

pub(crate) fn read_html(origin: &str, html: &str) -> Result<RawDocument, ReadError> {
    let doc = Document::from(html);
    let page = page_meta(&doc);
    strip_boilerplate(&doc);
    let (text, article_title, article_published) = match main_text(doc) {
        Some((text, title, published)) => (text, title, published),
        None => (fallback_text(html), None, None),
    };
    if text.is_empty() {
        return Err(ReadError::new(origin, "no text found in the HTML page"));
    }
    let mut out = RawDocument::empty(origin, Format::Html);
    out.text = text;
    out.url = page.canonical.or(page.og_url);
    out.title = page
        .og_title
        .or(article_title)
        .or(page.head_title)
        .or(page.h1);
    let mut candidates = page.published_candidates;
    candidates.extend(article_published);
    out.published = candidates.iter().find_map(|c| crate::parse_date(c));
    out.published_raw = candidates
        .iter()
        .find(|c| crate::parse_date(c).is_some())
        .or(candidates.first())
        .cloned();
    out.meta = page.meta;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="vi"><head>
<title>Hà Nội mở rộng đường vành đai - Báo Mẫu</title>
<meta property="og:title" content="Hà Nội mở rộng đường vành đai">
<meta property="og:url" content="https://bao.example.vn/og-url.html">
<link rel="canonical" href="https://bao.example.vn/ha-noi-mo-rong.html">
<meta property="article:published_time" content="2023-01-29T08:15:00+07:00">
<meta name="description" content="Tóm tắt">
<style>body { color: red }</style>
</head><body>
<header><nav><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a> <a href="/the-gioi">Thế giới</a></nav></header>
<article>
<h1>Hà Nội mở rộng đường vành đai</h1>
<p>Ngày 29/1, Ủy ban nhân dân thành phố Hà Nội đã phê duyệt dự án mở rộng đường vành đai ba, với tổng vốn đầu tư hơn mười nghìn tỷ đồng, dự kiến hoàn thành trong ba năm tới theo kế hoạch đã đề ra.</p>
<p>Theo lãnh đạo Sở Giao thông vận tải, dự án sẽ giúp giảm ùn tắc giao thông tại các cửa ngõ phía nam thành phố, đồng thời kết nối các khu đô thị mới đang hình thành ở khu vực ngoại thành.</p>
<p>Người dân trong khu vực dự án đã được thông báo về kế hoạch giải phóng mặt bằng, và chính quyền cam kết hỗ trợ tái định cư đầy đủ cho các hộ gia đình bị ảnh hưởng bởi công trình.</p>
</article>
<footer>Bản quyền thuộc về Báo Mẫu. Liên hệ quảng cáo.</footer>
<script>var x = "không phải nội dung";</script>
</body></html>"#;

    #[test]
    fn article_page() {
        let doc = read_html("p.html", PAGE).unwrap();
        assert_eq!(doc.format, Format::Html);
        assert_eq!(
            doc.url.as_deref(),
            Some("https://bao.example.vn/ha-noi-mo-rong.html")
        );
        assert_eq!(doc.title.as_deref(), Some("Hà Nội mở rộng đường vành đai"));
        assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2023, 1, 29));
        assert_eq!(
            doc.published_raw.as_deref(),
            Some("2023-01-29T08:15:00+07:00")
        );
        assert!(doc.text.contains("phê duyệt dự án"), "{}", doc.text);
        assert!(doc.text.contains("\nTheo lãnh đạo Sở"), "{}", doc.text);
        assert!(!doc.text.contains("Trang chủ"), "{}", doc.text);
        assert!(!doc.text.contains("Bản quyền"), "{}", doc.text);
        assert!(!doc.text.contains("color: red"), "{}", doc.text);
        assert!(!doc.text.contains("\n\n"));
        assert!(doc
            .meta
            .contains(&("description".to_string(), "Tóm tắt".to_string())));
    }

    #[test]
    fn short_page_falls_back_to_body_text() {
        let html = "<html><head><title>T</title></head><body><nav>Menu</nav><h1>Tiêu đề</h1><p>Một câu.</p>\
                    <time datetime=\"2022-05-04\">4/5</time><footer>Chân trang</footer></body></html>";
        let doc = read_html("p.html", html).unwrap();
        assert!(doc.text.contains("Một câu."), "{}", doc.text);
        assert!(!doc.text.contains("Menu"));
        assert!(!doc.text.contains("Chân trang"));
        assert_eq!(doc.title.as_deref(), Some("T"));
        assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2022, 5, 4));
    }

    #[test]
    fn json_ld_and_pubdate() {
        let html = r#"<html><head><script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2021-03-02T10:00:00+07:00"}]}</script>
            </head><body><p>Nội dung bài.</p></body></html>"#;
        let doc = read_html("p.html", html).unwrap();
        assert_eq!(doc.published, chrono::NaiveDate::from_ymd_opt(2021, 3, 2));
        let html = r#"<html><head><meta name="pubdate" content="2020-12-31"></head><body><p>Nội dung.</p></body></html>"#;
        assert_eq!(
            read_html("p.html", html).unwrap().published,
            chrono::NaiveDate::from_ymd_opt(2020, 12, 31)
        );
    }

    #[test]
    fn page_without_text_is_an_error() {
        let err =
            read_html("p.html", "<html><body><script>x()</script></body></html>").unwrap_err();
        assert_eq!(err.to_string(), "p.html: no text found in the HTML page");
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html("  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<!-- c -->\n<HTML lang=vi>"));
        assert!(!looks_like_html("Văn bản <html>"));
        assert!(!looks_like_html("<p>đoạn</p>"));
    }
}
