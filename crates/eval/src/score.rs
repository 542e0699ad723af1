//! Matching system output against the gold and counting.

use std::collections::VecDeque;

use chrono::NaiveDate;
use serde::Serialize;
use sukien_model::{Analysis, DateRange, Entity, Event, EventType};
use sukien_text::fold;

use crate::gold::{Gold, GoldDate, GoldDocument, GoldEntity, GoldEvent};

/// Scores of all articles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub documents: Vec<DocReport>,
    /// Micro-averaged: counts summed over articles, then divided.
    pub overall: Totals,
}

/// Scores of one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocReport {
    pub file: String,
    pub totals: Totals,
    /// (gold event id, index into the system's `events`), required and optional.
    pub matched: Vec<(String, usize)>,
    /// Ids of required gold events that nothing matched.
    pub missed: Vec<String>,
    /// Indexes of system events that matched no gold event.
    pub false_positives: Vec<usize>,
    /// Canonical names of gold entities the system did not find.
    pub missed_entities: Vec<String>,
    pub published_gold: (NaiveDate, NaiveDate),
    pub published_system: Option<NaiveDate>,
}

/// Counts and the ratios derived from them.
///
/// Ratios never are NaN. Conventions for empty denominators:
/// precision is 0 when the system produced no events; recall is 1 when
/// there is no required gold event (nothing to miss); entity recall is 1
/// when there is no gold entity; F1 is 0 when precision + recall is 0.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Totals {
    /// Required gold events.
    pub required: usize,
    /// Required gold events matched.
    pub matched_required: usize,
    pub system_events: usize,
    /// System events matched to a gold event, required or optional.
    pub system_matched: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub entities: usize,
    pub entities_found: usize,
    pub entity_recall: f64,
    /// Articles whose system publication date falls in the gold window.
    pub published_ok: usize,
    pub documents: usize,
}

impl Totals {
    /// Fills the ratios from the counts.
    fn finish(mut self) -> Totals {
        self.precision = ratio(self.system_matched, self.system_events, 0.0);
        self.recall = ratio(self.matched_required, self.required, 1.0);
        self.entity_recall = ratio(self.entities_found, self.entities, 1.0);
        let sum = self.precision + self.recall;
        self.f1 = if sum > 0.0 {
            2.0 * self.precision * self.recall / sum
        } else {
            0.0
        };
        self
    }

    fn add(&mut self, o: &Totals) {
        self.required += o.required;
        self.matched_required += o.matched_required;
        self.system_events += o.system_events;
        self.system_matched += o.system_matched;
        self.entities += o.entities;
        self.entities_found += o.entities_found;
        self.published_ok += o.published_ok;
        self.documents += o.documents;
    }

    /// Articles with a right publication date / articles (1 when there are none).
    pub fn published_accuracy(&self) -> f64 {
        ratio(self.published_ok, self.documents, 1.0)
    }
}

fn ratio(n: usize, d: usize, when_empty: f64) -> f64 {
    if d == 0 {
        when_empty
    } else {
        n as f64 / d as f64
    }
}

/// Scores every gold document against `systems[i]`, the analysis of
/// `gold.documents[i]`. `None`, or a missing index, means no analysis:
/// everything in that document counts as missed.
pub fn score(gold: &Gold, systems: &[Option<&Analysis>]) -> Report {
    let documents: Vec<DocReport> = gold
        .documents
        .iter()
        .enumerate()
        .map(|(i, doc)| score_document(doc, systems.get(i).copied().flatten()))
        .collect();
    let mut overall = Totals::default();
    for d in &documents {
        overall.add(&d.totals);
    }
    Report {
        documents,
        overall: overall.finish(),
    }
}

