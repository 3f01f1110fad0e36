//! Turns the ruleset files in `src/rulesets/` into static tables (`$OUT_DIR/rulesets.rs`),
//! so that the `.wasm` carries the rules as data but no TOML parser. A file that does not
//! validate fails the build with a message naming the file and the entry.

#[path = "src/number.rs"]
#[allow(dead_code)]
mod number;
#[path = "src/schema.rs"]
#[allow(dead_code)]
mod schema;

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

const DEFAULT: &str = "henan-2014";

fn main() -> ExitCode {
    match generate() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn generate() -> Result<(), String> {
    let dir = Path::new("src/rulesets");
    for watched in ["src/rulesets", "src/schema.rs", "src/number.rs"] {
        println!("cargo::rerun-if-changed={watched}");
    }
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();

    let mut code = String::new();
    let mut names = Vec::new();
    let mut default = None;
    let mut max_fields = 0;
    for (i, path) in files.iter().enumerate() {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let def = schema::load(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem != def.id {
            return Err(format!("{}: the file must be named after its id {:?}", path.display(), def.id));
        }
        let name = format!("RULESET_{i}");
        if def.id == DEFAULT {
            default = Some(name.clone());
        }
        max_fields = max_fields.max(def.fields.len());
        code.push_str(&schema::to_rust(&def, &name));
        names.push(name);
    }
    let default = default.ok_or_else(|| format!("no ruleset file with id {DEFAULT:?} in {}", dir.display()))?;
    let list: Vec<String> = names.iter().map(|n| format!("&{n}")).collect();
    let _ = writeln!(code, "/// Every ruleset built in, in file-name order.");
    let _ = writeln!(code, "pub static RULESETS: &[&Ruleset] = &[{}];", list.join(", "));
    let _ = writeln!(code, "static DEFAULT: &Ruleset = &{default};");
    let _ = writeln!(code, "/// The most fields of any ruleset built in (at most {}).", schema::MAX_MEMBERS);
    let _ = writeln!(code, "pub const MAX_FIELDS: usize = {max_fields};");

    let out = std::env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?;
    let target = Path::new(&out).join("rulesets.rs");
    std::fs::write(&target, code).map_err(|e| format!("{}: {e}", target.display()))
}
