use super::*;
use chrono::NaiveDate;
use sukien_model::{
    DateMention, DateRange, Entity, EntityType, EventActor, EventMention, Evidence, Mention, Place,
    Precision, Published, PublishedSource, Sentence, SentenceKind,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn actor(code: &str, name: &str, entity: Option<usize>) -> EventActor {
    EventActor {
        code: code.into(),
        name: name.into(),
        entity,
    }
}

/// A document with every field of every part filled, Unicode throughout.
/// `hash` makes it distinct; events get the given (type, source, target,
/// date, modality).
fn sample(hash: &str) -> Analysis {
    let title = "Nga và Triều Tiên ký hiệp ước";
    let s1 =
        "Ngày 19/6, Tổng thống Nga Vladimir Putin hội đàm với lãnh đạo Triều Tiên tại Bình Nhưỡng.";
    let s2 = "Mỹ cáo buộc Triều Tiên chuyển vũ khí cho Nga, nhưng Bình Nhưỡng bác bỏ.";
    let s3 = "Nguồn: Reuters";
    let text = format!("{title}\n{s1} {s2}\n{s3}");
    let t0 = 0;
    let t1 = chars(title) + 1;
    let t2 = t1 + chars(s1) + 1;
    let t3 = t2 + chars(s2) + 1;
    let at = |sentence_start: usize, sentence: &str, needle: &str| -> (usize, usize) {
        let byte = sentence.find(needle).unwrap();
        let start = sentence_start + chars(&sentence[..byte]);
        (start, start + chars(needle))
    };
    let mention = |sentence: usize, ss: usize, stext: &str, needle: &str| {
        let (start, end) = at(ss, stext, needle);
        Mention {
            sentence,
            start,
            end,
            text: needle.into(),
        }
    };
    let (hd_s, hd_e) = at(t1, s1, "hội đàm");
    let (cb_s, cb_e) = at(t2, s2, "cáo buộc");
    let (d_s, d_e) = at(t1, s1, "Ngày 19/6");
    Analysis {
        hash: hash.into(),
        path: format!("tin/{hash}.txt"),
        url: Some("https://báo.example/thời-sự/nga-triều-tiên".into()),
        title: Some(title.into()),
        published: Some(Published {
            date: day(2024, 6, 20),
            source: PublishedSource::Inferred,
            confidence: 0.7,
        }),
        sources: vec!["https://reuters.example/a".into(), "TTXVN".into()],
        text: text.clone(),
        sentences: vec![
            Sentence {
                index: 0,
                start: t0,
                end: chars(title),
                kind: SentenceKind::Title,
                text: title.into(),
            },
            Sentence {
                index: 1,
                start: t1,
                end: t1 + chars(s1),
                kind: SentenceKind::Body,
                text: s1.into(),
            },
            Sentence {
                index: 2,
                start: t2,
                end: t2 + chars(s2),
                kind: SentenceKind::Caption,
                text: s2.into(),
            },
            Sentence {
                index: 3,
                start: t3,
                end: t3 + chars(s3),
                kind: SentenceKind::Boilerplate,
                text: s3.into(),
            },
        ],
        entities: vec![
            Entity {
                id: 0,
                name: "Russia".into(),
                kind: EntityType::GPE,
                actor: Some("RUS".into()),
                sector: None,
                kb: Some("rus".into()),
                mentions: vec![mention(0, t0, title, "Nga"), mention(1, t1, s1, "Nga")],
            },
            Entity {
                id: 1,
                name: "North Korea".into(),
                kind: EntityType::GPE,
                actor: Some("PRK".into()),
                sector: Some("GOV".into()),
                kb: Some("prk".into()),
                mentions: vec![
                    mention(0, t0, title, "Triều Tiên"),
                    mention(1, t1, s1, "Triều Tiên"),
                    mention(2, t2, s2, "Bình Nhưỡng"),
                ],
            },
            Entity {
                id: 2,
                name: "Vladimir Putin".into(),
                kind: EntityType::PER,
                actor: Some("RUS".into()),
                sector: Some("GOV".into()),
                kb: Some("putin".into()),
                mentions: vec![mention(1, t1, s1, "Vladimir Putin")],
            },
            Entity {
                id: 3,
                name: "Pyongyang".into(),
                kind: EntityType::LOC,
                actor: None,
                sector: None,
                kb: None,
                mentions: vec![mention(1, t1, s1, "Bình Nhưỡng")],
            },
        ],
        dates: vec![
            DateMention {
                sentence: 1,
                start: d_s,
                end: d_e,
                text: "Ngày 19/6".into(),
                value: Some(DateRange {
                    from: day(2024, 6, 19),
                    to: day(2024, 6, 19),
                    precision: Precision::Day,
                }),
                relative: true,
            },
            DateMention {
                sentence: 2,
                start: 1,
                end: 3,
                text: "hôm ấy".into(),
                value: None,
                relative: false,
            },
        ],
        events: vec![
            Event {
                kind: EventType::CONSULT,
                mode: Some("meet".into()),
                source: actor("RUS", "Vladimir Putin", Some(2)),
                target: Some(actor("PRK", "North Korea", Some(1))),
                date: Some(DateRange {
                    from: day(2024, 6, 19),
                    to: day(2024, 6, 19),
                    precision: Precision::Day,
                }),
                date_basis: Some("text".into()),
                place: Some(Place {
                    name: "Bình Nhưỡng".into(),
                    country: Some("PRK".into()),
                    lat: Some(39.0392),
                    lon: Some(125.7625),
                }),
                modality: Modality::Asserted,
                cameo: "040".into(),
                goldstein: 1.0,
                quad_class: 1,
                reported_by: Some(actor("VNM", "Thông tấn xã Việt Nam", None)),
                evidence: Evidence {
                    sentence: s1.into(),
                    start: t1,
                    end: t1 + chars(s1),
                },
                mentions: vec![EventMention {
                    sentence: 1,
                    start: hd_s,
                    end: hd_e,
                    trigger: "hội đàm".into(),
                }],
            },
            Event {
                kind: EventType::ACCUSE,
                mode: None,
                source: actor("USA", "United States", None),
                target: Some(actor("PRK", "North Korea", Some(1))),
                date: Some(DateRange {
                    from: day(2024, 6, 1),
                    to: day(2024, 6, 30),
                    precision: Precision::Month,
                }),
                date_basis: Some("published".into()),
                place: None,
                modality: Modality::Denied,
                cameo: "112".into(),
                goldstein: -2.5,
                quad_class: 3,
                reported_by: None,
                evidence: Evidence {
                    sentence: s2.into(),
                    start: t2,
                    end: t2 + chars(s2),
                },
                mentions: vec![
                    EventMention {
                        sentence: 2,
                        start: cb_s,
                        end: cb_e,
                        trigger: "cáo buộc".into(),
                    },
                    EventMention {
                        sentence: 2,
                        start: cb_s,
                        end: cb_e,
                        trigger: "bác bỏ".into(),
                    },
                ],
            },
            Event {
                kind: EventType::AID,
                mode: None,
                source: actor("PRK", "North Korea", Some(1)),
                target: None,
                date: None,
                date_basis: None,
                place: None,
                modality: Modality::Alleged,
                cameo: "07".into(),
                goldstein: 7.4,
                quad_class: 2,
                reported_by: Some(actor("USA", "United States", None)),
                evidence: Evidence {
                    sentence: s2.into(),
                    start: t2,
                    end: t2 + chars(s2),
                },
                mentions: vec![],
            },
        ],
        warnings: vec!["ngày đăng bị mâu thuẫn".into()],
    }
}

/// A small document with one event, for filter tests.
fn one_event(hash: &str, ev: Event) -> Analysis {
    let mut a = sample(hash);
    a.events = vec![ev];
    a
}

fn event(
    kind: EventType,
    src: &str,
    tgt: Option<&str>,
    date: Option<(NaiveDate, NaiveDate)>,
) -> Event {
    let mut e = sample("x").events[0].clone();
    e.kind = kind;
    e.source = actor(src, src, None);
    e.target = tgt.map(|t| actor(t, t, None));
    e.date = date.map(|(from, to)| DateRange {
        from,
        to,
        precision: Precision::Day,
    });
    e
}

fn hash(n: u32) -> String {
    format!("{n:064x}")
}

#[test]
fn analysis_round_trips_by_id_hash_prefix_and_path() {
    let mut store = Store::open_in_memory().unwrap();
    let a = sample(&format!("abcdef{}", "0".repeat(58)));
    assert!(store.insert(&a).unwrap());
    assert!(store.contains(&a.hash).unwrap());
    let id = store.documents().unwrap()[0].id;
    assert_eq!(store.analysis(&id.to_string()).unwrap().as_ref(), Some(&a));
    assert_eq!(store.analysis("abcdef").unwrap().as_ref(), Some(&a));
    assert_eq!(store.analysis("ABCDEF0").unwrap().as_ref(), Some(&a));
    assert_eq!(store.analysis(&a.path).unwrap().as_ref(), Some(&a));
    assert_eq!(
        store.analysis("abcde").unwrap(),
        None,
        "prefix too short, not a path either"
    );
    assert_eq!(store.analysis("999").unwrap(), None);
}

#[test]
fn analysis_without_optional_parts_round_trips() {
    let mut store = Store::open_in_memory().unwrap();
    let mut a = sample(&hash(7));
    a.url = None;
    a.title = None;
    a.published = None;
    a.sources.clear();
    a.warnings.clear();
    a.dates.clear();
    a.events.clear();
    a.entities.clear();
    a.sentences.clear();
    assert!(store.insert(&a).unwrap());
    assert_eq!(store.analysis(&a.hash).unwrap(), Some(a));
}

#[test]
fn ambiguous_hash_prefix_is_an_error() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .insert(&sample(&format!("aaaaaa1{}", "0".repeat(57))))
        .unwrap();
    store
        .insert(&sample(&format!("aaaaaa2{}", "0".repeat(57))))
        .unwrap();
    let err = store.analysis("aaaaaa").unwrap_err();
    assert!(
        matches!(err, StoreError::Ambiguous { matches: 2, .. }),
        "{err}"
    );
    assert!(store.analysis("aaaaaa2").unwrap().is_some());
}

