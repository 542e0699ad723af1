//! Prints the references recognized in text files: `cargo run -p sukien-kb --example dump -- FILE...`
//! With `--time`, only measures throughput.
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let time_only = args.iter().any(|a| a == "--time");
    let kb = sukien_kb::Kb::builtin();
    let on = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let started = Instant::now();
    let (mut bytes, mut n) = (0usize, 0usize);
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let Ok(raw) = std::fs::read_to_string(path) else {
            continue;
        };
        let text = sukien_text::normalize(&raw);
        bytes += text.len();
        for line in text.lines() {
            let refs = kb.recognize(line, on);
            n += refs.len();
            if time_only {
                continue;
            }
            for r in refs {
                let ent = r
                    .entity
                    .map(|id| kb.entity(id).key.clone())
                    .unwrap_or_default();
                let mut a = r.start.saturating_sub(40);
                while !line.is_char_boundary(a) {
                    a -= 1;
                }
                let mut b = (r.end + 40).min(line.len());
                while !line.is_char_boundary(b) {
                    b += 1;
                }
                println!(
                    "{:?}\t{}\t{}\t{:?}\t{:?}\t{:?}\t{}",
                    &line[r.start..r.end],
                    r.kind.as_str(),
                    ent,
                    r.actor,
                    r.how,
                    r.office,
                    &line[a..b]
                );
            }
        }
    }
    eprintln!("{n} references in {bytes} bytes, {:?}", started.elapsed());
}
