use std::path::Path;

use chrono::NaiveDate;
use sukien_model::{
    Analysis, DateRange, Entity, EntityType, Event, EventActor, EventType, Evidence, Mention,
    Modality, Precision, Published, PublishedSource,
};

use super::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn actor(code: &str) -> EventActor {
    EventActor {
        code: code.into(),
        name: code.into(),
        entity: None,
    }
}

/// A system event; `date` is `"A"` for one day or `"A..B"`.
fn ev(source: &str, kind: EventType, target: Option<&str>, date: Option<&str>) -> Event {
    let date = date.map(|d| {
        let (a, b) = d.split_once("..").unwrap_or((d, d));
        DateRange {
            from: day(a),
            to: day(b),
            precision: if a == b {
                Precision::Day
            } else {
                Precision::Week
            },
        }
    });
    Event {
        kind,
        mode: None,
        source: actor(source),
        target: target.map(actor),
        date,
        date_basis: None,
        place: None,
        modality: Modality::Asserted,
        cameo: String::new(),
        goldstein: 0.0,
        quad_class: kind.quad_class(),
        reported_by: None,
        evidence: Evidence {
            sentence: format!("{source} {kind} {target:?}"),
            start: 0,
            end: 0,
        },
        mentions: Vec::new(),
    }
}

fn entity(id: usize, name: &str, actor: Option<&str>, mentions: &[&str]) -> Entity {
    Entity {
        id,
        name: name.into(),
        kind: EntityType::GPE,
        actor: actor.map(Into::into),
        sector: None,
        kb: None,
        mentions: mentions
            .iter()
            .map(|m| Mention {
                sentence: 0,
                start: 0,
                end: 0,
                text: (*m).into(),
            })
            .collect(),
    }
}

fn analysis(events: Vec<Event>, entities: Vec<Entity>, published: Option<&str>) -> Analysis {
    Analysis {
        hash: String::new(),
        path: "test.txt".into(),
        url: None,
        title: None,
        published: published.map(|d| Published {
            date: day(d),
            source: PublishedSource::Given,
            confidence: 1.0,
        }),
        sources: Vec::new(),
        text: String::new(),
        sentences: Vec::new(),
        entities,
        dates: Vec::new(),
        events,
        warnings: Vec::new(),
    }
}

/// A one-document gold whose events are the given JSON objects.
fn gold_with(events: &str, entities: &str) -> Gold {
    let text = format!(
        r#"{{"schema": "gold/1", "documents": [{{"file": "a.txt",
            "published": {{"from": "2024-01-16", "to": "2024-01-18"}},
            "entities": [{entities}], "events": [{events}]}}]}}"#
    );
    parse_gold(&text, Path::new("test.json")).unwrap()
}

fn score_one(gold: &Gold, a: &Analysis) -> DocReport {
    score(gold, &[Some(a)]).documents.remove(0)
}

fn matches(gold_event: &str, system: Event) -> bool {
    let gold = gold_with(gold_event, "");
    event_matches(&gold.documents[0].events[0], &system)
}

const CONSULT_DAY: &str = r#"{"id": "g", "required": true, "source": "RUS", "type": "CONSULT", "target": "PRK", "date": "2024-01-16"}"#;

#[test]
fn date_widened_by_one_day_each_side() {
    use EventType::CONSULT;
    assert!(matches(
        CONSULT_DAY,
        ev("RUS", CONSULT, Some("PRK"), Some("2024-01-16"))
    ));
    assert!(matches(
        CONSULT_DAY,
        ev("RUS", CONSULT, Some("PRK"), Some("2024-01-15"))
    ));
    assert!(matches(
        CONSULT_DAY,
        ev("RUS", CONSULT, Some("PRK"), Some("2024-01-17"))
    ));
    assert!(!matches(
        CONSULT_DAY,
        ev("RUS", CONSULT, Some("PRK"), Some("2024-01-14"))
    ));
    assert!(!matches(
        CONSULT_DAY,
        ev("RUS", CONSULT, Some("PRK"), Some("2024-01-18"))
    ));
    // A coarse system range overlapping the widened day agrees.
    assert!(matches(
        CONSULT_DAY,
        ev("RUS", CONSULT, Some("PRK"), Some("2024-01-01..2024-01-31"))
    ));
    assert!(matches(
        CONSULT_DAY,
        ev("RUS", CONSULT, Some("PRK"), Some("2024-01-17..2024-01-20"))
    ));
    assert!(!matches(
        CONSULT_DAY,
        ev("RUS", CONSULT, Some("PRK"), Some("2024-01-18..2024-01-20"))
    ));
    // No system date never agrees with a gold date.
    assert!(!matches(CONSULT_DAY, ev("RUS", CONSULT, Some("PRK"), None)));
}

