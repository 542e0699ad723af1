//! Scores: word segmentation F1 and tagging accuracy.
//!
//! Words are compared by the characters they cover, white space not
//! counted, so that tools which print their words differently (`bộ_trưởng`)
//! are scored on the same footing.

use std::ops::Range;

/// Ranges of non-white-space character positions, one per word.
pub fn content_spans<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<Range<usize>> {
    let mut at = 0;
    words
        .into_iter()
        .map(|w| {
            let n = w.chars().filter(|c| !c.is_whitespace()).count();
            at += n;
            at - n..at
        })
        .collect()
}

/// Counts for precision, recall and F1.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    /// Adds one sentence: gold and predicted items, each sorted.
    pub fn add<T: Ord>(&mut self, gold: &[T], predicted: &[T]) {
        self.gold += gold.len();
        self.predicted += predicted.len();
        let (mut i, mut j) = (0, 0);
        while i < gold.len() && j < predicted.len() {
            match gold[i].cmp(&predicted[j]) {
                std::cmp::Ordering::Equal => {
                    self.correct += 1;
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
    }

    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Span keys for scoring: (start, end) pairs, sortable.
pub fn span_keys(spans: &[Range<usize>]) -> Vec<(usize, usize)> {
    spans.iter().map(|r| (r.start, r.end)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_of_spans() {
        let gold = span_keys(&content_spans(["bộ trưởng", "nói"]));
        let pred = span_keys(&content_spans(["bộ", "trưởng", "nói"]));
        let mut c = Counts::default();
        c.add(&gold, &pred);
        assert_eq!((c.gold, c.predicted, c.correct), (2, 3, 1));
        assert!((c.f1() - 0.4).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 0.0);
    }
}
