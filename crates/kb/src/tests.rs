use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn kb() -> &'static Kb {
    Kb::builtin()
}

fn key(id: Option<EntityId>) -> Option<&'static str> {
    id.map(|i| kb().entity(i).key.as_str())
}

/// (surface, entity key, actor, how) of every reference.
fn refs(s: &str, on: NaiveDate) -> Vec<(String, Option<String>, Option<String>, How)> {
    let s = sukien_text::normalize(s);
    kb().recognize(&s, on)
        .into_iter()
        .map(|r| {
            (
                s[r.start..r.end].to_string(),
                key(r.entity).map(str::to_string),
                r.actor.clone(),
                r.how,
            )
        })
        .collect()
}

fn find<'a>(
    rs: &'a [(String, Option<String>, Option<String>, How)],
    surface: &str,
) -> Option<&'a (String, Option<String>, Option<String>, How)> {
    let surface = sukien_text::normalize(surface);
    rs.iter().find(|r| r.0 == surface)
}

#[test]
fn shipped_data_parses_cleanly() {
    let errs = Kb::builtin_errors();
    for e in errs {
        eprintln!("{e}");
    }
    assert!(errs.is_empty(), "{} data errors", errs.len());
    let mut keys = std::collections::HashSet::new();
    for e in kb().entities() {
        assert!(keys.insert(e.key.clone()), "duplicate key {}", e.key);
    }
}

#[test]
fn data_sizes() {
    let count = |k: EntityType| kb().entities().filter(|e| e.kind == k).count();
    let states = kb()
        .entities()
        .filter(|e| e.kind == EntityType::GPE && e.metonym_for.is_none())
        .count();
    let aliases: usize = kb().entities().map(|e| e.aliases.len()).sum();
    eprintln!(
        "states/territories {states}, ORG {}, PER {}, LOC {}, capitals {}, aliases {aliases}, patterns {}",
        count(EntityType::ORG),
        count(EntityType::PER),
        count(EntityType::LOC),
        kb().entities().filter(|e| e.key.ends_with(".capital")).count(),
        kb().pattern_count()
    );
    assert!(states >= 220, "{states}");
    assert!(count(EntityType::PER) >= 200);
}

#[test]
fn lookups() {
    let k = kb();
    let rus = k.state("RUS").unwrap();
    assert_eq!(k.entity(rus).name, "Russia");
    assert_eq!(k.by_key("NATO"), k.state("NATO"));
    assert_eq!(
        key(k.office_holder("RUS", Office::DefenceMinister, d(2023, 7, 26))),
        Some("Sergei Shoigu")
    );
    assert_eq!(
        key(k.office_holder("RUS", Office::DefenceMinister, d(2024, 6, 1))),
        Some("Andrei Belousov")
    );
    assert_eq!(
        key(k.office_holder("PRK", Office::ForeignMinister, d(2024, 1, 16))),
        Some("Choe Son-hui")
    );
    assert_eq!(
        key(k.office_holder("PRK", Office::Leader, d(2010, 1, 1))),
        Some("Kim Jong-il")
    );
    assert_eq!(
        key(k.office_holder("USA", Office::HeadOfState, d(2023, 1, 1))),
        Some("Joe Biden")
    );
    assert_eq!(
        key(k.office_holder("USA", Office::HeadOfState, d(2025, 3, 1))),
        Some("Donald Trump")
    );
    assert_eq!(
        key(k.office_holder("NATO", Office::SecretaryGeneral, d(2023, 1, 29))),
        Some("Jens Stoltenberg")
    );
    assert_eq!(
        key(k.office_holder("NATO", Office::SecretaryGeneral, d(2025, 1, 1))),
        Some("Mark Rutte")
    );
    // Leader falls back to head of state.
    assert_eq!(
        key(k.office_holder("RUS", Office::Leader, d(2024, 1, 1))),
        Some("Vladimir Putin")
    );
    let shoigu = k.by_key("Sergei Shoigu").unwrap();
    assert_eq!(
        k.offices_of(shoigu, d(2020, 1, 1)),
        vec![(Office::DefenceMinister, "RUS".to_string())]
    );
    assert_eq!(
        k.offices_of(shoigu, d(2025, 1, 1)),
        vec![(Office::Official, "RUS".to_string())]
    );
    for n in [
        "Sergey Lavrov",
        "sergei lavrov",
        "Kim Jong Un",
        "kim jong-un",
        "Kim Jong-Un",
        "Dmitri Peskov",
        "Tập Cận Bình",
        "tap can binh",
    ] {
        assert!(k.find_person_by_name(n).is_some(), "{n}");
    }
    assert_eq!(
        key(k.find_person_by_name("Choe Son Hui")),
        Some("Choe Son-hui")
    );
    assert!(k.find_person_by_name("Kim").is_none());
    assert!(k.find_person_by_name("").is_none());
}

