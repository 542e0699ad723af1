//! Units: what the segmenter joins into words.
//!
//! A unit is a run of letters and digits (a syllable, a number, `A5`), one
//! punctuation mark, or a whole URL or e-mail address. White space separates
//! units; units written without space between them (`10.000`, `Wai-kru`,
//! `Nội,`) are *glued*, which the models see.

use std::ops::Range;

use crate::hash;
use sukien_text::{lower_same_len, normalize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `nói`
    Lower,
    /// `Nga`
    Capitalised,
    /// `NATO`
    Upper,
    /// `2024`
    Digits,
    /// `A5`, `m3`
    Mixed,
    /// `,`
    Punct,
    /// `https://…`, `a@b.vn`
    Link,
}

impl Shape {
    pub fn code(self) -> u64 {
        self as u64 + 1
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Unit {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
    /// White space comes before the unit (or it starts the text).
    pub spaced: bool,
    /// A line break comes before it: words never span one.
    pub line_break: bool,
    /// Hash of the unit's key: lower case, NFC, traditional tone placement.
    pub key: u64,
}

/// The key a unit is known by in lexicons and models.
pub fn key(s: &str) -> String {
    let lower = lower_same_len(s);
    if lower.is_ascii() {
        lower
    } else {
        normalize(&lower)
    }
}

/// `hash::string(&key(s))`, remembered per thread: a text repeats a few
/// thousand syllables, and normalising each again is most of the cost of
/// cutting units.
pub fn key_hash(s: &str) -> u64 {
    use std::cell::RefCell;
    use std::collections::HashMap;
    const MAX_REMEMBERED: usize = 200_000;
    thread_local! {
        static SEEN: RefCell<HashMap<Box<str>, u64>> = RefCell::new(HashMap::new());
    }
    SEEN.with(|seen| {
        if let Some(&k) = seen.borrow().get(s) {
            return k;
        }
        let k = hash::string(&key(s));
        let mut seen = seen.borrow_mut();
        if seen.len() >= MAX_REMEMBERED {
            seen.clear();
        }
        seen.insert(s.into(), k);
        k
    })
}

fn is_unit_char(c: char) -> bool {
    sukien_text::is_word_char(c) || unicode_normalization::char::is_combining_mark(c)
}

fn is_link(chunk: &str) -> bool {
    let lower = chunk
        .get(..8)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || chunk.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty()
                && host.contains('.')
                && host
                    .chars()
                    .all(|c| c.is_alphanumeric() || ".-_".contains(c))
        })
}

fn shape_of(s: &str) -> Shape {
    let mut letters = 0;
    let mut digits = 0;
    let mut upper = 0;
    for c in s.chars() {
        if c.is_numeric() {
            digits += 1;
        } else if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        }
    }
    match (letters, digits) {
        (0, 0) => Shape::Punct,
        (0, _) => Shape::Digits,
        (_, 0) if upper == 0 => Shape::Lower,
        (_, 0) if upper == letters && letters > 1 => Shape::Upper,
        (_, 0) if s.chars().next().is_some_and(char::is_uppercase) => Shape::Capitalised,
        (_, 0) => Shape::Lower,
        _ => Shape::Mixed,
    }
}

/// Splits `text` into units, in order; white space belongs to no unit.
pub fn units(text: &str) -> Vec<Unit> {
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let mut spaced = true;
    let mut line_break = false;
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            spaced = true;
            line_break |= c == '\n' || c == '\r';
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let end = if spaced && is_link(&text[i..]) {
            let chunk_end = text[i..]
                .find(char::is_whitespace)
                .map_or(text.len(), |n| i + n);
            // closing punctuation after a link is not part of it
            let trimmed =
                text[i..chunk_end].trim_end_matches(|c: char| ".,;:!?)]}\"'”’".contains(c));
            i + trimmed.len().max(1)
        } else if is_unit_char(c) {
            let mut e = i + c.len_utf8();
            while e < text.len() {
                let d = text[e..].chars().next().unwrap_or(' ');
                if !is_unit_char(d) {
                    break;
                }
                e += d.len_utf8();
            }
            e
        } else {
            i + c.len_utf8()
        };
        let s = &text[start..end];
        let shape = if end - start > c.len_utf8() && !is_unit_char(c) {
            Shape::Link
        } else {
            shape_of(s)
        };
        let shape = if shape == Shape::Punct && end - start > 1 && is_link(s) {
            Shape::Link
        } else {
            shape
        };
        let key = if shape == Shape::Link {
            hash::string("<link>")
        } else {
            key_hash(s)
        };
        out.push(Unit {
            start,
            end,
            shape,
            spaced,
            line_break,
            key,
        });
        spaced = false;
        line_break = false;
        i = end;
    }
    out
}

/// For each word (a byte range over `units`, as the segmenter gives), the
/// range of the units inside it.
pub fn word_units(units: &[Unit], words: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut at = 0;
    words
        .iter()
        .map(|w| {
            while at < units.len() && units[at].start < w.start {
                at += 1;
            }
            let begin = at;
            while at < units.len() && units[at].end <= w.end {
                at += 1;
            }
            begin..at
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        units(t).iter().map(|u| &t[u.start..u.end]).collect()
    }

    #[test]
    fn syllables_numbers_and_punctuation() {
        assert_eq!(
            texts("Hà Nội, 10.000 người"),
            ["Hà", "Nội", ",", "10", ".", "000", "người"]
        );
        let u = units("Hà Nội, 10.000");
        assert!(u[1].spaced && !u[2].spaced && !u[4].spaced);
        assert_eq!(u[0].shape, Shape::Capitalised);
        assert_eq!(u[3].shape, Shape::Digits);
    }

    #[test]
    fn links_are_one_unit() {
        assert_eq!(
            texts("xem https://vnexpress.net/a-b.html."),
            ["xem", "https://vnexpress.net/a-b.html", "."]
        );
        assert_eq!(texts("thư a.b@dantri.vn"), ["thư", "a.b@dantri.vn"]);
    }

    #[test]
    fn keys_fold_case_and_tone_placement() {
        assert_eq!(key("Hoà"), key("hòa"));
        let (a, b) = (units("Hoà"), units("hòa"));
        assert_eq!(a[0].key, b[0].key);
    }

    #[test]
    fn words_map_to_their_units() {
        let text = "Bộ trưởng nói, 10.000";
        let u = units(text);
        let words = [0..14, 15..19, 19..20, 21..27];
        assert_eq!(word_units(&u, &words), [0..2, 2..3, 3..4, 4..7]);
    }

    #[test]
    fn line_breaks_are_seen() {
        let u = units("a\nb c");
        assert!(u[1].line_break && !u[2].line_break);
    }
}
