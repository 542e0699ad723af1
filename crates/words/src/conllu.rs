//! Reading CoNLL-U treebanks (UD-VTB) into training and test sentences.

use std::ops::Range;

use crate::upos::Upos;

/// A CoNLL-U line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ConlluError {
    pub line: usize,
    pub message: String,
}

/// The annotation convention a sentence's tags follow.
///
/// UD-VTB's files were not converted alike: train and test carry the VLSP
/// tags in title case (`N`, `Adv`, `Pre`, punctuation as itself), the dev
/// file in upper case (`ADV`, `PRE`, `PUNCT`, `C`), and the two disagree on
/// frequent words (`ra`, `lại` after a verb are ADV in one and VERB in the
/// other; `sau`, `hơn` differ too). The tagger learns them apart and tags in
/// the primary one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Convention {
    /// Title-case XPOS, as the train and test files.
    #[default]
    Primary,
    /// Upper-case XPOS, as the dev file.
    UpperCase,
}

impl Convention {
    /// Tells the convention from one word's XPOS: `None` when the tag is
    /// written alike in both (`N`, `V`, `AUX`, `CC`, `X`).
    fn of_xpos(xpos: &str) -> Option<Convention> {
        let letters = xpos.chars().filter(|c| c.is_alphabetic()).count();
        if letters == 0 {
            // punctuation written as itself: `.`, `,`, `...`
            return (xpos != "_").then_some(Convention::Primary);
        }
        match xpos {
            "N" | "V" | "X" | "AUX" | "CC" | "NNP" | "SYM" | "I" | "L" | "Aux" => None,
            _ if xpos.chars().skip(1).any(char::is_lowercase) => Some(Convention::Primary),
            _ if xpos.chars().all(char::is_uppercase) && letters > 1 => Some(Convention::UpperCase),
            "C" => Some(Convention::UpperCase),
            _ => None,
        }
    }

    pub fn index(self) -> u8 {
        self as u8
    }
}

/// One treebank sentence: its words joined by single spaces, and each word's
/// byte range and tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreebankSentence {
    pub id: String,
    pub text: String,
    pub words: Vec<Range<usize>>,
    pub tags: Vec<Upos>,
    pub convention: Convention,
}

impl TreebankSentence {
    fn from_words(
        id: String,
        words: &[(&str, Upos)],
        convention: Convention,
        glue: impl Fn(&str, &str) -> bool,
    ) -> TreebankSentence {
        let mut s = TreebankSentence {
            id,
            text: String::new(),
            words: Vec::new(),
            tags: Vec::new(),
            convention,
        };
        for (i, (form, tag)) in words.iter().enumerate() {
            if i > 0 && !glue(words[i - 1].0, form) {
                s.text.push(' ');
            }
            let start = s.text.len();
            s.text.push_str(form);
            s.words.push(start..s.text.len());
            s.tags.push(*tag);
        }
        s
    }

    pub fn word(&self, i: usize) -> &str {
        &self.text[self.words[i].clone()]
    }

    /// The sentence as news prints it: closing punctuation glued to the word
    /// before (`Nội,`), opening punctuation to the word after (`(AFP`). The
    /// treebank spaces every token; training on both teaches the segmenter
    /// that a glued comma is no part of a word.
    pub fn as_printed(&self) -> Option<TreebankSentence> {
        fn closing(w: &str) -> bool {
            matches!(
                w,
                "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "”" | "…" | "%"
            )
        }
        fn opening(w: &str) -> bool {
            matches!(w, "(" | "[" | "“")
        }
        fn punct(w: &str) -> bool {
            w.chars().all(|c| !c.is_alphanumeric())
        }
        let words: Vec<(&str, Upos)> = (0..self.words.len())
            .map(|i| (self.word(i), self.tags[i]))
            .collect();
        let glue =
            |prev: &str, w: &str| (closing(w) && !punct(prev)) || (opening(prev) && !punct(w));
        if !words.windows(2).any(|p| glue(p[0].0, p[1].0)) {
            return None;
        }
        Some(TreebankSentence::from_words(
            format!("{}-printed", self.id),
            &words,
            self.convention,
            glue,
        ))
    }
}