#[test]
fn titles_with_country_and_name() {
    let on = d(2024, 3, 1);
    let rs = refs(
        "Hôm qua, Ngoại trưởng Nga Sergei Lavrov đã tới Bắc Kinh.",
        on,
    );
    let r = find(&rs, "Ngoại trưởng Nga Sergei Lavrov").unwrap();
    assert_eq!(
        (r.1.as_deref(), r.2.as_deref(), r.3),
        (Some("Sergei Lavrov"), Some("RUS"), How::Name)
    );
    assert_eq!(find(&rs, "Bắc Kinh").unwrap().2.as_deref(), Some("CHN"));

    let s = sukien_text::normalize("Ngoại trưởng Nga Sergey Lavrov phát biểu.");
    let r = &kb().recognize(&s, on)[0];
    assert_eq!(r.office, Some(Office::ForeignMinister));
    assert_eq!(&s[r.name.unwrap().0..r.name.unwrap().1], "Sergey Lavrov");

    let rs = refs("Ngoại trưởng Nga cho biết Moscow sẵn sàng đàm phán.", on);
    let r = find(&rs, "Ngoại trưởng Nga").unwrap();
    assert_eq!((r.1.as_deref(), r.3), (Some("Sergei Lavrov"), How::Title));
    assert_eq!(find(&rs, "Moscow").unwrap().3, How::Metonym);

    let rs = refs(
        "Bộ trưởng Quốc phòng Triều Tiên, Tướng Kang Sun-nam tiếp đoàn khách.",
        d(2023, 7, 26),
    );
    let r = find(&rs, "Bộ trưởng Quốc phòng Triều Tiên, Tướng Kang Sun-nam").unwrap();
    assert_eq!(
        (r.1.as_deref(), r.2.as_deref()),
        (Some("Kang Sun-nam"), Some("PRK"))
    );

    let rs = refs(
        "Ông gặp người đồng cấp Triều Tiên Choe Son Hui tại thủ đô.",
        on,
    );
    let r = find(&rs, "người đồng cấp Triều Tiên Choe Son Hui").unwrap();
    assert_eq!(r.1.as_deref(), Some("Choe Son-hui"));

    let s = sukien_text::normalize("Đại sứ Nga tại Triều Tiên Alexander Matsegora có mặt.");
    let r = &kb().recognize(&s, on)[0];
    assert_eq!(
        &s[r.start..r.end],
        "Đại sứ Nga tại Triều Tiên Alexander Matsegora"
    );
    assert_eq!(
        (key(r.entity), r.actor.as_deref(), r.office),
        (
            Some("Alexander Matsegora"),
            Some("RUS"),
            Some(Office::Ambassador)
        )
    );

    let s = sukien_text::normalize(
        "Theo Chủ tịch Ủy ban đối ngoại Duma Quốc gia Leonid Slutsky, hiệp ước có lợi.",
    );
    let r = &kb().recognize(&s, on)[0];
    assert_eq!(
        &s[r.start..r.end],
        "Chủ tịch Ủy ban đối ngoại Duma Quốc gia Leonid Slutsky"
    );
    assert_eq!(
        (key(r.entity), r.actor.as_deref()),
        (Some("Leonid Slutsky"), Some("RUS"))
    );

    let rs = refs(
        "Tổng thư ký NATO Jens Stoltenberg và Người phát ngôn Điện Kremlin Dmitry Peskov.",
        d(2023, 1, 1),
    );
    assert_eq!(
        find(&rs, "Tổng thư ký NATO Jens Stoltenberg")
            .unwrap()
            .2
            .as_deref(),
        Some("NATO")
    );
    assert_eq!(
        find(&rs, "Người phát ngôn Điện Kremlin Dmitry Peskov")
            .unwrap()
            .1
            .as_deref(),
        Some("Dmitry Peskov")
    );

    let rs = refs("nhà lãnh đạo Triều Tiên Kim Jong Un thị sát nhà máy.", on);
    assert_eq!(
        find(&rs, "nhà lãnh đạo Triều Tiên Kim Jong Un")
            .unwrap()
            .1
            .as_deref(),
        Some("Kim Jong-un")
    );
    let rs = refs("Nhà lãnh đạo Triều Tiên thị sát nhà máy.", on);
    assert_eq!(
        find(&rs, "Nhà lãnh đạo Triều Tiên").unwrap().1.as_deref(),
        Some("Kim Jong-un")
    );

    // A KB person keeps their own actor under another country's title.
    let rs = refs(
        "Ngoại trưởng Park Jin tiếp Tổng thư ký NATO.",
        d(2023, 1, 29),
    );
    let r = find(&rs, "Ngoại trưởng Park Jin").unwrap();
    assert_eq!(
        (r.1.as_deref(), r.2.as_deref()),
        (Some("Park Jin"), Some("KOR"))
    );
    let r = find(&rs, "Tổng thư ký NATO").unwrap();
    assert_eq!(r.1.as_deref(), Some("Jens Stoltenberg"));
}

