//! Page furniture and captions: lines a reader skips.
//!
//! Scraped news keeps comment counters (`Bình luận (0)`), teaser blocks
//! (`Video đang HOT`), source lines (`Nguồn: https://…`, `Theo Reuters`) and
//! photo captions (`… Ảnh: Reuters`, `(Nguồn: KCNA)`). Captions name real
//! people and can report real events, so they are kept and marked; furniture
//! is kept for offsets but never read.

/// What a line or sentence is, for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    Body,
    Caption,
    Boilerplate,
    /// A source attribution (`Nguồn: <url>`, `Theo Reuters`): boilerplate
    /// whose value is kept as document metadata.
    Source(String),
}

const FURNITURE_PREFIXES: &[&str] = &[
    "bình luận",
    "video đang hot",
    "xem thêm",
    "tin liên quan",
    "bài liên quan",
    "đọc thêm",
    "chia sẻ",
    "theo dõi",
    "từ khóa",
    "tags:",
    "tag:",
    "quảng cáo",
    "đăng nhập",
    "trang chủ",
    "báo lỗi",
    "in bài",
    "lưu bài",
];

const CAPTION_MARKERS: &[&str] = &[
    "ảnh:", "ảnh :", "(ảnh", "ảnh tư liệu:", "ảnh minh họa", "photo:", "photo :", "(nguồn:", "(video:", "video:",
    "đồ họa:", "(đồ họa",
];

fn starts_with_ci(haystack: &str, prefix: &str) -> bool {
    haystack.len() >= prefix.len()
        && haystack.is_char_boundary(prefix.len())
        && haystack[..prefix.len()].to_lowercase() == prefix
}

/// Classifies one line (or sentence) of an article.
pub fn classify_line(line: &str) -> LineKind {
    let t = line.trim().trim_end_matches('|').trim();
    if t.is_empty() {
        return LineKind::Boilerplate;
    }
    // Most checks look at the start of the line; lower-case only that much
    // unless a caption marker may be further in.
    let lower = if t.contains([':', '(']) || t.contains("minh họa") {
        t.to_lowercase()
    } else {
        t.chars().take(64).collect::<String>().to_lowercase()
    };
    if let Some(rest) = lower.strip_prefix("nguồn:").or_else(|| lower.strip_prefix("nguồn :")) {
        let value = t.get(t.len().saturating_sub(rest.len())..).unwrap_or("").trim();
        if value.starts_with("http") || value.split_whitespace().count() <= 6 {
            return LineKind::Source(value.to_string());
        }
    }
    if (t.starts_with("http://") || t.starts_with("https://")) && !t.contains(' ') {
        return LineKind::Source(t.to_string());
    }
    if lower == "bình luận" || (lower.starts_with("bình luận (") && lower.ends_with(')')) {
        return LineKind::Boilerplate;
    }
    if t.chars().count() <= 40 && FURNITURE_PREFIXES.iter().any(|p| starts_with_ci(t, p)) {
        return LineKind::Boilerplate;
    }
    // A short closing line `Theo Reuters`, `Minh PhươngTheo AFP`.
    if t.chars().count() <= 60 && !t.ends_with('.') {
        if let Some(pos) = t.rfind("Theo ") {
            let name = t[pos + "Theo ".len()..].trim();
            if !name.is_empty() && name.split_whitespace().count() <= 4 && name.chars().next().is_some_and(char::is_uppercase) {
                return LineKind::Source(name.to_string());
            }
        }
    }
    // Every caption marker has a colon or a bracket, or is a photo note.
    let may_caption = t.contains([':', '(']) || t.contains("minh họa");
    if (may_caption && CAPTION_MARKERS.iter().any(|m| lower.contains(m))) || line.trim_end().ends_with('|') {
        return LineKind::Caption;
    }
    LineKind::Body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture() {
        assert_eq!(classify_line("Bình luận (12)"), LineKind::Boilerplate);
        assert_eq!(classify_line("Video đang HOT"), LineKind::Boilerplate);
        assert_eq!(classify_line("Xem thêm: giá vàng hôm nay"), LineKind::Boilerplate);
    }

    #[test]
    fn sources() {
        assert_eq!(classify_line("Nguồn: https://example.vn/a-b.html"), LineKind::Source("https://example.vn/a-b.html".into()));
        assert_eq!(classify_line("Thu HằngTheo AFP"), LineKind::Source("AFP".into()));
    }

    #[test]
    fn captions() {
        assert_eq!(classify_line("Hai ông bắt tay tại Hà Nội. Ảnh: TTXVN"), LineKind::Caption);
        assert_eq!(classify_line("Đoàn đại biểu tại sân bay. (Nguồn: VNA) |"), LineKind::Caption);
        assert_eq!(classify_line("Phóng viên ghi nhận tại hiện trường (Ảnh: Reuters)."), LineKind::Caption);
    }

    #[test]
    fn body() {
        assert_eq!(classify_line("Bộ trưởng đã có cuộc hội đàm với người đồng cấp."), LineKind::Body);
        assert_eq!(classify_line("Theo Bộ Y tế, số ca mắc mới giảm mạnh trong tuần qua."), LineKind::Body);
    }
}
