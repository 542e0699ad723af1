//! Importing the Phoenix country actor dictionary (read from `../shared`,
//! skipped with a message when it is absent) adds its leaders with their
//! date ranges, and the result loads beside the built-in knowledge base.

use std::path::Path;

use chrono::NaiveDate;
use sukien_kb::import::import_phoenix;
use sukien_kb::{Kb, Office, BUILTIN_DATA};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn phoenix_countries_import() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/ontology/phoenix/Phoenix.Countries.actors.txt");
    let Ok(source) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is absent", path.display());
        return;
    };
    let out = import_phoenix(&source, Kb::builtin());
    println!(
        "{} people, {} roles; skipped {} known, {} countries, {} undated; {} problems",
        out.people,
        out.roles,
        out.known,
        out.countries,
        out.without_dates,
        out.problems.len()
    );
    assert!(out.people > 1000, "{} people", out.people);
    assert!(out.countries > 150);
    assert!(
        out.known > 50,
        "people the built-in base has are left out: {}",
        out.known
    );
    let mut files: Vec<(&str, &str)> = BUILTIN_DATA.to_vec();
    files.push(("phoenix.txt", &out.text));
    let (kb, errors) = Kb::load(&files);
    assert!(
        errors.is_empty(),
        "{} errors: {:?}",
        errors.len(),
        &errors[..errors.len().min(8)]
    );
    // leaders the built-in base does not list, with their dated offices
    let fujimori = kb.by_key("Alberto Fujimori").expect("Fujimori imported");
    assert_eq!(kb.entity(fujimori).actor.as_deref(), Some("PER"));
    assert_eq!(
        kb.offices_of(fujimori, day(1995, 1, 1)),
        vec![(Office::Official, "PER".to_string())]
    );
    assert!(kb.offices_of(fujimori, day(1985, 1, 1)).is_empty());
    let garcia = kb.by_key("Alan Garcia").expect("Garcia imported");
    assert!(!kb.offices_of(garcia, day(1987, 1, 1)).is_empty());
    assert!(kb.offices_of(garcia, day(1995, 1, 1)).is_empty());
    assert!(!kb.offices_of(garcia, day(2008, 1, 1)).is_empty());
    // a built-in person is not imported twice
    assert!(!out.text.contains("[Vladimir Putin]"));
}
