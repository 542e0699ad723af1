//! Syllable tokens with byte offsets.
//!
//! Vietnamese writes one syllable per space-separated unit; words of several
//! syllables are joined later by the segmenter. Tokens here are syllables,
//! numbers (with their internal `.`, `,`, `/` and `-`: `10.000`, `29/1`) and
//! single punctuation marks.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// Splits text into tokens; white space is dropped, nothing else is.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if crate::is_word_char(c) {
            let numeric = c.is_numeric();
            let mut end = start + c.len_utf8();
            let mut all_numeric = numeric;
            while let Some(&(i, d)) = it.peek() {
                if crate::is_word_char(d) || (d == '-' && !numeric) {
                    // a hyphen inside a Latin name (Jong-un) stays in the word
                    if d == '-' {
                        let next = text[i + 1..].chars().next();
                        if !next.is_some_and(crate::is_word_char) {
                            break;
                        }
                    }
                    all_numeric &= d.is_numeric();
                    end = i + d.len_utf8();
                    it.next();
                } else if all_numeric && matches!(d, '.' | ',' | '/' | ':') {
                    let next = text[i + 1..].chars().next();
                    if next.is_some_and(|n| n.is_ascii_digit()) {
                        end = i + 1;
                        it.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            out.push(Token { start, end, kind: if all_numeric { TokenKind::Number } else { TokenKind::Word } });
        } else {
            out.push(Token { start, end: start + c.len_utf8(), kind: TokenKind::Punct });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokens(s).into_iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn syllables_numbers_punct() {
        assert_eq!(texts("Ngày 29/1, hơn 10.000 người."), vec!["Ngày", "29/1", ",", "hơn", "10.000", "người", "."]);
        assert_eq!(texts("Kim Jong-un (KCNA)"), vec!["Kim", "Jong-un", "(", "KCNA", ")"]);
    }
}
