//! Sentence splitting and line classification for Vietnamese news.
//!
//! UAX#29 breaks after `TS.` and inside `16.1`; news text also glues
//! sentences together without a space (`hơn bao giờ hết.Ông …`) and wraps
//! captions and page furniture in its lines. Splitting is therefore ours:
//! lines first, then sentence ends inside a line, with an abbreviation list,
//! numbers and quotes taken into account.

/// A span of the input, in byte offsets (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Words written with a final period that never end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "TS", "ThS", "GS", "PGS", "BS", "KS", "CN", "TP", "Tp", "Q", "P", "TT", "Mr", "Mrs", "Ms", "Dr",
    "St", "Jr", "Sr", "Co", "Ltd", "Inc", "No", "vs", "v.v", "Tr", "tr", "TAND", "UBND", "Th",
];

fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | '»' | ')' | ']')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '«' | '(' | '[')
}

/// Splits `text` into lines, then each line into sentences. Returns
/// non-empty, trimmed spans in order; their union with the dropped white
/// space is the whole input.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut out);
        line_start += line.len();
    }
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span { start: start + lead, end: end - trail });
    }
}

fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let line = &text[start..end];
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut sentence_start = 0usize; // byte offset within line
    let mut curly_depth: i32 = 0;
    let mut straight_open = false;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        match c {
            '“' => curly_depth += 1,
            '”' => curly_depth = (curly_depth - 1).max(0),
            '"' => straight_open = !straight_open,
            _ => {}
        }
        if matches!(c, '.' | '!' | '?' | '…') {
            // Run of terminal punctuation and closing quotes.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '…') {
                j += 1;
            }
            let mut closed_quote = false;
            while j < chars.len() && is_closing_quote(chars[j].1) {
                match chars[j].1 {
                    '”' => curly_depth = (curly_depth - 1).max(0),
                    '"' => straight_open = !straight_open,
                    _ => {}
                }
                closed_quote = true;
                j += 1;
            }
            let inside_quote = (curly_depth > 0 || straight_open) && !closed_quote;
            if !inside_quote && is_boundary(&chars, i, j) {
                let cut = if j < chars.len() { chars[j].0 } else { line.len() };
                push_trimmed(text, start + sentence_start, start + cut, out);
                sentence_start = cut;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start + sentence_start, end, out);
}

/// Whether the punctuation run `chars[at..after]` ends a sentence.
fn is_boundary(chars: &[(usize, char)], at: usize, after: usize) -> bool {
    let Some(&(_, next)) = chars.get(after) else {
        return true; // end of line
    };
    let prev = if at > 0 { Some(chars[at - 1].1) } else { None };
    let dot = chars[at].1 == '.';
    let run_len = after - at;
    if dot && run_len == 1 {
        // 16.1, 2.2022, 10.000, TP.HCM, v.v., U.S.
        if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_ascii_digit() {
            return false;
        }
        let second = chars.get(after + 1).map(|&(_, c)| c);
        if prev.is_some_and(|p| p.is_uppercase()) && next.is_uppercase() && !second.is_some_and(char::is_lowercase) {
            // TP.HCM: capitals on both sides without space
            return false;
        }
        let word = word_before(chars, at);
        if ABBREVIATIONS.contains(&word.as_str()) {
            return false;
        }
        // A single capital letter: an initial (J. Smith).
        if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
            return false;
        }
    }
    if dot && run_len >= 3 {
        // An ellipsis followed by a lower-case word continues the sentence.
        let following = chars[after..].iter().map(|&(_, c)| c).find(|c| !c.is_whitespace());
        return following.is_some_and(|c| c.is_uppercase() || is_opening(c));
    }
    if next.is_whitespace() {
        let following = chars[after..].iter().map(|&(_, c)| c).find(|c| !c.is_whitespace());
        return match following {
            None => true,
            Some(c) => c.is_uppercase() || c.is_ascii_digit() || is_opening(c) || matches!(c, '-' | '–' | '—' | '•'),
        };
    }
    // No space after the stop: glued sentences (`hết.Ông`) split only before
    // an upper-case letter that starts a lower-case word (not an acronym).
    if next.is_uppercase() {
        let second = chars.get(after + 1).map(|&(_, c)| c);
        let word = word_before(chars, at);
        return second.is_some_and(|c| c.is_lowercase())
            && prev.is_some_and(char::is_alphabetic)
            && !ABBREVIATIONS.contains(&word.as_str());
    }
    false
}

fn word_before(chars: &[(usize, char)], at: usize) -> String {
    let mut k = at;
    while k > 0 && (chars[k - 1].1.is_alphanumeric() || chars[k - 1].1 == '.') {
        k -= 1;
    }
    chars[k..at].iter().map(|&(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text).into_iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn dates_and_numbers_do_not_split() {
        assert_eq!(
            split("Ông ấy đến ngày 16.1 và ở lại. Hơn 10.000 người dự."),
            vec!["Ông ấy đến ngày 16.1 và ở lại.", "Hơn 10.000 người dự."]
        );
        assert_eq!(split("Từ tháng 2.2022 tới nay."), vec!["Từ tháng 2.2022 tới nay."]);
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(split("TS. Nguyễn Văn A nói tại TP.HCM hôm qua."), vec!["TS. Nguyễn Văn A nói tại TP.HCM hôm qua."]);
    }

    #[test]
    fn glued_sentences_split() {
        assert_eq!(split("quan trọng hơn bao giờ hết.Ông Lâm cho rằng"), vec!["quan trọng hơn bao giờ hết.", "Ông Lâm cho rằng"]);
        assert_eq!(split("giữa hai nước và NATO.Bộ Ngoại giao cho biết"), vec!["giữa hai nước và NATO.", "Bộ Ngoại giao cho biết"]);
        assert_eq!(split("tại TP.HCM hôm qua"), vec!["tại TP.HCM hôm qua"]);
    }

    #[test]
    fn quotes_stay_whole() {
        assert_eq!(
            split("“Chúng tôi sẽ đến. Rồi sẽ về”, ông nói. Sau đó đi."),
            vec!["“Chúng tôi sẽ đến. Rồi sẽ về”, ông nói.", "Sau đó đi."]
        );
        assert_eq!(split("Ông nói: “Xong rồi.” Bà gật đầu."), vec!["Ông nói: “Xong rồi.”", "Bà gật đầu."]);
    }

    #[test]
    fn lines_are_boundaries() {
        assert_eq!(split("Tiêu đề bài\nNội dung một.\n\nNội dung hai"), vec!["Tiêu đề bài", "Nội dung một.", "Nội dung hai"]);
    }

    #[test]
    fn ellipsis_before_lowercase_continues() {
        assert_eq!(split("các cấp.... đã góp phần"), vec!["các cấp.... đã góp phần"]);
    }
}
