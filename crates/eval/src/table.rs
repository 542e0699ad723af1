//! The human-readable form of a [`Report`].

use std::fmt::Write;

use sukien_model::{Analysis, DateRange, Event};

use crate::gold::{Gold, GoldEvent};
use crate::score::{DocReport, Report, Totals};

/// Longest evidence shown for a false positive, in characters.
const EVIDENCE_CHARS: usize = 100;

impl Report {
    /// Per-article lines and the overall line, then for each article its
    /// missed required events, false positives and missed entities.
    /// `gold` and `systems` must be those given to [`crate::score`].
    pub fn to_table(&self, gold: &Gold, systems: &[Option<&Analysis>]) -> String {
        let mut out = String::new();
        let width = self
            .documents
            .iter()
            .map(|d| d.file.chars().count())
            .max()
            .unwrap_or(0)
            .max(7);
        let _ = writeln!(
            out,
            "{:<width$}  {:>9} {:>6}  {:>9} {:>6}  {:>6}  {:>9} {:>6}  published",
            "article", "required", "recall", "matched", "prec", "F1", "entities", "recall"
        );
        for (i, d) in self.documents.iter().enumerate() {
            let system = systems.get(i).copied().flatten();
            let published = match (system, d.published_system) {
                (None, _) => "no analysis".to_string(),
                (Some(_), None) => format!("none (gold {})", window(d)),
                (Some(_), Some(day)) => {
                    let verdict = if d.totals.published_ok == 1 {
                        "ok"
                    } else {
                        "WRONG"
                    };
                    format!("{verdict} {day} (gold {})", window(d))
                }
            };
            let _ = writeln!(
                out,
                "{}  {published}",
                totals_line(&d.file, &d.totals, width)
            );
        }
        let o = &self.overall;
        let _ = writeln!(
            out,
            "{}  {}/{} right ({:.3})",
            totals_line("overall", o, width),
            o.published_ok,
            o.documents,
            o.published_accuracy()
        );

        for (i, d) in self.documents.iter().enumerate() {
            let Some(doc) = gold.documents.get(i) else {
                continue;
            };
            let system = systems.get(i).copied().flatten();
            if d.missed.is_empty() && d.false_positives.is_empty() && d.missed_entities.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "\n{}{}",
                d.file,
                if system.is_none() {
                    " (no analysis)"
                } else {
                    ""
                }
            );
            if !d.missed.is_empty() {
                let _ = writeln!(out, "  missed:");
                for id in &d.missed {
                    if let Some(ev) = doc.events.iter().find(|e| &e.id == id) {
                        let _ = writeln!(out, "    {:<8} {}", ev.id, gold_event_line(ev));
                    }
                }
            }
            if let Some(a) = system {
                if !d.false_positives.is_empty() {
                    let _ = writeln!(out, "  false positives:");
                    for &s in &d.false_positives {
                        if let Some(ev) = a.events.get(s) {
                            let _ = writeln!(out, "    #{:<7} {}", s, system_event_line(ev));
                        }
                    }
                }
            }
            if !d.missed_entities.is_empty() {
                let _ = writeln!(out, "  missed entities: {}", d.missed_entities.join(", "));
            }
        }
        out
    }
}

fn totals_line(label: &str, t: &Totals, width: usize) -> String {
    format!(
        "{:<width$}  {:>9} {:>6.3}  {:>9} {:>6.3}  {:>6.3}  {:>9} {:>6.3}",
        label,
        format!("{}/{}", t.matched_required, t.required),
        t.recall,
        format!("{}/{}", t.system_matched, t.system_events),
        t.precision,
        t.f1,
        format!("{}/{}", t.entities_found, t.entities),
        t.entity_recall,
    )
}

fn window(d: &DocReport) -> String {
    let (from, to) = d.published_gold;
    if from == to {
        from.to_string()
    } else {
        format!("{from}..{to}")
    }
}

fn gold_event_line(ev: &GoldEvent) -> String {
    let types: Vec<&str> = ev.kind.iter().map(|t| t.as_str()).collect();
    let target = ev.target.as_ref().map_or("-".to_string(), |t| t.join("|"));
    let date = ev.date.as_ref().map_or("-".to_string(), |d| d.text.clone());
    let mode = ev.mode.as_ref().map_or(String::new(), |m| format!("/{m}"));
    let evidence = ev.evidence.as_deref().map_or(String::new(), |e| {
        format!("  «{}»", shorten(e, EVIDENCE_CHARS))
    });
    format!(
        "{} {}{} {} {}{}",
        ev.source.join("|"),
        types.join("|"),
        mode,
        target,
        date,
        evidence
    )
}

fn system_event_line(ev: &Event) -> String {
    let target = ev.target.as_ref().map_or("-", |t| t.code.as_str());
    let date = ev.date.as_ref().map_or("-".to_string(), range_text);
    let mode = ev.mode.as_ref().map_or(String::new(), |m| format!("/{m}"));
    format!(
        "{} {}{} {} {}  «{}»",
        ev.source.code,
        ev.kind,
        mode,
        target,
        date,
        shorten(&ev.evidence.sentence, EVIDENCE_CHARS)
    )
}

fn range_text(r: &DateRange) -> String {
    if r.from == r.to {
        r.from.to_string()
    } else {
        format!("{}..{}", r.from, r.to)
    }
}

/// On one line, at most `max` characters, `…` where it was cut.
fn shorten(s: &str, max: usize) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shorten_flattens_and_cuts_on_characters() {
        assert_eq!(shorten("a\n  b", 10), "a b");
        assert_eq!(shorten("Bình Nhưỡng hôm nay", 6), "Bình …");
        assert_eq!(shorten("", 0), "");
    }
}
