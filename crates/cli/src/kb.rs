//! `sukien kb lookup` and `sukien kb import`, and the `--kb` files that
//! extend the built-in knowledge base without rebuilding.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use serde::Serialize;
use sukien_kb::{EntityId, Kb, Reference, BUILTIN_DATA};

use crate::{output, CmdResult, Failure};

/// How many data errors of user files are printed before a count.
const SHOWN_ERRORS: usize = 20;

/// The knowledge base for this run: the built-in one, plus the `--kb` files
/// (a folder gives every `.txt` file under it). A bad line in a user file is
/// reported with its file and line and left out; the rest loads.
pub fn active(paths: &[PathBuf]) -> Result<&'static Kb, Failure> {
    if paths.is_empty() {
        return Ok(Kb::builtin());
    }
    let mut files: Vec<(String, String)> = Vec::new();
    for path in paths {
        for file in data_files(path)? {
            let bytes = std::fs::read(&file).map_err(|e| Failure::runtime(format!("{}: {e}", file.display())))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                Failure::runtime(format!("{}: not UTF-8 at byte {}", file.display(), e.utf8_error().valid_up_to()))
            })?;
            files.push((file.display().to_string(), text));
        }
    }
    let mut all: Vec<(&str, &str)> = BUILTIN_DATA.to_vec();
    all.extend(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    let (kb, errors) = Kb::load(&all);
    for e in errors.iter().take(SHOWN_ERRORS) {
        eprintln!("warning: {}:{}: {} (line left out)", e.file, e.line, e.message);
    }
    if errors.len() > SHOWN_ERRORS {
        eprintln!("warning: … and {} more lines left out", errors.len() - SHOWN_ERRORS);
    }
    // one knowledge base per process, alive until it ends
    Ok(Box::leak(Box::new(kb)))
}

fn data_files(path: &Path) -> Result<Vec<PathBuf>, Failure> {
    let meta = std::fs::metadata(path).map_err(|e| Failure::runtime(format!("--kb {}: {e}", path.display())))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.into_path())
        .collect();
    out.sort();
    Ok(out)
}

/// One entity as `kb lookup` shows it.
#[derive(Serialize)]
struct Shown {
    key: String,
    name: String,
    #[serde(rename = "type")]
    kind: &'static str,
    actor: Option<String>,
    sector: Option<String>,
    stands_for: Option<String>,
    coords: Option<(f64, f64)>,
    aliases: Vec<String>,
    /// Offices as `Office OF FROM..TO`, with whether held on the day.
    roles: Vec<(String, bool)>,
}

/// One recognised phrase and what it resolves to.
#[derive(Serialize)]
struct Found {
    text: String,
    how: String,
    #[serde(rename = "type")]
    kind: &'static str,
    actor: Option<String>,
    sector: Option<String>,
    office: Option<&'static str>,
    name_in_text: Option<String>,
    /// Why the entity is the one: a name, or the office holder on the day.
    because: String,
    entity: Option<Shown>,
}

fn shown(kb: &Kb, id: EntityId, on: NaiveDate) -> Shown {
    let e = kb.entity(id);
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    Shown {
        key: e.key.clone(),
        name: e.name.clone(),
        kind: e.kind.as_str(),
        actor: e.actor.clone(),
        sector: e.sector.clone(),
        stands_for: e.metonym_for.clone(),
        coords: e.coords,
        aliases: e.aliases.clone(),
        roles: e
            .roles
            .iter()
            .map(|r| (format!("{} {} {}..{}", r.office.as_str(), r.of, day(r.from), day(r.to)), r.holds_on(on)))
            .collect(),
    }
}

fn found(kb: &Kb, text: &str, r: &Reference, on: NaiveDate) -> Found {
    let (entity, because) = match (r.entity, r.office, r.actor.as_deref()) {
        (Some(id), _, _) => (Some(id), format!("{:?} match", r.how).to_lowercase()),
        (None, Some(office), Some(actor)) if r.name.is_none() => match kb.office_holder(actor, office, on) {
            Some(id) => (Some(id), format!("holder of {} {actor} on {on}", office.as_str())),
            None => (None, format!("no holder of {} {actor} on {on} in the base", office.as_str())),
        },
        _ => (None, format!("{:?}", r.how).to_lowercase()),
    };
    Found {
        text: text[r.start..r.end].to_string(),
        how: format!("{:?}", r.how),
        kind: r.kind.as_str(),
        actor: r.actor.clone(),
        sector: r.sector.clone(),
        office: r.office.map(|o| o.as_str()),
        name_in_text: r.name.map(|(s, e)| text[s..e].to_string()),
        because,
        entity: entity.map(|id| shown(kb, id, on)),
    }
}