#[test]
fn gold_range_is_widened_too() {
    let g = r#"{"id": "g", "required": true, "source": "RUS", "type": "CONSULT", "target": "PRK",
                "date": {"from": "2024-01-10", "to": "2024-01-12"}}"#;
    assert!(matches(
        g,
        ev("RUS", EventType::CONSULT, Some("PRK"), Some("2024-01-09"))
    ));
    assert!(matches(
        g,
        ev("RUS", EventType::CONSULT, Some("PRK"), Some("2024-01-13"))
    ));
    assert!(!matches(
        g,
        ev("RUS", EventType::CONSULT, Some("PRK"), Some("2024-01-14"))
    ));
}

#[test]
fn null_gold_date_accepts_any_date_or_none() {
    let g = r#"{"id": "g", "required": true, "source": "RUS", "type": "REJECT", "target": "USA", "date": null}"#;
    assert!(matches(g, ev("RUS", EventType::REJECT, Some("USA"), None)));
    assert!(matches(
        g,
        ev("RUS", EventType::REJECT, Some("USA"), Some("1999-01-01"))
    ));
    let absent =
        r#"{"id": "g", "required": true, "source": "RUS", "type": "REJECT", "target": "USA"}"#;
    assert!(matches(
        absent,
        ev("RUS", EventType::REJECT, Some("USA"), None)
    ));
}

#[test]
fn month_and_year_precision_cover_the_whole_period() {
    let month = r#"{"id": "g", "required": true, "source": "USA", "type": "ACCUSE", "target": "PRK", "date": "2022-12"}"#;
    assert!(matches(
        month,
        ev("USA", EventType::ACCUSE, Some("PRK"), Some("2022-12-01"))
    ));
    assert!(matches(
        month,
        ev("USA", EventType::ACCUSE, Some("PRK"), Some("2022-12-31"))
    ));
    assert!(matches(
        month,
        ev("USA", EventType::ACCUSE, Some("PRK"), Some("2023-01-01"))
    )); // widened
    assert!(!matches(
        month,
        ev("USA", EventType::ACCUSE, Some("PRK"), Some("2023-01-02"))
    ));
    assert!(!matches(
        month,
        ev("USA", EventType::ACCUSE, Some("PRK"), Some("2022-11-29"))
    ));
    let year = r#"{"id": "g", "required": true, "source": "RUS", "type": "AGREE", "target": "PRK", "date": "2023"}"#;
    assert!(matches(
        year,
        ev("RUS", EventType::AGREE, Some("PRK"), Some("2023-06-15"))
    ));
    assert!(matches(
        year,
        ev("RUS", EventType::AGREE, Some("PRK"), Some("2022-12-31"))
    ));
    assert!(!matches(
        year,
        ev("RUS", EventType::AGREE, Some("PRK"), Some("2024-01-02"))
    ));
    // Range with ends at month precision: first day of one to last day of the other.
    let d = GoldDate::range("2024-02", "2024-03").unwrap();
    assert_eq!((d.from, d.to), (day("2024-02-01"), day("2024-03-31")));
    let leap = GoldDate::parse("2024-02").unwrap();
    assert_eq!(leap.to, day("2024-02-29"));
}

#[test]
fn consult_meet_is_symmetric_but_visit_is_not() {
    let meet = r#"{"id": "g", "required": true, "source": "PRK", "type": "CONSULT", "mode": "meet",
                   "target": "RUS", "date": null}"#;
    assert!(matches(
        meet,
        ev("PRK", EventType::CONSULT, Some("RUS"), None)
    ));
    assert!(matches(
        meet,
        ev("RUS", EventType::CONSULT, Some("PRK"), None)
    ));
    assert!(!matches(
        meet,
        ev("RUS", EventType::CONSULT, Some("USA"), None)
    ));
    let visit = r#"{"id": "g", "required": true, "source": "PRK", "type": "CONSULT", "mode": "visit",
                    "target": "RUS", "date": null}"#;
    assert!(!matches(
        visit,
        ev("RUS", EventType::CONSULT, Some("PRK"), None)
    ));
    // Symmetry is for CONSULT only, even when the gold type list allows others.
    let agree = r#"{"id": "g", "required": true, "source": "PRK", "type": ["CONSULT", "AGREE"], "mode": "meet",
                    "target": "RUS", "date": null}"#;
    assert!(!matches(
        agree,
        ev("RUS", EventType::AGREE, Some("PRK"), None)
    ));
    assert!(matches(
        agree,
        ev("PRK", EventType::AGREE, Some("RUS"), None)
    ));
}