/// Scores one article.
pub fn score_document(doc: &GoldDocument, system: Option<&Analysis>) -> DocReport {
    let no_events: &[Event] = &[];
    let no_entities: &[Entity] = &[];
    let events = system.map_or(no_events, |a| a.events.as_slice());
    let entities = system.map_or(no_entities, |a| a.entities.as_slice());

    let assignment = match_events(&doc.events, events);
    let mut matched = Vec::new();
    let mut missed = Vec::new();
    let mut sys_used = vec![false; events.len()];
    for (g, ev) in doc.events.iter().enumerate() {
        match assignment[g] {
            Some(s) => {
                matched.push((ev.id.clone(), s));
                sys_used[s] = true;
            }
            None if ev.required => missed.push(ev.id.clone()),
            None => {}
        }
    }
    let false_positives: Vec<usize> = (0..events.len()).filter(|&s| !sys_used[s]).collect();

    let missed_entities: Vec<String> = doc
        .entities
        .iter()
        .filter(|e| !entity_found(e, entities))
        .map(|e| e.name.clone())
        .collect();

    let published_system = system.and_then(|a| a.published.as_ref()).map(|p| p.date);
    let published_ok = published_system.is_some_and(|d| doc.published.contains(d));

    let required = doc.events.iter().filter(|e| e.required).count();
    let totals = Totals {
        required,
        matched_required: required - missed.len(),
        system_events: events.len(),
        system_matched: events.len() - false_positives.len(),
        entities: doc.entities.len(),
        entities_found: doc.entities.len() - missed_entities.len(),
        published_ok: usize::from(published_ok),
        documents: 1,
        ..Totals::default()
    }
    .finish();

    DocReport {
        file: doc.file.clone(),
        totals,
        matched,
        missed,
        false_positives,
        missed_entities,
        published_gold: (doc.published.from, doc.published.to),
        published_system,
    }
}

/// Actor codes compare without regard to ASCII case or surrounding space.
fn same_code(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn code_in(code: &str, list: &[String]) -> bool {
    list.iter().any(|c| same_code(code, c))
}

/// Gold target null needs a system target null; a gold list needs a
/// system target code in it.
fn target_agrees(gold: Option<&[String]>, system: Option<&str>) -> bool {
    match (gold, system) {
        (None, None) => true,
        (Some(list), Some(code)) => code_in(code, list),
        _ => false,
    }
}

/// Gold null: anything agrees. Otherwise the system range must overlap the
/// gold range widened by a day on each side; no system date disagrees.
pub fn date_agrees(gold: Option<&GoldDate>, system: Option<&DateRange>) -> bool {
    let Some(g) = gold else { return true };
    let Some(s) = system else { return false };
    let lo = g.from.pred_opt().unwrap_or(g.from);
    let hi = g.to.succ_opt().unwrap_or(g.to);
    // Tolerate a reversed system range rather than miss on it.
    let (s_from, s_to) = if s.from <= s.to {
        (s.from, s.to)
    } else {
        (s.to, s.from)
    };
    s_from <= hi && s_to >= lo
}

/// Whether a system event may stand for a gold event (the four rules, plus
/// the symmetry of CONSULT/meet).
pub fn event_matches(gold: &GoldEvent, system: &Event) -> bool {
    if !gold.kind.contains(&system.kind) || !date_agrees(gold.date.as_ref(), system.date.as_ref()) {
        return false;
    }
    let sys_source = system.source.code.as_str();
    let sys_target = system.target.as_ref().map(|t| t.code.as_str());
    let gold_target = gold.target.as_deref();
    if code_in(sys_source, &gold.source) && target_agrees(gold_target, sys_target) {
        return true;
    }
    // A meeting has no direction: B CONSULT A stands for gold A CONSULT B.
    if system.kind == EventType::CONSULT && gold.is_symmetric_meet() {
        if let (Some(gt), Some(st)) = (gold_target, sys_target) {
            return code_in(st, &gold.source) && code_in(sys_source, gt);
        }
    }
    false
}

/// Maximum one-to-one matching of gold events to system events. Augments
/// from required gold events first, then optional ones: augmenting paths
/// never unmatch a gold event, so the required count is maximal and the
/// optional ones only use what is left. Returns, per gold event, the index
/// of its system event.
pub fn match_events(gold: &[GoldEvent], system: &[Event]) -> Vec<Option<usize>> {
    let adjacency: Vec<Vec<usize>> = gold
        .iter()
        .map(|g| {
            (0..system.len())
                .filter(|&s| event_matches(g, &system[s]))
                .collect()
        })
        .collect();
    let required: Vec<bool> = gold.iter().map(|g| g.required).collect();
    max_matching(&adjacency, &required, system.len())
}

/// `adjacency[g]`: the system events gold event `g` accepts (each `< n_system`).
fn max_matching(
    adjacency: &[Vec<usize>],
    required: &[bool],
    n_system: usize,
) -> Vec<Option<usize>> {
    let is_required = |g: usize| required.get(g).copied().unwrap_or(false);
    let order = (0..adjacency.len())
        .filter(|&g| is_required(g))
        .chain((0..adjacency.len()).filter(|&g| !is_required(g)));
    let mut gold_match: Vec<Option<usize>> = vec![None; adjacency.len()];
    let mut sys_match: Vec<Option<usize>> = vec![None; n_system];
    for start in order {
        augment(start, adjacency, &mut gold_match, &mut sys_match);
    }
    gold_match
}

/// One breadth-first search for an augmenting path from `start` (iterative,
/// so no input can overflow the stack); flips it when found.
fn augment(
    start: usize,
    adjacency: &[Vec<usize>],
    gold_match: &mut [Option<usize>],
    sys_match: &mut [Option<usize>],
) -> bool {
    // parent[s]: the gold event from which system event s was reached.
    let mut parent: Vec<Option<usize>> = vec![None; sys_match.len()];
    let mut queue = VecDeque::from([start]);
    let mut free = None;
    'search: while let Some(g) = queue.pop_front() {
        for &s in &adjacency[g] {
            if parent[s].is_some() {
                continue;
            }
            parent[s] = Some(g);
            match sys_match[s] {
                None => {
                    free = Some(s);
                    break 'search;
                }
                Some(next) => queue.push_back(next),
            }
        }
    }
    let Some(mut s) = free else { return false };
    while let Some(g) = parent[s] {
        let previous = gold_match[g];
        gold_match[g] = Some(s);
        sys_match[s] = Some(g);
        match previous {
            Some(p) => s = p,
            None => break,
        }
    }
    true
}

