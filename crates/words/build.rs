//! Concatenates the lexicon files (`data/lexicon/*.txt`, in name order) into
//! one text compiled into the library, so that adding a file needs no code.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("data/lexicon");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    let mut all = String::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let text = fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        all.push_str(&format!("# file: {}\n", f.display()));
        all.push_str(&text);
        if !all.ends_with('\n') {
            all.push('\n');
        }
    }
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("lexicon.txt");
    fs::write(out, all).expect("write lexicon");
}