#[test]
fn list_valued_type_source_and_target() {
    let g = r#"{"id": "g", "required": true, "source": ["USA", "KOR"], "type": ["ACCUSE", "CONSULT"],
                "target": ["CHN", "PRK"], "date": null}"#;
    assert!(matches(g, ev("USA", EventType::ACCUSE, Some("CHN"), None)));
    assert!(matches(g, ev("KOR", EventType::CONSULT, Some("PRK"), None)));
    assert!(!matches(
        g,
        ev("USA", EventType::THREATEN, Some("CHN"), None)
    ));
    assert!(!matches(g, ev("USA", EventType::ACCUSE, Some("RUS"), None)));
    assert!(!matches(g, ev("JPN", EventType::ACCUSE, Some("CHN"), None)));
    assert!(!matches(g, ev("USA", EventType::ACCUSE, None, None)));
}

#[test]
fn null_target_needs_null_target() {
    let g = r#"{"id": "g", "required": true, "source": "PRK", "type": "MOBILIZE", "target": null, "date": null}"#;
    assert!(matches(g, ev("PRK", EventType::MOBILIZE, None, None)));
    assert!(!matches(
        g,
        ev("PRK", EventType::MOBILIZE, Some("KOR"), None)
    ));
    assert!(!matches(
        CONSULT_DAY,
        ev("RUS", EventType::CONSULT, None, Some("2024-01-16"))
    ));
}

#[test]
fn maximum_matching_beats_greedy() {
    // g1 accepts both system events (null date), g2 only the first (dated).
    // Greedy in gold order gives g1–#0 and leaves g2 unmatched.
    let gold = gold_with(
        r#"{"id": "g1", "required": true, "source": "RUS", "type": "CONSULT", "target": "PRK", "date": null},
           {"id": "g2", "required": true, "source": "RUS", "type": "CONSULT", "target": "PRK", "date": "2024-01-16"}"#,
        "",
    );
    let a = analysis(
        vec![
            ev("RUS", EventType::CONSULT, Some("PRK"), Some("2024-01-16")),
            ev("RUS", EventType::CONSULT, Some("PRK"), Some("2020-05-05")),
        ],
        vec![],
        None,
    );
    let d = score_one(&gold, &a);
    assert_eq!(d.totals.matched_required, 2);
    assert_eq!(d.totals.system_matched, 2);
    assert!(d.missed.is_empty() && d.false_positives.is_empty());
    assert!(
        d.matched.contains(&("g1".to_string(), 1)) && d.matched.contains(&("g2".to_string(), 0))
    );
    assert_eq!(
        (d.totals.precision, d.totals.recall, d.totals.f1),
        (1.0, 1.0, 1.0)
    );
}

#[test]
fn one_system_event_matches_one_gold_event() {
    let gold = gold_with(
        r#"{"id": "a", "required": true, "source": "RUS", "type": "REJECT", "target": "USA", "date": null},
           {"id": "b", "required": true, "source": "RUS", "type": "REJECT", "target": "USA", "date": null}"#,
        "",
    );
    let a = analysis(
        vec![ev("RUS", EventType::REJECT, Some("USA"), None)],
        vec![],
        None,
    );
    let d = score_one(&gold, &a);
    assert_eq!((d.totals.matched_required, d.totals.required), (1, 2));
    assert_eq!(d.missed, vec!["b".to_string()]);
    // And a duplicate system event beyond the gold's is a false positive.
    let a = analysis(
        vec![ev("RUS", EventType::REJECT, Some("USA"), None); 3],
        vec![],
        None,
    );
    let d = score_one(&gold, &a);
    assert_eq!(d.false_positives, vec![2]);
    assert!((d.totals.precision - 2.0 / 3.0).abs() < 1e-12);
}