#[test]
fn unknown_names_after_titles_and_honorifics() {
    let on = d(2024, 1, 1);
    let s =
        sukien_text::normalize("Bà Choe và ông Matsegora dự tiệc; Ngoại trưởng Park phát biểu.");
    let rs = kb().recognize(&s, on);
    let names: Vec<(&str, How)> = rs
        .iter()
        .map(|r| (&s[r.name.unwrap().0..r.name.unwrap().1], r.how))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Choe", How::UnknownName),
            ("Matsegora", How::Short),
            ("Park", How::UnknownName)
        ]
    );
    assert_eq!(rs[2].office, Some(Office::ForeignMinister));
    // Institution words and acronyms after a title are not names; a given
    // name the KB lacks joins a known surname.
    let s2 = sukien_text::normalize("Chủ tịch Hội đồng quản trị và Chủ tịch UEFA phát biểu.");
    assert!(kb().recognize(&s2, on).is_empty());
    let s2 = sukien_text::normalize("Ngoại trưởng Mỹ Tony Blinken đến Hà Nội.");
    let r = &kb().recognize(&s2, on)[0];
    assert_eq!(
        (key(r.entity), &s2[r.name.unwrap().0..r.name.unwrap().1]),
        (Some("Antony Blinken"), "Tony Blinken")
    );
    // Another office after a comma is another person.
    let s2 = sukien_text::normalize("Thủ tướng Nhật Bản, Bộ trưởng Kamikawa");
    let rs = kb().recognize(&s2, d(2024, 1, 1));
    assert_eq!(rs.len(), 2, "{rs:?}");
    // Unknown full name after a title, with the title's country.
    let s =
        sukien_text::normalize("Thứ trưởng Ngoại giao Nga Andrei Rudenko và Thống đốc Ivan Petrov");
    let rs = kb().recognize(&s, on);
    assert_eq!(key(rs[0].entity), Some("Andrei Rudenko"));
    assert_eq!(rs[1].how, How::UnknownName);
    assert_eq!(
        &s[rs[1].name.unwrap().0..rs[1].name.unwrap().1],
        "Ivan Petrov"
    );
}

