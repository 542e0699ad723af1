//! A small tokenizer tuned for dates: words, compound numbers (`29/1`,
//! `27/7/1953`, `10.000`, `2023-01-29`) and single punctuation marks.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

/// One numeric part of a compound number: its value and digit count
/// (`01` has len 2, which tells years and thousands apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Part {
    pub value: u32,
    pub len: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Lowercased text (words), the character itself (punctuation).
    pub lower: String,
    /// Starts with an uppercase letter (weekday names are capitalised).
    pub cap: bool,
    pub parts: Vec<Part>,
    pub seps: Vec<char>,
    /// A letter or a code-like `/x` follows without a space (`10.000đ`, `01/2021/TT`).
    pub glued_after: bool,
    /// Sentence number: bumps after `.`, `!`, `?`, `;` and line breaks.
    pub sentence: usize,
}

impl Tok {
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.lower.starts_with(c)
    }
    /// A plain number without separators.
    pub fn single(&self) -> Option<Part> {
        if self.kind == Kind::Num && self.parts.len() == 1 && !self.glued_after {
            Some(self.parts[0])
        } else {
            None
        }
    }
    /// A plain four-digit year in a plausible range.
    pub fn year(&self) -> Option<i32> {
        let p = self.single()?;
        (p.len == 4 && (1000..=2100).contains(&p.value)).then_some(p.value as i32)
    }
}

fn is_sep(c: char) -> bool {
    matches!(c, '/' | '.' | '-' | ',')
}

pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let end_of = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut sentence = 0usize;
    let mut i = 0;
    while i < n {
        let (pos, c) = chars[i];
        if c.is_whitespace() {
            if c == '\n' || c == '\r' {
                sentence += 1;
            }
            i += 1;
            continue;
        }
        if sukien_text::is_word_char(c) {
            let mut j = i;
            while j < n && sukien_text::is_word_char(chars[j].1) {
                j += 1;
            }
            let all_digits = chars[i..j].iter().all(|(_, c)| c.is_ascii_digit());
            if !all_digits {
                let word = &text[pos..end_of(j)];
                toks.push(Tok {
                    start: pos,
                    end: end_of(j),
                    kind: Kind::Word,
                    lower: word.to_lowercase(),
                    cap: c.is_uppercase(),
                    parts: Vec::new(),
                    seps: Vec::new(),
                    glued_after: false,
                    sentence,
                });
                i = j;
                continue;
            }
            let mut parts = vec![part_of(&chars[i..j])];
            let mut seps = Vec::new();
            // Extend over separator + digits: `29/1/2023`, `10.000`.
            loop {
                if j + 1 < n && is_sep(chars[j].1) && chars[j + 1].1.is_ascii_digit() {
                    let mut k = j + 1;
                    while k < n && chars[k].1.is_ascii_digit() {
                        k += 1;
                    }
                    seps.push(chars[j].1);
                    parts.push(part_of(&chars[j + 1..k]));
                    j = k;
                } else {
                    break;
                }
            }
            let glued_after = j < n
                && (sukien_text::is_word_char(chars[j].1)
                    || (matches!(chars[j].1, '/' | '-' | '.')
                        && j + 1 < n
                        && sukien_text::is_word_char(chars[j + 1].1)));
            toks.push(Tok {
                start: pos,
                end: end_of(j),
                kind: Kind::Num,
                lower: text[pos..end_of(j)].to_string(),
                cap: false,
                parts,
                seps,
                glued_after,
                sentence,
            });
            // Skip the glued letters as part of the same (non-date) token run.
            if glued_after && sukien_text::is_word_char(chars[j].1) {
                let mut k = j;
                while k < n && sukien_text::is_word_char(chars[k].1) {
                    k += 1;
                }
                toks.push(Tok {
                    start: end_of(j),
                    end: end_of(k),
                    kind: Kind::Word,
                    lower: text[end_of(j)..end_of(k)].to_lowercase(),
                    cap: false,
                    parts: Vec::new(),
                    seps: Vec::new(),
                    glued_after: false,
                    sentence,
                });
                j = k;
            }
            i = j;
            continue;
        }
        toks.push(Tok {
            start: pos,
            end: end_of(i + 1),
            kind: Kind::Punct,
            lower: c.to_string(),
            cap: false,
            parts: Vec::new(),
            seps: Vec::new(),
            glued_after: false,
            sentence,
        });
        if matches!(c, '.' | '!' | '?' | ';' | '…') {
            sentence += 1;
        }
        i += 1;
    }
    toks
}

fn part_of(digits: &[(usize, char)]) -> Part {
    let mut value: u32 = 0;
    for (_, c) in digits {
        let d = c.to_digit(10).unwrap_or(0);
        value = value.saturating_mul(10).saturating_add(d);
    }
    Part {
        value,
        len: digits.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_and_words() {
        let t = tokenize("ngày 29/1, 10.000 binh lính 9h30 01/2021/TT-BTC 58,4%");
        let nums: Vec<&str> = t
            .iter()
            .filter(|t| t.kind == Kind::Num)
            .map(|t| t.lower.as_str())
            .collect();
        assert_eq!(nums, vec!["29/1", "10.000", "01/2021", "58,4"]);
        let code = t.iter().find(|t| t.lower == "01/2021").unwrap();
        assert!(code.glued_after);
        assert!(t.iter().any(|t| t.lower == "9h30" && t.kind == Kind::Word));
    }

    #[test]
    fn sentences() {
        let t = tokenize("A. B\nC");
        assert_eq!(
            t.iter().map(|t| t.sentence).collect::<Vec<_>>(),
            vec![0, 0, 1, 2]
        );
    }
}