/// Folded, with hyphens as spaces and runs of space collapsed:
/// `Kim Jong-un` = `kim jong un` = `KIM JONG UN`.
pub fn name_key(s: &str) -> String {
    let folded: String = fold(s)
        .chars()
        .map(|c| {
            if matches!(
                c,
                '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}'
            ) {
                ' '
            } else {
                c
            }
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn same_actor(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => same_code(x, y),
        _ => false,
    }
}

/// Found: some system entity has the gold canonical name, or has a mention
/// spelled like a gold mention and the gold actor code.
pub fn entity_found(gold: &GoldEntity, system: &[Entity]) -> bool {
    let name = name_key(&gold.name);
    let mentions: Vec<String> = gold.mentions.iter().map(|m| name_key(m)).collect();
    system.iter().any(|e| {
        if !name.is_empty() && name_key(&e.name) == name {
            return true;
        }
        same_actor(e.actor.as_deref(), gold.actor.as_deref())
            && e.mentions.iter().any(|m| {
                let key = name_key(&m.text);
                !key.is_empty() && mentions.contains(&key)
            })
    })
}

#[cfg(test)]
mod matching_props {
    use super::max_matching;
    use proptest::prelude::*;

    /// Largest (required matched, total matched) over all matchings, by
    /// trying every assignment.
    fn brute_force(adj: &[Vec<usize>], required: &[bool], n_sys: usize) -> (usize, usize) {
        fn go(
            g: usize,
            adj: &[Vec<usize>],
            req: &[bool],
            used: &mut Vec<bool>,
            r: usize,
            t: usize,
            best: &mut (usize, usize),
        ) {
            if g == adj.len() {
                *best = (*best).max((r, t));
                return;
            }
            go(g + 1, adj, req, used, r, t, best);
            for &s in &adj[g] {
                if !used[s] {
                    used[s] = true;
                    go(g + 1, adj, req, used, r + usize::from(req[g]), t + 1, best);
                    used[s] = false;
                }
            }
        }
        let mut best = (0, 0);
        go(0, adj, required, &mut vec![false; n_sys], 0, 0, &mut best);
        best
    }

    proptest! {
        #[test]
        fn matching_maximises_required_then_total(
            n_sys in 0usize..6,
            rows in proptest::collection::vec((any::<bool>(), proptest::collection::vec(0usize..6, 0..4)), 0..6),
        ) {
            let required: Vec<bool> = rows.iter().map(|r| r.0).collect();
            let adj: Vec<Vec<usize>> = rows
                .iter()
                .map(|r| {
                    let mut v: Vec<usize> = r.1.iter().copied().filter(|&s| s < n_sys).collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                })
                .collect();
            let m = max_matching(&adj, &required, n_sys);
            // A valid matching: edges exist, no system event used twice.
            let mut used = vec![false; n_sys];
            for (g, s) in m.iter().enumerate() {
                if let Some(s) = *s {
                    prop_assert!(adj[g].contains(&s));
                    prop_assert!(!used[s]);
                    used[s] = true;
                }
            }
            let r = m.iter().enumerate().filter(|(g, s)| s.is_some() && required[*g]).count();
            let t = m.iter().filter(|s| s.is_some()).count();
            prop_assert_eq!((r, t), brute_force(&adj, &required, n_sys));
        }
    }
}