#[test]
fn optional_events_count_for_precision_only_and_never_displace_required() {
    // The optional event comes first in the file and accepts the only
    // system event; the required one must still get it.
    let gold = gold_with(
        r#"{"id": "opt", "required": false, "source": "RUS", "type": "SUPPORT", "target": "PRK", "date": null},
           {"id": "req", "required": true, "source": "RUS", "type": "SUPPORT", "target": "PRK", "date": "2024-01-16"},
           {"id": "opt2", "required": false, "source": "PRK", "type": "MOBILIZE", "target": null, "date": null}"#,
        "",
    );
    let a = analysis(
        vec![
            ev("RUS", EventType::SUPPORT, Some("PRK"), Some("2024-01-16")),
            ev("PRK", EventType::MOBILIZE, None, None),
        ],
        vec![],
        None,
    );
    let d = score_one(&gold, &a);
    assert_eq!(d.totals.required, 1);
    assert_eq!(d.totals.matched_required, 1);
    assert!(d.matched.contains(&("req".to_string(), 0)));
    assert!(d.matched.contains(&("opt2".to_string(), 1)));
    // The system event that found an optional gold event is no false positive.
    assert!(d.false_positives.is_empty());
    assert_eq!(d.totals.precision, 1.0);
    // Unmatched optional events are not misses.
    assert!(d.missed.is_empty());
    assert_eq!(d.totals.recall, 1.0);
}

#[test]
fn missing_system_document_misses_everything() {
    let gold = gold_with(
        r#"{"id": "a", "required": true, "source": "RUS", "type": "REJECT", "target": "USA", "date": null}"#,
        r#"{"name": "Russia", "type": "GPE", "actor": "RUS", "mentions": ["Nga"]}"#,
    );
    for report in [score(&gold, &[None]), score(&gold, &[])] {
        let d = &report.documents[0];
        assert_eq!(d.missed, vec!["a".to_string()]);
        assert_eq!(d.missed_entities, vec!["Russia".to_string()]);
        assert_eq!(d.published_system, None);
        let t = &report.overall;
        assert_eq!(
            (t.precision, t.recall, t.f1, t.entity_recall),
            (0.0, 0.0, 0.0, 0.0)
        );
        assert_eq!((t.published_ok, t.documents), (0, 1));
        assert!(!report.to_table(&gold, &[None]).is_empty());
    }
}

#[test]
fn empty_denominators_give_no_nan() {
    let gold = gold_with("", "");
    let report = score(&gold, &[Some(&analysis(vec![], vec![], None))]);
    let t = &report.overall;
    assert_eq!(
        (t.precision, t.recall, t.f1, t.entity_recall),
        (0.0, 1.0, 0.0, 1.0)
    );
    let empty = parse_gold(r#"{"schema": "gold/1", "documents": []}"#, Path::new("x")).unwrap();
    let r = score(&empty, &[]);
    assert!(
        !r.overall.precision.is_nan()
            && !r.overall.f1.is_nan()
            && !r.overall.published_accuracy().is_nan()
    );
    assert!(serde_json::to_string(&r).is_ok());
}

#[test]
fn overall_is_micro_averaged() {
    let text = r#"{"schema": "gold/1", "documents": [
        {"file": "a", "published": "2024-01-16", "events": [
            {"id": "a1", "required": true, "source": "RUS", "type": "REJECT", "target": "USA"}]},
        {"file": "b", "published": "2024-01", "events": [
            {"id": "b1", "required": true, "source": "RUS", "type": "REJECT", "target": "USA"},
            {"id": "b2", "required": true, "source": "PRK", "type": "REJECT", "target": "USA"},
            {"id": "b3", "required": true, "source": "CHN", "type": "REJECT", "target": "USA"}]}]}"#;
    let gold = parse_gold(text, Path::new("x")).unwrap();
    let a = analysis(
        vec![ev("RUS", EventType::REJECT, Some("USA"), None)],
        vec![],
        Some("2024-01-16"),
    );
    let b = analysis(
        vec![
            ev("RUS", EventType::REJECT, Some("USA"), None),
            ev("KOR", EventType::REJECT, Some("USA"), None),
        ],
        vec![],
        Some("2024-02-01"),
    );
    let r = score(&gold, &[Some(&a), Some(&b)]);
    assert_eq!(r.documents[1].totals.recall, 1.0 / 3.0);
    // micro: 2 of 4 required, 2 of 3 system events
    assert_eq!(r.overall.recall, 0.5);
    assert!((r.overall.precision - 2.0 / 3.0).abs() < 1e-12);
    assert!((r.overall.f1 - 2.0 * 0.5 * (2.0 / 3.0) / (0.5 + 2.0 / 3.0)).abs() < 1e-12);
    assert_eq!((r.overall.published_ok, r.overall.documents), (1, 2));
    assert_eq!(
        r.documents[1].published_gold,
        (day("2024-01-01"), day("2024-01-31"))
    );
}

