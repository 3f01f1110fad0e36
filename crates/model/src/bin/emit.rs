//! `cluster-check-emit --out DIR [--rulesets DIR]…`: writes the files of the npm package
//! that are generated from the ruleset files (catalogs, the module listing them, the
//! TypeScript declarations) into DIR. Without `--rulesets`, the folder is `src/rulesets`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let mut dirs: Vec<PathBuf> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--rulesets" => dirs.extend(args.next().map(PathBuf::from)),
            "--help" | "-h" => {
                println!("usage: cluster-check-emit --out DIR [--rulesets DIR]...");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("error: unknown argument {other:?} (see --help)");
                return ExitCode::FAILURE;
            }
        }
    }
    let Some(out) = out else {
        eprintln!("error: --out DIR is required");
        return ExitCode::FAILURE;
    };
    if dirs.is_empty() {
        dirs.push(PathBuf::from("src/rulesets"));
    }
    let rulesets = match cluster_check_model::load::load_all(&dirs) {
        Ok(r) => r,
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::FAILURE;
        }
    };
    for file in cluster_check_model::emit::package_files(&rulesets) {
        let path = out.join(&file.path);
        if let Some(parent) = path.parent() {
            if let Err(e) = std::fs::create_dir_all(parent) {
                eprintln!("error: {}: {e}", parent.display());
                return ExitCode::FAILURE;
            }
        }
        if let Err(e) = std::fs::write(&path, file.text) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