#[test]
fn generic_bodies() {
    let on = d(2024, 1, 1);
    let s = sukien_text::normalize("Bộ Ngoại giao Mỹ, quân đội Nga và truyền thông nhà nước Triều Tiên; Bộ Ngoại giao cho biết.");
    let rs = kb().recognize(&s, on);
    let got: Vec<(&str, Option<&str>, Option<&str>, How)> = rs
        .iter()
        .map(|r| {
            (
                &s[r.start..r.end],
                r.actor.as_deref(),
                r.sector.as_deref(),
                r.how,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Bộ Ngoại giao Mỹ", Some("USA"), Some("GOV"), How::Body),
            ("quân đội Nga", Some("RUS"), Some("MIL"), How::Body),
            (
                "truyền thông nhà nước Triều Tiên",
                Some("PRK"),
                Some("MED"),
                How::Body
            ),
            ("Bộ Ngoại giao", None, Some("GOV"), How::Body),
        ]
    );
    let s = sukien_text::normalize("Máy bay hạ cánh xuống Sân bay quốc tế Bình Nhưỡng.");
    let rs = kb().recognize(&s, on);
    assert_eq!(rs.len(), 1);
    assert_eq!(
        (rs[0].kind, rs[0].actor.as_deref()),
        (EntityType::LOC, Some("PRK"))
    );
    assert_eq!(&s[rs[0].start..rs[0].end], "Sân bay quốc tế Bình Nhưỡng");
    // Chính phủ + a capital used for the state.
    let s = sukien_text::normalize("Chính phủ Seoul phản đối.");
    let rs = kb().recognize(&s, on);
    assert_eq!(rs[0].actor.as_deref(), Some("KOR"));
}

#[test]
fn names_metonyms_demonyms_abbreviations() {
    let on = d(2024, 1, 1);
    let rs = refs("Người Nga, Matxcơva, Oasinhtơn, Nhà Trắng, LHQ, NATO, Bắc Triều Tiên, Đại Hàn Dân Quốc, LB Nga, Hoa Kỳ, Tổ chức Wagner, Xơ-un.", on);
    let exp = [
        ("Người Nga", "RUS", How::Demonym),
        ("Matxcơva", "RUS", How::Metonym),
        ("Oasinhtơn", "USA", How::Metonym),
        ("Nhà Trắng", "USA", How::Name),
        ("LHQ", "UN", How::Abbreviation),
        ("NATO", "NATO", How::Abbreviation),
        ("Bắc Triều Tiên", "PRK", How::Name),
        ("Đại Hàn Dân Quốc", "KOR", How::Name),
        ("LB Nga", "RUS", How::Name),
        ("Hoa Kỳ", "USA", How::Name),
        ("Tổ chức Wagner", "RUS", How::Name),
        ("Xơ-un", "KOR", How::Metonym),
    ];
    for (surface, actor, how) in exp {
        let r = find(&rs, surface).unwrap_or_else(|| panic!("{surface} not in {rs:?}"));
        assert_eq!((r.2.as_deref(), r.3), (Some(actor), how), "{surface}");
    }
    // Longest match wins; case: TASS/Tass/YONHAP.
    let rs = refs(
        "Theo Tass và YONHAP, Cộng hòa Dân chủ Nhân dân Triều Tiên và bán đảo Triều Tiên.",
        on,
    );
    assert_eq!(find(&rs, "Tass").unwrap().2.as_deref(), Some("RUS"));
    assert_eq!(find(&rs, "YONHAP").unwrap().2.as_deref(), Some("KOR"));
    assert!(find(&rs, "Cộng hòa Dân chủ Nhân dân Triều Tiên").is_some());
    assert_eq!(find(&rs, "bán đảo Triều Tiên").unwrap().2, None);
    let rs = refs(
        "Reuters dẫn lời Hãng thông tấn trung ương Triều Tiên (KCNA).",
        on,
    );
    assert_eq!(find(&rs, "Reuters").unwrap().2, None);
    assert_eq!(
        find(&rs, "Hãng thông tấn trung ương Triều Tiên")
            .unwrap()
            .2
            .as_deref(),
        Some("PRK")
    );
    assert_eq!(find(&rs, "KCNA").unwrap().2.as_deref(), Some("PRK"));
    // Hyphen and space alike in personal names.
    for v in ["Kim Jong-un", "Kim Jong Un", "Kim Jong-Un"] {
        let rs = refs(&format!("{v} phát biểu."), on);
        assert_eq!(rs[0].1.as_deref(), Some("Kim Jong-un"), "{v}");
    }
    // Short forms only where distinctive.
    let rs = refs("Ông Lavrov gặp ông Kim và ông Putin.", on);
    assert_eq!(find(&rs, "Lavrov").unwrap().3, How::Short);
    assert_eq!(find(&rs, "Kim").unwrap().3, How::UnknownName);
    assert_eq!(
        find(&rs, "Putin").unwrap().1.as_deref(),
        Some("Vladimir Putin")
    );
}

#[test]
fn negative_cases() {
    let on = d(2024, 1, 1);
    for s in [
        "Thư ký tòa soạn nói anh ấy thích mỹ thuật.",
        "Pháp luật cần nghiêm minh.",
        "Ý kiến của anh ta rất hay.",
        "Anh ấy về quê.",
        "Tôi đọc sách Ngavà nghỉ.",
        "Chủ Nhật này trời đẹp.",
        "Áo dài đẹp.",
        "Tập đoàn lớn nhất nước.",
        "nga, mỹ, anh viết thường.",
        "Thành phố Mỹ Tho và anh Tuấn Anh.",
    ] {
        let rs = refs(s, on);
        assert!(
            rs.iter().all(|r| r.2.is_none() || r.0.is_empty())
                && !rs.iter().any(|r| r.3 == How::Name && r.1.is_some()),
            "{s}: {rs:?}"
        );
    }
    // A state name after an honorific is a personal name.
    let rs = refs("Chị Nga và ông Đức đến muộn; tiếng Anh khó.", on);
    assert!(rs.iter().all(|r| r.1.is_none()), "{rs:?}");
    assert!(find(&rs, "Nga").is_some_and(|r| r.3 == How::UnknownName));
    // Positive counterparts.
    let rs = refs("Anh, Pháp và Đức ủng hộ; Ý phản đối.", on);
    let actors: Vec<_> = rs.iter().filter_map(|r| r.2.clone()).collect();
    assert_eq!(actors, vec!["GBR", "FRA", "DEU", "ITA"]);
    let rs = refs(
        "Tổng thống Mỹ Joe Biden và Thủ tướng Anh Rishi Sunak.",
        d(2023, 6, 1),
    );
    assert_eq!(
        find(&rs, "Tổng thống Mỹ Joe Biden").unwrap().1.as_deref(),
        Some("Joe Biden")
    );
    assert_eq!(
        find(&rs, "Thủ tướng Anh Rishi Sunak").unwrap().2.as_deref(),
        Some("GBR")
    );
}

#[test]
fn offsets_are_valid_on_odd_input() {
    let on = d(2024, 1, 1);
    for s in [
        "",
        " ",
        "-",
        "Nga-",
        "-Nga",
        "NGA",
        "İstanbul Nga",
        "ông",
        "Ngoại trưởng",
        "Ngoại trưởng ,",
        "ông  Kim",
        "Đại sứ Nga tại",
    ] {
        let rs = kb().recognize(s, on);
        check_spans(s, &rs);
    }
}

fn check_spans(s: &str, rs: &[Reference]) {
    let mut last = 0;
    for r in rs {
        assert!(r.start < r.end && r.end <= s.len(), "{s:?} {r:?}");
        assert!(r.start >= last, "overlap in {s:?}: {rs:?}");
        assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
        if let Some((a, b)) = r.name {
            assert!(
                r.start <= a
                    && a < b
                    && b <= r.end
                    && s.is_char_boundary(a)
                    && s.is_char_boundary(b)
            );
        }
        last = r.end;
    }
}

proptest::proptest! {
    #[test]
    fn recognize_never_panics(s in "\\PC{0,80}") {
        let rs = kb().recognize(&s, d(2024, 1, 1));
        check_spans(&s, &rs);
    }

    #[test]
    fn recognize_on_vietnamese_like_text(words in proptest::collection::vec(proptest::sample::select(vec![
        "Nga", "Anh", "anh", "ông", "bà", "Ngoại trưởng", "Bộ Ngoại giao", "Mỹ", "Kim", "Jong-un", "Park", "-", ",", "tại",
        "Triều Tiên", "Sân bay quốc tế", "Bình Nhưỡng", "Đại sứ", "người đồng cấp", "Tướng", "nước này", "Lavrov", "x",
    ]), 0..14)) {
        let s = words.join(" ");
        let rs = kb().recognize(&s, d(2024, 1, 1));
        check_spans(&s, &rs);
    }
}

/// Gold entities of the seed articles, found with the right actor.
#[test]
fn seeds_gold_entities() {
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");
    let gold_path = format!("{shared}/gold/seeds.json");
    let Ok(gold) = std::fs::read_to_string(&gold_path) else {
        eprintln!("skipping: {gold_path} not found");
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).expect("gold parses");
    let (mut total, mut found) = (0, 0);
    for doc in gold["documents"].as_array().into_iter().flatten() {
        let file = doc["file"].as_str().unwrap_or_default();
        let Ok(raw) = std::fs::read_to_string(format!("{shared}/{file}")) else {
            eprintln!("skipping missing {file}");
            continue;
        };
        let on = doc["published"]["from"]
            .as_str()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .unwrap_or(d(2024, 1, 1));
        let text = sukien_text::normalize(&raw);
        let mut refs: Vec<(String, String, Reference)> = Vec::new();
        for line in text.lines() {
            for r in kb().recognize(line, on) {
                let name = r
                    .name
                    .map(|(a, b)| line[a..b].to_string())
                    .unwrap_or_default();
                refs.push((line[r.start..r.end].to_string(), name, r));
            }
        }
        for ent in doc["entities"].as_array().into_iter().flatten() {
            total += 1;
            let gname = ent["name"].as_str().unwrap_or_default();
            let gactor = ent["actor"].as_str();
            let mentions: Vec<String> = ent["mentions"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|m| m.as_str())
                .map(sukien_text::normalize)
                .collect();
            let hit = refs.iter().any(|(surface, name, r)| {
                let surface_ok = mentions.iter().any(|m| m == surface || m == name);
                let linked = r.entity.map(|id| {
                    let e = kb().entity(id);
                    e.name == gname
                        || e.metonym_for
                            .as_ref()
                            .and_then(|c| kb().state(c))
                            .is_some_and(|s| kb().entity(s).name == gname)
                });
                let actor_ok = match gactor {
                    Some(a) => r.actor.as_deref() == Some(a),
                    None => r.actor.is_none(),
                };
                surface_ok && (linked == Some(true) || actor_ok)
            });
            if hit {
                found += 1;
            } else {
                eprintln!("MISS {file}: {gname} ({gactor:?}) {mentions:?}");
            }
        }
    }
    if total == 0 {
        eprintln!("skipping: no gold documents");
        return;
    }
    eprintln!("gold entities found: {found}/{total}");
    assert!(found * 10 >= total * 9, "found {found}/{total}");
}

#[test]
fn a_state_has_its_centre_and_a_title_may_name_its_state() {
    let files = [
        ("states.txt", "XXA | Xland | Xlan | Xcity @ 1.00, 2.00 | 3.50, 4.50\nXXB | Yland | Ylan | | 5.00, 6.00\n"),
        ("titles.txt", "Vua xứ X | HeadOfState@XXA\nVua | HeadOfState\n"),
        ("people.txt", "[Xavier One] PER\nactor: XXA\nrole: HeadOfState XXA 2000..\n"),
    ];
    let (kb, errors) = Kb::load(&files);
    assert!(errors.is_empty(), "{errors:?}");
    let x = kb.state("XXA").unwrap();
    assert_eq!(kb.entity(x).coords, Some((3.5, 4.5)));
    assert_eq!(kb.entity(kb.state("XXB").unwrap()).coords, Some((5.0, 6.0)));
    let refs = kb.recognize("Vua xứ X phát biểu.", d(2024, 1, 1));
    assert_eq!(
        refs[0].entity.map(|id| kb.entity(id).key.as_str()),
        Some("Xavier One")
    );
    let (_, errors) = Kb::load(&[
        ("states.txt", "XXC | Z | Z | | north\n"),
        ("titles.txt", "Y | Nobody@XXA\n"),
    ]);
    assert_eq!(errors.len(), 2, "{errors:?}");
}