#[test]
fn duplicate_hash_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let a = sample(&hash(1));
    assert!(store.insert(&a).unwrap());
    let before = store.counts().unwrap();
    let mut again = a.clone();
    again.path = "other/path.txt".into();
    assert!(!store.insert(&again).unwrap());
    assert_eq!(store.counts().unwrap(), before);
    assert_eq!(store.documents().unwrap().len(), 1);
    assert_eq!(store.documents().unwrap()[0].path, a.path);
}

#[test]
fn counts_cover_every_table() {
    let mut store = Store::open_in_memory().unwrap();
    store.insert(&sample(&hash(1))).unwrap();
    let c = store.counts().unwrap();
    assert_eq!(
        c,
        Counts {
            documents: 1,
            sentences: 4,
            entities: 4,
            mentions: 7,
            events: 3,
            event_mentions: 3
        }
    );
}

#[test]
fn failure_mid_insert_rolls_back_everything() {
    let mut store = Store::open_in_memory().unwrap();
    // Fails after the document, sentences, entities, mentions and dates are
    // written: the event insert aborts.
    store
        .conn
        .execute_batch(
            "CREATE TEMP TRIGGER inject_failure BEFORE INSERT ON events
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
        )
        .unwrap();
    let a = sample(&hash(1));
    let err = store.insert(&a).unwrap_err();
    assert!(err.to_string().contains("injected failure"), "{err}");
    assert_eq!(store.counts().unwrap(), Counts::default());
    let fts: i64 = store
        .conn
        .query_row("SELECT COUNT(*) FROM documents_fts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fts, 0);
    assert!(!store.contains(&a.hash).unwrap());

    store
        .conn
        .execute_batch("DROP TRIGGER inject_failure")
        .unwrap();
    assert!(store.insert(&a).unwrap());
    assert_eq!(store.analysis(&a.hash).unwrap(), Some(a));
}

#[test]
fn unstorable_offset_is_an_error_and_rolls_back() {
    let mut store = Store::open_in_memory().unwrap();
    let mut a = sample(&hash(1));
    a.events[1].mentions[0].end = usize::MAX;
    let err = store.insert(&a).unwrap_err();
    assert!(matches!(err, StoreError::OutOfRange { .. }), "{err}");
    assert_eq!(store.counts().unwrap(), Counts::default());
}

#[test]
fn fts_row_follows_document() {
    let mut store = Store::open_in_memory().unwrap();
    store.insert(&sample(&hash(1))).unwrap();
    let q = |s: &Store, m: &str| -> i64 {
        s.conn
            .query_row(
                "SELECT COUNT(*) FROM documents_fts WHERE documents_fts MATCH ?1",
                [m],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(q(&store, "folded:\"binh nhuong\""), 1);
    assert_eq!(q(&store, "text:\"Bình Nhưỡng\""), 1);
    assert_eq!(q(&store, "title:hiệp"), 1);
    store.conn.execute("DELETE FROM documents", []).unwrap();
    assert_eq!(q(&store, "folded:\"binh nhuong\""), 0);
    assert_eq!(
        store.counts().unwrap(),
        Counts::default(),
        "cascade removes every child row"
    );
}

fn filter_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let evs = [
        event(
            EventType::CONSULT,
            "RUS",
            Some("PRK"),
            Some((day(2024, 6, 19), day(2024, 6, 19))),
        ),
        event(
            EventType::ACCUSE,
            "PRK",
            Some("RUS"),
            Some((day(2024, 3, 1), day(2024, 3, 31))),
        ),
        event(
            EventType::ACCUSE,
            "USA",
            Some("PRK"),
            Some((day(2023, 1, 1), day(2023, 12, 31))),
        ),
        event(EventType::AID, "RUS", Some("SYR"), None),
        event(
            EventType::ASSAULT,
            "RUS",
            None,
            Some((day(2024, 7, 2), day(2024, 7, 2))),
        ),
    ];
    for (i, ev) in evs.into_iter().enumerate() {
        store.insert(&one_event(&hash(i as u32 + 1), ev)).unwrap();
    }
    store
}

fn kinds_and_sources(rows: &[EventRow]) -> Vec<(EventType, String)> {
    rows.iter()
        .map(|r| (r.event.kind, r.event.source.code.clone()))
        .collect()
}

#[test]
fn events_are_ordered_by_date_undated_last() {
    let store = filter_store();
    let all = store.events(&EventFilter::default()).unwrap();
    let dates: Vec<_> = all.iter().map(|r| r.event.date.map(|d| d.from)).collect();
    assert_eq!(
        dates,
        vec![
            Some(day(2023, 1, 1)),
            Some(day(2024, 3, 1)),
            Some(day(2024, 6, 19)),
            Some(day(2024, 7, 2)),
            None
        ]
    );
    assert_eq!(all[0].document.published, Some(day(2024, 6, 20)));
    assert_eq!(
        all[0].document.title.as_deref(),
        Some("Nga và Triều Tiên ký hiệp ước")
    );
    // Rows carry whole events, mentions included.
    assert_eq!(all[0].event.mentions.len(), 1);
}

#[test]
fn actor_filter_gives_the_dyad_both_ways() {
    let store = filter_store();
    let f = EventFilter {
        actors: vec!["RUS".into(), "PRK".into()],
        ..Default::default()
    };
    assert_eq!(
        kinds_and_sources(&store.events(&f).unwrap()),
        vec![
            (EventType::ACCUSE, "PRK".into()),
            (EventType::CONSULT, "RUS".into())
        ]
    );
    let f = EventFilter {
        actors: vec!["RUS".into()],
        ..Default::default()
    };
    assert_eq!(store.events(&f).unwrap().len(), 4);
}

#[test]
fn type_filter_takes_any_of_the_types() {
    let store = filter_store();
    let f = EventFilter {
        types: vec![EventType::ACCUSE, EventType::AID],
        ..Default::default()
    };
    assert_eq!(
        kinds_and_sources(&store.events(&f).unwrap()),
        vec![
            (EventType::ACCUSE, "USA".into()),
            (EventType::ACCUSE, "PRK".into()),
            (EventType::AID, "RUS".into())
        ]
    );
}

#[test]
fn since_until_keep_overlapping_ranges() {
    let store = filter_store();
    // March range overlaps from its last day; 2023 does not; undated drops.
    let f = EventFilter {
        since: Some(day(2024, 3, 31)),
        until: Some(day(2024, 6, 30)),
        ..Default::default()
    };
    assert_eq!(
        kinds_and_sources(&store.events(&f).unwrap()),
        vec![
            (EventType::ACCUSE, "PRK".into()),
            (EventType::CONSULT, "RUS".into())
        ]
    );
    let f = EventFilter {
        since: Some(day(2023, 12, 31)),
        ..Default::default()
    };
    assert_eq!(store.events(&f).unwrap().len(), 4);
    let f = EventFilter {
        until: Some(day(2023, 6, 1)),
        ..Default::default()
    };
    assert_eq!(
        kinds_and_sources(&store.events(&f).unwrap()),
        vec![(EventType::ACCUSE, "USA".into())]
    );
}

#[test]
fn modality_document_limit_and_offset_filters() {
    let mut store = filter_store();
    let mut ev = event(EventType::THREATEN, "USA", Some("IRN"), None);
    ev.modality = Modality::Hypothetical;
    store.insert(&one_event(&hash(99), ev)).unwrap();
    let f = EventFilter {
        modality: Some(Modality::Hypothetical),
        ..Default::default()
    };
    assert_eq!(
        kinds_and_sources(&store.events(&f).unwrap()),
        vec![(EventType::THREATEN, "USA".into())]
    );

    let f = EventFilter {
        document: Some(hash(2)),
        ..Default::default()
    };
    assert_eq!(
        kinds_and_sources(&store.events(&f).unwrap()),
        vec![(EventType::ACCUSE, "PRK".into())]
    );
    let f = EventFilter {
        document: Some("no/such/file.txt".into()),
        ..Default::default()
    };
    assert!(store.events(&f).unwrap().is_empty());

    let all = store.events(&EventFilter::default()).unwrap();
    let f = EventFilter {
        limit: Some(2),
        offset: 1,
        ..Default::default()
    };
    let page = store.events(&f).unwrap();
    assert_eq!(page, all[1..3].to_vec());
    let f = EventFilter {
        offset: 100,
        ..Default::default()
    };
    assert!(store.events(&f).unwrap().is_empty());
}

#[test]
fn text_filter_ignores_accents_and_case() {
    let mut store = Store::open_in_memory().unwrap();
    store.insert(&sample(&hash(1))).unwrap();
    let f = |t: &str| EventFilter {
        text: Some(t.into()),
        ..Default::default()
    };
    assert_eq!(store.events(&f("trieu tien")).unwrap().len(), 3);
    assert_eq!(store.events(&f("BINH NHUONG")).unwrap().len(), 3);
    assert_eq!(store.events(&f("hoi dam")).unwrap().len(), 1);
    assert_eq!(store.events(&f("Hội đàm")).unwrap().len(), 1);
    assert_eq!(store.events(&f("cao buoc")).unwrap().len(), 2);
    assert!(
        store.events(&f("100%")).unwrap().is_empty(),
        "wildcards are literal"
    );
    assert!(store.events(&f("tehran")).unwrap().is_empty());
}

#[test]
fn actors_group_entities_and_count_their_events() {
    let mut store = Store::open_in_memory().unwrap();
    store.insert(&sample(&hash(1))).unwrap();
    store.insert(&sample(&hash(2))).unwrap();
    let actors = store.actors().unwrap();
    let find = |name: &str| actors.iter().find(|a| a.name == name).unwrap().clone();

    let prk = find("North Korea");
    assert_eq!((prk.code.as_str(), prk.kind.as_str()), ("PRK", "GPE"));
    assert_eq!((prk.mentions, prk.documents), (6, 2));
    // Per document: source of AID (entity index), target of CONSULT and
    // ACCUSE (entity index and code+name).
    assert_eq!((prk.events_as_source, prk.events_as_target), (2, 4));

    let putin = find("Vladimir Putin");
    assert_eq!((putin.code.as_str(), putin.kind.as_str()), ("RUS", "PER"));
    assert_eq!(
        (
            putin.mentions,
            putin.documents,
            putin.events_as_source,
            putin.events_as_target
        ),
        (2, 2, 2, 0)
    );

    let russia = find("Russia");
    // Russia's events have Putin as the named actor: not Russia's by name.
    assert_eq!(
        (
            russia.mentions,
            russia.events_as_source,
            russia.events_as_target
        ),
        (4, 0, 0)
    );

    let pyongyang = find("Pyongyang");
    assert_eq!(pyongyang.code, "");
    assert_eq!(pyongyang.kind, "LOC");

    assert_eq!(actors[0].name, "North Korea", "most mentioned first");
    assert!(actors.windows(2).all(|w| w[0].mentions >= w[1].mentions));
}

#[test]
fn actors_count_events_by_code_and_name_for_states() {
    let mut store = Store::open_in_memory().unwrap();
    let mut a = sample(&hash(1));
    // Source named as the state without an entity index.
    a.events[0].source = actor("RUS", "Russia", None);
    store.insert(&a).unwrap();
    let actors = store.actors().unwrap();
    let russia = actors.iter().find(|r| r.name == "Russia").unwrap();
    assert_eq!(russia.events_as_source, 1);
}

#[test]
fn documents_list_their_sizes() {
    let mut store = Store::open_in_memory().unwrap();
    let a = sample(&hash(3));
    store.insert(&a).unwrap();
    let docs = store.documents().unwrap();
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d.hash, a.hash);
    assert_eq!(d.path, a.path);
    assert_eq!(d.url, a.url);
    assert_eq!(d.title, a.title);
    assert_eq!(d.published, Some(day(2024, 6, 20)));
    assert_eq!(d.published_source.as_deref(), Some("inferred"));
    assert_eq!((d.sentences, d.entities, d.events), (4, 4, 3));
}

#[test]
fn migrations_are_idempotent_on_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/sukien.db");
    let a = sample(&hash(1));
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            schema::MIGRATIONS.len() as i64
        );
        store.insert(&a).unwrap();
    }
    for _ in 0..2 {
        let store = Store::open(&path).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            schema::MIGRATIONS.len() as i64
        );
        assert_eq!(store.analysis(&a.hash).unwrap(), Some(a.clone()));
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sukien.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA user_version = 99").unwrap();
    }
    let err = Store::open(&path).err().unwrap();
    assert!(
        matches!(err, StoreError::NewerSchema { found: 99, .. }),
        "{err}"
    );
}