#[test]
fn publication_window_is_inclusive() {
    let gold = gold_with("", "");
    for (d, ok) in [
        ("2024-01-15", 0),
        ("2024-01-16", 1),
        ("2024-01-18", 1),
        ("2024-01-19", 0),
    ] {
        let r = score(&gold, &[Some(&analysis(vec![], vec![], Some(d)))]);
        assert_eq!(r.overall.published_ok, ok, "{d}");
        assert_eq!(r.documents[0].published_system, Some(day(d)));
    }
}

#[test]
fn entity_found_by_name_or_by_mention_with_actor() {
    let gold = gold_with(
        "",
        r#"{"name": "Kim Jong-un", "type": "PER", "actor": "PRK", "mentions": ["Kim Jong Un"]},
           {"name": "North Korea", "type": "GPE", "actor": "PRK", "mentions": ["Triều Tiên", "Bình Nhưỡng"]},
           {"name": "Reuters", "type": "ORG", "actor": null, "mentions": ["Reuters"]},
           {"name": "State Duma", "type": "ORG", "actor": "RUS", "mentions": ["Hạ viện"]}"#,
    );
    let ents = vec![
        // (a) canonical name, folded and hyphen/space-insensitive; actor irrelevant
        entity(0, "KIM JONG UN", None, &["ông Kim"]),
        // (b) mention (accents folded) with the right actor
        entity(1, "Pyongyang", Some("PRK"), &["Binh Nhuong"]),
        // (b) null actor = null actor
        entity(2, "Reuters news agency", None, &["reuters"]),
        // (b) mention right but actor wrong: not found
        entity(3, "Lower house", Some("USA"), &["Hạ viện"]),
    ];
    let d = score_one(&gold, &analysis(vec![], ents, None));
    assert_eq!(d.missed_entities, vec!["State Duma".to_string()]);
    assert_eq!((d.totals.entities_found, d.totals.entities), (3, 4));
    assert_eq!(d.totals.entity_recall, 0.75);
    assert_eq!(name_key("  Choe  Son-hui "), "choe son hui");
}

