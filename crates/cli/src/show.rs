//! `sukien show`: one article with its entities, dates and event triggers
//! marked inline, then its events.

use sukien_model::{Analysis, Sentence, SentenceKind};

use crate::output::{range_str, write_out};
use crate::{Failure, ShowFormat};

/// One mark: characters `start..end` (document offsets) and its label.
#[derive(Debug, Clone, PartialEq)]
struct Mark {
    start: usize,
    end: usize,
    open: &'static str,
    close: &'static str,
    label: String,
    /// Lower wins where marks overlap: triggers, then dates, then entities.
    rank: u8,
}

pub fn run(a: &Analysis, format: ShowFormat) -> Result<(), Failure> {
    let text = match format {
        ShowFormat::Json => {
            let mut s = serde_json::to_string_pretty(a)
                .map_err(|e| Failure::runtime(format!("cannot write JSON: {e}")))?;
            s.push('\n');
            s
        }
        ShowFormat::Text => render(a),
    };
    write_out(&text)
}

fn marks(a: &Analysis) -> Vec<Mark> {
    let mut marks = Vec::new();
    for e in &a.events {
        for m in &e.mentions {
            marks.push(Mark {
                start: m.start,
                end: m.end,
                open: "‹",
                close: "›",
                label: e.kind.as_str().to_string(),
                rank: 0,
            });
        }
    }
    for d in &a.dates {
        marks.push(Mark {
            start: d.start,
            end: d.end,
            open: "⟦",
            close: "⟧",
            label: d
                .value
                .as_ref()
                .map(range_str)
                .unwrap_or_else(|| "?".into()),
            rank: 1,
        });
    }
    for ent in &a.entities {
        let label = match &ent.actor {
            Some(code) => format!("{} {code}", ent.kind.as_str()),
            None => ent.kind.as_str().to_string(),
        };
        for m in &ent.mentions {
            marks.push(Mark {
                start: m.start,
                end: m.end,
                open: "[",
                close: "]",
                label: label.clone(),
                rank: 2,
            });
        }
    }
    // Drop empty and duplicate marks (an event with two mentions of one trigger).
    marks.retain(|m| m.start < m.end);
    marks.sort_by(|x, y| {
        (x.rank, x.start, x.end, &x.label).cmp(&(y.rank, y.start, y.end, &y.label))
    });
    marks.dedup_by(|x, y| x.start == y.start && x.end == y.end && x.rank == y.rank);
    // Keep marks that do not overlap a better one: nested brackets would be unreadable.
    let mut kept: Vec<Mark> = Vec::new();
    for m in marks {
        if kept.iter().all(|k| m.end <= k.start || k.end <= m.start) {
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| m.start);
    kept
}

/// The sentence's text with the marks that fall inside it.
fn mark_sentence(s: &Sentence, marks: &[Mark]) -> String {
    let chars: Vec<char> = s.text.chars().collect();
    let mut out = String::with_capacity(s.text.len() * 2);
    let mut at = 0; // sentence-relative character offset
    for m in marks
        .iter()
        .filter(|m| m.start >= s.start && m.end <= s.start + chars.len())
    {
        let (from, to) = (m.start - s.start, m.end - s.start);
        if from < at {
            continue;
        }
        out.extend(&chars[at..from]);
        out.push_str(m.open);
        out.extend(&chars[from..to]);
        out.push_str(m.close);
        out.push('{');
        out.push_str(&m.label);
        out.push('}');
        at = to;
    }
    out.extend(&chars[at.min(chars.len())..]);
    out
}

pub fn render(a: &Analysis) -> String {
    let mut out = String::new();
    out.push_str(&format!("path:      {}\n", a.path));
    if let Some(url) = &a.url {
        out.push_str(&format!("url:       {url}\n"));
    }
    if let Some(title) = &a.title {
        out.push_str(&format!("title:     {title}\n"));
    }
    match &a.published {
        Some(p) => out.push_str(&format!("published: {} ({})\n", p.date, p.source.as_str())),
        None => out.push_str("published: unknown\n"),
    }
    out.push_str(&format!("hash:      {}\n\n", a.hash));

    let marks = marks(a);
    for s in &a.sentences {
        let tag = match s.kind {
            SentenceKind::Body => String::new(),
            k => format!("({}) ", k.as_str()),
        };
        out.push_str(&format!(
            "{:>3}  {tag}{}\n",
            s.index,
            mark_sentence(s, &marks)
        ));
    }

    out.push_str(&format!("\n{} events\n", a.events.len()));
    for (i, e) in a.events.iter().enumerate() {
        let target = e
            .target
            .as_ref()
            .map_or("-".to_string(), |t| format!("{} ({})", t.code, t.name));
        let date = e.date.as_ref().map_or("undated".to_string(), range_str);
        let mode = e
            .mode
            .as_deref()
            .map(|m| format!("/{m}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{:>3}  {} ({}) {}{} {}  {}  {}  CAMEO {} Goldstein {:+.1}\n",
            i + 1,
            e.source.code,
            e.source.name,
            e.kind.as_str(),
            mode,
            target,
            date,
            e.modality.as_str(),
            e.cameo,
            e.goldstein,
        ));
        out.push_str(&format!("     « {} »\n", e.evidence.sentence.trim()));
    }
    if !a.warnings.is_empty() {
        out.push_str("\nwarnings\n");
        for w in &a.warnings {
            out.push_str(&format!("  - {w}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, label: &str, rank: u8) -> Mark {
        Mark {
            start,
            end,
            open: "[",
            close: "]",
            label: label.into(),
            rank,
        }
    }

    #[test]
    fn marks_are_inserted_at_character_offsets() {
        // Document offsets: the sentence starts at character 10.
        let s = Sentence {
            index: 1,
            start: 10,
            end: 28,
            kind: SentenceKind::Body,
            text: "Nga hội đàm với Mỹ".into(),
        };
        let marks = vec![mark(10, 13, "GPE RUS", 2), mark(26, 28, "GPE USA", 2)];
        assert_eq!(
            mark_sentence(&s, &marks),
            "[Nga]{GPE RUS} hội đàm với [Mỹ]{GPE USA}"
        );
    }

    #[test]
    fn marks_outside_the_sentence_are_ignored() {
        let s = Sentence {
            index: 0,
            start: 0,
            end: 3,
            kind: SentenceKind::Title,
            text: "abc".into(),
        };
        assert_eq!(mark_sentence(&s, &[mark(2, 9, "X", 0)]), "abc");
    }
}
