//! The sukien pipeline: one article in, an [`Analysis`] out.
//!
//! Stages, each a crate of its own:
//! 1. text (`sukien-text`): normalisation, sentences, captions and furniture;
//! 2. time (`sukien-time`): the publication date, given or inferred, and
//!    every date expression normalised against it;
//! 3. actors (`sukien-kb`): references to states, organisations, people and
//!    places, linked here into the article's entities (partial names and
//!    spelling variants join the full name they stand for);
//! 4. events (`sukien-events`): PLOVER events with their mentions.
//!
//! Internally offsets are bytes; the [`Analysis`] counts characters.

mod link;

use std::ops::Range;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use sukien_events::{ActorRef, DateRef, LazyTags, SentenceInput, WordSpan};
use sukien_kb::Kb;
use sukien_model::{
    Analysis, CharIndex, DateMention, Published, PublishedSource, Sentence, SentenceKind,
};
use sukien_read::RawDocument;
use sukien_text::LineKind;

pub use link::Linker;

/// Below this confidence an inferred publication date is a guess of the
/// year alone (no day the article was written near): no date is better.
const MIN_INFERRED_CONFIDENCE: f32 = 0.4;

/// Days between a given publication date and the one the text implies
/// beyond which the given one is flagged.
const CONTRADICTION_DAYS: i64 = 45;