#[test]
fn gold_loader_reports_problems_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let missing = load_gold(&dir.path().join("nope.json")).unwrap_err();
    assert!(matches!(missing, EvalError::Io { .. }) && missing.to_string().contains("nope.json"));

    let bad = write("bad.json", "{\"schema\": \"gold/1\",\n \"documents\": [}");
    let e = load_gold(&bad).unwrap_err();
    assert!(matches!(e, EvalError::Json { line: 2, .. }), "{e}");
    assert!(e.to_string().contains("bad.json:2:"), "{e}");

    let other = write("other.json", r#"{"schema": "gold/2", "documents": 5}"#);
    let e = load_gold(&other).unwrap_err();
    assert!(
        matches!(e, EvalError::Schema { .. }) && e.to_string().contains("gold/2"),
        "{e}"
    );
    let none = write("none.json", r#"{"documents": []}"#);
    assert!(matches!(
        load_gold(&none).unwrap_err(),
        EvalError::Schema { .. }
    ));

    let shape = |events: &str| {
        let text = format!(
            r#"{{"schema": "gold/1", "documents": [{{"file": "a", "published": "2024", "events": [{events}]}}]}}"#
        );
        parse_gold(&text, Path::new("k.json"))
            .unwrap_err()
            .to_string()
    };
    let e = shape(
        r#"{"id": "x", "required": true, "source": "RUS", "type": "CONSUL", "target": null}"#,
    );
    assert!(e.contains("CONSUL") && e.contains("k.json:1:"), "{e}");
    let e = shape(
        r#"{"id": "x", "required": true, "source": "RUS", "type": "AGREE", "date": "2024-13"}"#,
    );
    assert!(e.contains("2024-13"), "{e}");
    let e = shape(
        r#"{"id": "x", "required": true, "source": "RUS", "type": "AGREE", "date": {"from": "2024-02", "to": "2024-01"}}"#,
    );
    assert!(e.contains("backwards"), "{e}");
    let e = shape(r#"{"id": "x", "required": true, "source": [], "type": "AGREE"}"#);
    assert!(e.contains("empty list"), "{e}");
    let e = shape(
        r#"{"id": "x", "required": true, "source": "RUS", "type": "AGREE"},
           {"id": "x", "required": false, "source": "RUS", "type": "AGREE"}"#,
    );
    assert!(e.contains("appears twice"), "{e}");
    let e = shape(r#"{"id": "x", "source": "RUS", "type": "AGREE"}"#);
    assert!(e.contains("required"), "{e}");
}

#[test]
fn files_resolve_against_the_folder_above_the_gold_folder() {
    let gold = gold_with("", "");
    assert_eq!(
        resolve_files(&gold, Path::new("/s/gold/seeds.json"), None),
        vec![Path::new("/s/a.txt")]
    );
    assert_eq!(
        resolve_files(
            &gold,
            Path::new("/s/gold/seeds.json"),
            Some(Path::new("/r"))
        ),
        vec![Path::new("/r/a.txt")]
    );
    assert_eq!(
        files_root(Path::new("gold/seeds.json"), None),
        Path::new(".")
    );
    assert_eq!(files_root(Path::new("seeds.json"), None), Path::new(".."));
}

fn shared_gold() -> Option<std::path::PathBuf> {
    let p = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/gold/seeds.json"
    ))
    .to_path_buf();
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

/// A system that outputs each gold event as first source, first type,
/// first target, over the gold date range, and each entity by name.
fn perfect_system(doc: &GoldDocument) -> Analysis {
    let events = doc
        .events
        .iter()
        .map(|g| {
            let mut e = ev(
                &g.source[0],
                g.kind[0],
                g.target.as_ref().map(|t| t[0].as_str()),
                None,
            );
            e.date = g.date.as_ref().map(|d| DateRange {
                from: d.from,
                to: d.to,
                precision: Precision::Day,
            });
            e
        })
        .collect();
    let entities = doc
        .entities
        .iter()
        .enumerate()
        .map(|(i, g)| entity(i, &g.name, None, &[]))
        .collect();
    let mut a = analysis(events, entities, None);
    a.published = Some(Published {
        date: doc.published.from,
        source: PublishedSource::Inferred,
        confidence: 0.5,
    });
    a
}

#[test]
fn seeds_gold_scores_perfectly_against_itself() {
    let Some(path) = shared_gold() else { return };
    let gold = load_gold(&path).unwrap();
    assert!(!gold.documents.is_empty());
    let files = resolve_files(&gold, &path, None);
    for f in &files {
        assert!(f.exists(), "{} should exist", f.display());
    }
    let systems: Vec<Analysis> = gold.documents.iter().map(perfect_system).collect();
    let refs: Vec<Option<&Analysis>> = systems.iter().map(Some).collect();
    let report = score(&gold, &refs);
    let o = &report.overall;
    assert!(o.required > 0);
    assert_eq!(
        (o.recall, o.precision, o.f1),
        (1.0, 1.0, 1.0),
        "{}",
        report.to_table(&gold, &refs)
    );
    assert_eq!(
        (o.entity_recall, o.published_ok, o.documents),
        (1.0, gold.documents.len(), gold.documents.len())
    );

    // Dropping every system event of the first document misses exactly
    // its required events.
    let mut fewer = systems.clone();
    fewer[0].events.clear();
    let refs: Vec<Option<&Analysis>> = fewer.iter().map(Some).collect();
    let r = score(&gold, &refs);
    let required0 = gold.documents[0]
        .events
        .iter()
        .filter(|e| e.required)
        .count();
    assert_eq!(r.documents[0].missed.len(), required0);
    assert_eq!(r.overall.matched_required, o.required - required0);
    assert_eq!(r.overall.precision, 1.0);
    let table = r.to_table(&gold, &refs);
    assert!(
        table.contains("missed:") && table.contains("overall"),
        "{table}"
    );
}

mod date_props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_string_parses_without_panic(s in "\\PC{0,12}") {
            if let Some(d) = GoldDate::parse(&s) {
                prop_assert!(d.from <= d.to);
            }
        }

        #[test]
        fn partial_dates_cover_their_period(y in 1i32..9999, m in 1u32..=12, d in 1u32..=31) {
            let year = GoldDate::parse(&format!("{y:04}")).unwrap();
            let month = GoldDate::parse(&format!("{y:04}-{m:02}")).unwrap();
            prop_assert!(year.from <= month.from && month.to <= year.to);
            if let Some(day) = GoldDate::parse(&format!("{y:04}-{m:02}-{d:02}")) {
                prop_assert!(month.contains(day.from) && day.from == day.to);
            }
        }
    }
}
