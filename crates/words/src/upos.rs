//! The Universal Dependencies part-of-speech tags.

/// The 17 UPOS tags, in a fixed order: model files store tag indexes.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// A UPOS tag, as an index into [`UPOS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Upos(u8);

impl Upos {
    pub fn parse(s: &str) -> Option<Upos> {
        UPOS.iter().position(|&t| t == s).map(|i| Upos(i as u8))
    }
    pub fn as_str(self) -> &'static str {
        UPOS[self.0 as usize]
    }
    pub fn index(self) -> usize {
        self.0 as usize
    }
    pub fn from_index(i: usize) -> Option<Upos> {
        (i < UPOS.len()).then_some(Upos(i as u8))
    }
    pub const NOUN: Upos = Upos(7);
    pub const PROPN: Upos = Upos(11);
    pub const VERB: Upos = Upos(15);
}

impl std::fmt::Display for Upos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for (i, t) in UPOS.iter().enumerate() {
            let u = Upos::parse(t).unwrap();
            assert_eq!(u.index(), i);
            assert_eq!(u.as_str(), *t);
        }
        assert_eq!(Upos::NOUN.as_str(), "NOUN");
        assert_eq!(Upos::PROPN.as_str(), "PROPN");
        assert_eq!(Upos::VERB.as_str(), "VERB");
        assert!(Upos::parse("N").is_none());
    }
}