/// `sukien kb lookup NAME`: what the recogniser finds in NAME and what each
/// phrase resolves to on the day; the closest spellings when it finds
/// nothing (exit code 1).
pub fn lookup(kb: &Kb, name: &str, date: Option<&str>, json: bool) -> CmdResult {
    let on = match date {
        Some(d) => NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| Failure::usage(format!("--date: cannot read '{d}' as YYYY-MM-DD")))?,
        None => chrono::Local::now().date_naive(),
    };
    let text = sukien_text::normalize(name.trim());
    if text.is_empty() {
        return Err(Failure::usage("kb lookup: the name is empty"));
    }
    let mut results: Vec<Found> = kb.recognize(&text, on).iter().map(|r| found(kb, &text, r, on)).collect();
    if results.is_empty() {
        if let Some(id) = kb.find_person_by_name(&text) {
            results.push(Found {
                text: text.clone(),
                how: "Name".into(),
                kind: kb.entity(id).kind.as_str(),
                actor: kb.entity(id).actor.clone(),
                sector: kb.entity(id).sector.clone(),
                office: None,
                name_in_text: Some(text.clone()),
                because: "spelling variant of a known name".into(),
                entity: Some(shown(kb, id, on)),
            });
        }
    }
    let suggestions: Vec<(String, String)> = if results.is_empty() {
        kb.closest_names(&text, 5)
            .into_iter()
            .map(|(id, form)| (form, kb.entity(id).key.clone()))
            .collect()
    } else {
        Vec::new()
    };
    if json {
        #[derive(Serialize)]
        struct Report<'a> {
            query: &'a str,
            date: String,
            found: &'a [Found],
            did_you_mean: &'a [(String, String)],
        }
        let report = Report { query: &text, date: on.to_string(), found: &results, did_you_mean: &suggestions };
        let out = serde_json::to_string_pretty(&report).map_err(|e| Failure::runtime(e.to_string()))?;
        output::write_out(&format!("{out}\n"))?;
    } else {
        output::write_out(&describe(&text, on, &results, &suggestions))?;
    }
    Ok(if results.is_empty() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn describe(text: &str, on: NaiveDate, results: &[Found], suggestions: &[(String, String)]) -> String {
    let mut out = String::new();
    if results.is_empty() {
        out.push_str(&format!("'{text}': nothing in the knowledge base\n"));
        if !suggestions.is_empty() {
            out.push_str("did you mean:\n");
            for (form, key) in suggestions {
                out.push_str(&format!("  {form}  ({key})\n"));
            }
        }
        return out;
    }
    for f in results {
        out.push_str(&format!(
            "'{}': {} {} {}{} — {}\n",
            f.text,
            f.kind,
            f.actor.as_deref().unwrap_or("-"),
            f.sector.as_deref().unwrap_or("-"),
            f.office.map(|o| format!(" ({o})")).unwrap_or_default(),
            f.because
        ));
        if let Some(e) = &f.entity {
            out.push_str(&format!("  = {} [{}] {} {}\n", e.name, e.key, e.kind, e.actor.as_deref().unwrap_or("-")));
            if let Some(s) = &e.stands_for {
                out.push_str(&format!("    stands for the government of {s}\n"));
            }
            if let Some((lat, lon)) = e.coords {
                out.push_str(&format!("    at {lat:.2}, {lon:.2}\n"));
            }
            if !e.aliases.is_empty() {
                out.push_str(&format!("    also written: {}\n", e.aliases.join("; ")));
            }
            for (role, held) in &e.roles {
                out.push_str(&format!("    {} {role}\n", if *held { "*" } else { " " }));
            }
            if e.roles.iter().any(|r| r.1) {
                out.push_str(&format!("    (* held on {on})\n"));
            }
        }
    }
    out
}

/// `sukien kb import FILE [-o OUT]`.
pub fn import(kb: &Kb, file: &Path, out: Option<&Path>) -> CmdResult {
    let source = std::fs::read(file).map_err(|e| Failure::runtime(format!("{}: {e}", file.display())))?;
    // Phoenix files are ASCII, older ones Latin-1: never refuse a byte
    let source = String::from_utf8_lossy(&source);
    let imported = sukien_kb::import::import_phoenix(&source, kb);
    for p in &imported.problems {
        eprintln!("warning: {}: {p} (left out)", file.display());
    }
    let header = format!(
        "# Imported by `sukien kb import` from {}: {} people, {} dated offices.\n# Format: crates/kb/data/README.md (blocks).\n\n",
        file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
        imported.people,
        imported.roles
    );
    let text = format!("{header}{}", imported.text);
    match out {
        Some(path) => {
            let tmp = path.with_extension("tmp");
            std::fs::write(&tmp, &text)
                .and_then(|_| std::fs::rename(&tmp, path))
                .map_err(|e| Failure::runtime(format!("{}: {e}", path.display())))?;
        }
        None => output::write_out(&text)?,
    }
    eprintln!(
        "{}: {} people with {} dated offices; left out {} the base already has, {} countries, {} undated records, {} unreadable lines",
        file.display(),
        imported.people,
        imported.roles,
        imported.known,
        imported.countries,
        imported.without_dates,
        imported.problems.len()
    );
    Ok(if imported.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