/// Reads a CoNLL-U file's sentences (multi-word tokens and empty nodes are
/// skipped: UD-VTB has none).
pub fn read_conllu(text: &str) -> Result<Vec<TreebankSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut id = String::new();
    let mut words: Vec<(&str, Upos)> = Vec::new();
    // the convention is the one most of the sentence's telling tags show
    let mut votes = [0usize; 2];
    let mut flush = |id: &mut String, words: &mut Vec<(&str, Upos)>, votes: &mut [usize; 2]| {
        if !words.is_empty() {
            let convention = if votes[1] > votes[0] {
                Convention::UpperCase
            } else {
                Convention::Primary
            };
            out.push(TreebankSentence::from_words(
                std::mem::take(id),
                words,
                convention,
                |_, _| false,
            ));
            words.clear();
        }
        *votes = [0; 2];
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut id, &mut words, &mut votes);
            continue;
        }
        if let Some(rest) = line.strip_prefix('#') {
            if let Some((k, v)) = rest.split_once('=') {
                if k.trim() == "sent_id" {
                    id = v.trim().to_string();
                }
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let err = |message: String| ConlluError {
            line: n + 1,
            message,
        };
        if cols.len() != 10 {
            return Err(err(format!(
                "expected 10 tab-separated columns, found {}",
                cols.len()
            )));
        }
        if cols[0].contains(['-', '.']) {
            continue;
        }
        let form = cols[1].trim();
        if form.is_empty() {
            return Err(err("empty word form".into()));
        }
        let tag = Upos::parse(cols[3]).ok_or_else(|| err(format!("unknown UPOS `{}`", cols[3])))?;
        if let Some(c) = Convention::of_xpos(cols[4].trim()) {
            votes[c.index() as usize] += 1;
        }
        words.push((form, tag));
    }
    flush(&mut id, &mut words, &mut votes);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = s1\n# text = Bộ trưởng nói , rồi đi .\n\
1\tBộ trưởng\tbộ trưởng\tNOUN\tN\t_\t2\tnsubj\t_\t_\n\
2\tnói\tnói\tVERB\tV\t_\t0\troot\t_\t_\n\
3\t,\t,\tPUNCT\t,\t_\t2\tpunct\t_\t_\n\
4\trồi\trồi\tCCONJ\tC\t_\t5\tcc\t_\t_\n\
5\tđi\tđi\tVERB\tV\t_\t2\tconj\t_\t_\n\
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_and_tags() {
        let s = &read_conllu(SAMPLE).unwrap()[0];
        assert_eq!(s.id, "s1");
        assert_eq!(s.text, "Bộ trưởng nói , rồi đi .");
        assert_eq!(s.word(0), "Bộ trưởng");
        assert_eq!(s.tags[0].as_str(), "NOUN");
        let p = s.as_printed().unwrap();
        assert_eq!(p.text, "Bộ trưởng nói, rồi đi.");
        assert_eq!(p.word(2), ",");
    }

    #[test]
    fn tells_the_annotation_convention_from_the_xpos() {
        assert_eq!(
            read_conllu(SAMPLE).unwrap()[0].convention,
            Convention::Primary
        );
        let upper = SAMPLE
            .replace("PUNCT\t,", "PUNCT\tPUNCT")
            .replace("PUNCT\t.", "PUNCT\tPUNCT");
        let s = &read_conllu(&upper).unwrap()[0];
        assert_eq!(s.convention, Convention::UpperCase);
        assert_eq!(s.as_printed().unwrap().convention, Convention::UpperCase);
        assert_eq!(Convention::of_xpos("Adv"), Some(Convention::Primary));
        assert_eq!(Convention::of_xpos("ADV"), Some(Convention::UpperCase));
        assert_eq!(Convention::of_xpos("N"), None);
        assert_eq!(Convention::of_xpos("_"), None);
    }

    #[test]
    fn errors_name_the_line() {
        let bad = SAMPLE.replace("VERB\tV\t_\t0", "VRB\tV\t_\t0");
        assert_eq!(read_conllu(&bad).unwrap_err().line, 4);
        assert_eq!(read_conllu("1\tx\n").unwrap_err().line, 1);
    }
}
