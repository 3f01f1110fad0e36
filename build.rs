//! Turns the ruleset files into the engine's static tables (`$OUT_DIR/rulesets.rs`), so
//! that the `.wasm` carries the rules as data but no TOML parser. The files are read,
//! validated and compiled by `cluster-check-model` — the same code that writes each
//! ruleset's catalog and the TypeScript declarations — and a file that does not validate
//! fails the build with every problem, each with its file and line.
//!
//! The folders read: `src/rulesets`, and those listed (separated by the platform's path
//! separator) in `CLUSTER_CHECK_EXTRA_RULESETS` — how the tests build in the ruleset
//! fixtures of `tests/rulesets/`, which are not shipped.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    match generate() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: the ruleset files do not hold together:\n{message}");
            ExitCode::FAILURE
        }
    }
}

fn generate() -> Result<(), String> {
    println!("cargo::rerun-if-changed=src/rulesets");
    println!("cargo::rerun-if-env-changed=CLUSTER_CHECK_EXTRA_RULESETS");
    let mut dirs = vec![PathBuf::from("src/rulesets")];
    if let Some(extra) = std::env::var_os("CLUSTER_CHECK_EXTRA_RULESETS") {
        dirs.extend(std::env::split_paths(&extra).filter(|p| !p.as_os_str().is_empty()));
    }
    for dir in &dirs {
        println!("cargo::rerun-if-changed={}", dir.display());
    }
    for file in cluster_check_model::load::files(&dirs)? {
        println!("cargo::rerun-if-changed={}", file.display());
    }
    let rulesets = cluster_check_model::load::load_all(&dirs)?;
    let code = cluster_check_model::emit::rust::write(&rulesets);
    let out = std::env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?;
    let target = Path::new(&out).join("rulesets.rs");
    std::fs::write(&target, code).map_err(|e| format!("{}: {e}", target.display()))
}