/// The analysis pipeline. Cheap to create; the knowledge base and lexicons
/// are built once per process.
pub struct Pipeline {
    kb: &'static Kb,
    segmenter: &'static sukien_words::Segmenter,
    tagger: &'static sukien_words::Tagger,
    /// Anchor for office-holder look-ups when an article has no date.
    fallback_date: NaiveDate,
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether a recognised name begins inside a longer word of the segmenter
/// and so is part of another name or word: `Anh` (the UK) in the person
/// name `Thế Anh`, `Biden` in `Jill Biden`, `bộ Y tế` in `cán bộ y tế`. The
/// part of the word before the name must be capitalised (a name) or, for a
/// name in lower case, make a known word with its first syllable (`cán bộ`); `tàu hải cảnh Trung
/// Quốc` keeps the coast guard. Titles are kept (`Phó Giám đốc CIA` holds the
/// office phrase `Giám đốc CIA`), and so is a word that opens the sentence,
/// where capitals say nothing, and a name right after another of `all`.
fn inside_a_longer_word(segmenter: &sukien_words::Segmenter, text: &str, r: &sukien_kb::Reference, all: &[sukien_kb::Reference], words: &[Range<usize>]) -> bool {
    // a name right after another name the segmenter joined it to
    // (`Ukraine Valerii Zaluzhnyi`, `Nga Sergei Lavrov`) stands
    let after_a_name = all.iter().any(|o| o.end < r.start && text[o.end..r.start].trim().is_empty());
    if r.office.is_some() || after_a_name {
        return false;
    }
    let k = words.partition_point(|w| w.end <= r.start);
    let Some(w) = words.get(k).filter(|w| w.start > 0 && w.start < r.start) else {
        return false;
    };
    let before = text[w.start..r.start].trim_end();
    let capitalised = before.split_whitespace().all(|s| s.chars().next().is_some_and(char::is_uppercase));
    let previous = before.rfind(char::is_whitespace).map_or(w.start, |i| w.start + i + 1);
    let first_end = text[r.start..r.end].find(char::is_whitespace).map_or(r.end, |i| r.start + i);
    // a capitalised name (`Pháp`) is not part of a lower-case word (`chiến
    // pháp`, tactics) whatever the lexicon says
    let name_is_capitalised = text[r.start..].chars().next().is_some_and(char::is_uppercase);
    capitalised || (!name_is_capitalised && segmenter.is_known(text, previous..first_end))
}

/// Hex SHA-256 of the normalised text: a document's identity.
pub fn content_hash(normalized: &str) -> String {
    let digest = Sha256::digest(normalized.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl Pipeline {
    pub fn new() -> Self {
        Self::with_kb(Kb::builtin())
    }

    /// A pipeline with another knowledge base (the built-in one with user
    /// files added: `sukien --kb FILE`).
    pub fn with_kb(kb: &'static Kb) -> Self {
        Pipeline { kb, segmenter: sukien_words::Segmenter::builtin(), tagger: sukien_words::Tagger::builtin(), fallback_date: chrono::Local::now().date_naive() }
    }

    /// The words a trigger must not cut: the segmenter's words, except that
    /// a word it does not know (`tấn công bằng`) goes back to its syllables,
    /// so a doubtful join never hides an event. Their tags are computed only
    /// if the coder asks.
    fn trusted_words<'a>(
        &self,
        text: &'a str,
        (units, words): (Vec<sukien_words::Unit>, Vec<Range<usize>>),
    ) -> (Vec<WordSpan>, LazyTags<'a>) {
        if words.is_empty() {
            return Default::default();
        }
        let mut out = Vec::with_capacity(words.len());
        // per trusted word, the segmenter word it is (None: a syllable of an unknown word)
        let mut whole = Vec::with_capacity(words.len());
        for (i, (w, inner)) in words.iter().zip(sukien_words::word_units(&units, &words)).enumerate() {
            let inner = &units[inner];
            if self.segmenter.is_known_units(inner) {
                out.push(WordSpan { range: w.clone() });
                whole.push(Some(i));
            } else {
                out.extend(inner.iter().map(|u| WordSpan { range: u.start..u.end }));
                whole.extend(inner.iter().map(|_| None));
            }
        }
        let tagger = self.tagger;
        let tags = LazyTags::new(move || {
            let tags = tagger.tag_units(text, &units, &words);
            whole.iter().map(|w| w.map_or("", |i| tags[i].as_str())).collect()
        });
        (out, tags)
    }

    /// Analyses a bare text (no metadata), as `sukien analyze` does.
    pub fn analyze_text(&self, origin: &str, text: &str) -> Analysis {
        let doc = RawDocument { text: text.to_string(), ..RawDocument::empty(origin, sukien_read::Format::Text) };
        self.analyze(&doc)
    }

    /// Runs the whole pipeline on one document.
    pub fn analyze(&self, doc: &RawDocument) -> Analysis {
        let text = sukien_text::normalize(&doc.text);
        let mut warnings = Vec::new();
        let (sentences, mut title, sources) = self.sentences(&text, doc.title.as_deref());
        if let Some(t) = &doc.title {
            title = Some(sukien_text::normalize(t));
        }

        // Publication date: given, or inferred from the text and URL.
        let inferred = sukien_time::infer_publication(&text, doc.url.as_deref());
        let published = match (doc.published, &inferred) {
            (Some(given), inferred) => {
                if let Some(inf) = inferred {
                    if inf.confidence >= 0.7 && (inf.date - given).num_days().abs() > CONTRADICTION_DAYS {
                        warnings.push(format!(
                            "the given publication date {given} disagrees with the text, which points to {} ({}); keeping the given one",
                            inf.date, inf.evidence
                        ));
                    }
                }
                Some(Published { date: given, source: PublishedSource::Given, confidence: 1.0 })
            }
            (None, Some(inf)) if inf.confidence >= MIN_INFERRED_CONFIDENCE => Some(Published { date: inf.date, source: PublishedSource::Inferred, confidence: inf.confidence }),
            (None, _) => None,
        };
        let anchor = published.as_ref().map(|p| p.date);
        let kb_date = anchor.unwrap_or(self.fallback_date);

        // Actors, linked across the article. Sentences that name an actor are
        // segmented into words (most sentences name none, and segmenting and
        // tagging every sentence would halve the pipeline's speed); their words
        // then check the names and, below, the event triggers.
        let mut linker = Linker::new(self.kb);
        let mut refs_per_sentence: Vec<Vec<ActorRef>> = Vec::with_capacity(sentences.len());
        let mut words: Vec<(Vec<sukien_words::Unit>, Vec<Range<usize>>)> = Vec::with_capacity(sentences.len());
        for s in &sentences {
            let stext = &text[s.start..s.end];
            let mut refs = if s.kind == SentenceKind::Boilerplate { Vec::new() } else { self.kb.recognize(stext, kb_date) };
            // words matter only where an actor may act: names without a state
            // (`Công ty Hòa Phát`, `Trần Thị Mai`) alone do not make a
            // sentence worth segmenting
            let actors = refs.iter().any(|r| r.actor.is_some() || r.entity.is_some() || r.office.is_some());
            let here = if actors { self.segmenter.segment_units(stext) } else { Default::default() };
            let keep: Vec<bool> = refs.iter().map(|r| !inside_a_longer_word(self.segmenter, stext, r, &refs, &here.1)).collect();
            let mut k = keep.iter();
            refs.retain(|_| *k.next().unwrap_or(&true));
            refs_per_sentence.push(linker.link_sentence(s.index, s.start, stext, &refs, kb_date));
            words.push(here);
        }
        linker.add_regional_names(&text, &sentences, &mut refs_per_sentence);

        // Dates.
        let mut dates = Vec::new();
        let mut date_refs: Vec<Vec<DateRef>> = Vec::with_capacity(sentences.len());
        for s in &sentences {
            let mut here = Vec::new();
            if s.kind != SentenceKind::Boilerplate {
                let stext = &text[s.start..s.end];
                for e in sukien_time::tag(stext, anchor) {
                    if let Some(v) = e.value {
                        here.push(DateRef { start: e.start, end: e.end, value: v });
                    }
                    dates.push((s.index, s.start + e.start, s.start + e.end, e.text, e.value, e.relative));
                }
            }
            date_refs.push(here);
        }

        // Events.
        let inputs: Vec<SentenceInput> = sentences
            .iter()
            .zip(refs_per_sentence)
            .zip(date_refs)
            .zip(words)
            .map(|(((s, refs), dates), words)| {
                let stext = &text[s.start..s.end];
                let (words, tags) = self.trusted_words(stext, words);
                SentenceInput {
                    index: s.index,
                    offset: s.start,
                    text: stext,
                    kind: s.kind,
                    refs,
                    dates,
                    words,
                    tags,
                }
            })
            .collect();
        let mut events = sukien_events::code_document(&inputs, anchor);
        drop(inputs); // its lazy tags borrow the text

        // Bytes to characters.
        let ix = CharIndex::new(&text);
        let c = |b: usize| ix.char_of(b);
        for e in &mut events {
            e.evidence.start = c(e.evidence.start);
            e.evidence.end = c(e.evidence.end);
            for m in &mut e.mentions {
                m.start = c(m.start);
                m.end = c(m.end);
            }
        }
        let entities = linker.into_entities(&ix);
        let dates = dates
            .into_iter()
            .map(|(sentence, start, end, text, value, relative)| DateMention { sentence, start: c(start), end: c(end), text, value, relative })
            .collect();
        let sentences = sentences
            .into_iter()
            .map(|s| Sentence { index: s.index, start: c(s.start), end: c(s.end), kind: s.kind, text: text[s.start..s.end].to_string() })
            .collect();
        Analysis {
            hash: content_hash(&text),
            path: doc.origin.clone(),
            url: doc.url.clone(),
            title,
            published,
            sources,
            text,
            sentences,
            entities,
            dates,
            events,
            warnings,
        }
    }

    /// Sentences with their kinds (byte offsets), the title when the text
    /// opens with one, and the source lines.
    fn sentences(&self, text: &str, given_title: Option<&str>) -> (Vec<ByteSentence>, Option<String>, Vec<String>) {
        let mut out = Vec::new();
        let mut sources = Vec::new();
        let mut title = None;
        let line_count = text.lines().filter(|l| !l.trim().is_empty()).count();
        let mut line_start = 0;
        let mut first_line = true;
        for line in text.split_inclusive('\n') {
            let line_kind = sukien_text::classify_line(line);
            if let LineKind::Source(v) = &line_kind {
                sources.push(v.clone());
            }
            let trimmed = line.trim();
            // The opening line is the title when it reads like one.
            let is_title = first_line
                && !trimmed.is_empty()
                && line_kind == LineKind::Body
                && match given_title {
                    Some(t) => sukien_text::normalize(t).trim() == trimmed,
                    None => line_count > 1 && trimmed.chars().count() <= 200 && !trimmed.ends_with(['.', ':', ';', ',']),
                };
            if !trimmed.is_empty() {
                first_line = false;
            }
            for span in sukien_text::split_sentences(line) {
                let (start, end) = (line_start + span.start, line_start + span.end);
                let stext = &text[start..end];
                let kind = match (&line_kind, sukien_text::classify_line(stext)) {
                    (LineKind::Boilerplate | LineKind::Source(_), _) => SentenceKind::Boilerplate,
                    (_, LineKind::Boilerplate) => SentenceKind::Boilerplate,
                    (_, LineKind::Source(v)) => {
                        if !sources.contains(&v) {
                            sources.push(v);
                        }
                        SentenceKind::Boilerplate
                    }
                    (LineKind::Caption, _) | (_, LineKind::Caption) => SentenceKind::Caption,
                    _ if is_title => SentenceKind::Title,
                    _ => SentenceKind::Body,
                };
                out.push(ByteSentence { index: out.len(), start, end, kind });
            }
            if is_title && given_title.is_none() {
                title = Some(trimmed.to_string());
            }
            line_start += line.len();
        }
        (out, title, sources)
    }
}

/// A sentence while the pipeline runs, in byte offsets.
#[derive(Debug, Clone)]
pub struct ByteSentence {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub kind: SentenceKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_article() {
        let p = Pipeline::new();
        let a = p.analyze_text(
            "-",
            "Ngoại trưởng Nga thăm Trung Quốc\nNgày 3/3/2025, Ngoại trưởng Nga Sergei Lavrov đã hội đàm với người đồng cấp Trung Quốc Vương Nghị tại Bắc Kinh.\nBình luận (0)",
        );
        assert_eq!(a.title.as_deref(), Some("Ngoại trưởng Nga thăm Trung Quốc"));
        assert_eq!(a.sentences.last().map(|s| s.kind), Some(SentenceKind::Boilerplate));
        assert!(a.entities.iter().any(|e| e.name == "Sergei Lavrov"), "{:?}", a.entities);
        let consult = a.events.iter().find(|e| e.kind == sukien_model::EventType::CONSULT && e.mode.as_deref() == Some("meet"));
        let consult = consult.expect("a meeting");
        assert_eq!(consult.source.code, "RUS");
        assert_eq!(consult.target.as_ref().map(|t| t.code.as_str()), Some("CHN"));
        assert_eq!(consult.date.map(|d| d.from.to_string()), Some("2025-03-03".into()));
        // Offsets are characters into the normalised text.
        let m = &consult.mentions[0];
        let trigger: String = a.text.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(trigger, m.trigger);
    }

    #[test]
    fn same_text_same_hash() {
        let p = Pipeline::new();
        assert_eq!(p.analyze_text("a", "Hoà bình").hash, p.analyze_text("b", "Hòa bình").hash);
    }
}