#[test]
fn reader_sees_committed_state_while_writer_holds_a_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sukien.db");
    let mut writer = Store::open(&path).unwrap();
    writer.insert(&sample(&hash(1))).unwrap();
    let reader = Store::open(&path).unwrap();

    writer.conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    insert::insert_document(&writer.conn, &sample(&hash(2))).unwrap();
    // The writer's transaction is open: the reader is not blocked and sees
    // the last committed state.
    assert_eq!(reader.counts().unwrap().documents, 1);
    assert_eq!(reader.events(&EventFilter::default()).unwrap().len(), 3);
    writer.conn.execute_batch("COMMIT").unwrap();
    assert_eq!(reader.counts().unwrap().documents, 2);
}

#[test]
fn reader_thread_runs_alongside_writer_thread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sukien.db");
    drop(Store::open(&path).unwrap());
    let write_path = path.clone();
    let writer = std::thread::spawn(move || {
        let mut store = Store::open(&write_path).unwrap();
        for i in 0..20 {
            assert!(store.insert(&sample(&hash(i))).unwrap());
        }
    });
    let reader = Store::open(&path).unwrap();
    let mut last = 0;
    for _ in 0..50 {
        let n = reader.counts().unwrap().documents;
        assert!(n >= last, "committed documents never disappear");
        last = n;
        reader
            .events(&EventFilter {
                actors: vec!["PRK".into()],
                ..Default::default()
            })
            .unwrap();
    }
    writer.join().unwrap();
    assert_eq!(reader.counts().unwrap().documents, 20);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Any Unicode text in the free-text fields comes back unchanged.
        #[test]
        fn free_text_round_trips(
            text in any::<String>(),
            title in proptest::option::of(any::<String>()),
            name in any::<String>(),
            trigger in any::<String>(),
            warnings in proptest::collection::vec(any::<String>(), 0..3),
            goldstein in -10.0f32..10.0,
        ) {
            let mut store = Store::open_in_memory().unwrap();
            let mut a = sample(&hash(1));
            a.text = text;
            a.title = title;
            a.entities[0].name = name.clone();
            a.events[0].source.name = name;
            a.events[0].mentions[0].trigger = trigger;
            a.events[0].goldstein = goldstein;
            a.warnings = warnings;
            prop_assert!(store.insert(&a).unwrap());
            prop_assert_eq!(store.analysis(&a.hash).unwrap(), Some(a));
        }
    }
}

/// Rough insert throughput on a file database: `cargo test -p sukien-store
/// -- --ignored --nocapture insert_throughput`.
#[test]
#[ignore]
fn insert_throughput() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("sukien.db")).unwrap();
    let started = std::time::Instant::now();
    let n = 500;
    for i in 0..n {
        store.insert(&sample(&hash(i))).unwrap();
    }
    let elapsed = started.elapsed();
    println!("{n} documents in {elapsed:?} ({:?} each)", elapsed / n);
}
