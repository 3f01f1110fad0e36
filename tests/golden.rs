//! Golden files: for every case file (`tests/cases/*.json`) and a few records that are not
//! figures at all, the native engine's compact decisions and its report, written to
//! `tests/golden/` and committed. The Node tests (`tests/js/golden.test.mjs`) check the built
//! package against them from both sides of the boundary: the `.wasm` must give the same
//! compact text for the same input, and `js/render.js` must build the same report from it
//! with the catalog — so the two report builders cannot drift apart, and no Node test runs
//! `cargo`.
//!
//! The files change only on purpose: after a change to the engine, a ruleset or a case file,
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites them, and the diff shows what changed.

// Test code may fail loudly: the no-panic lints are for the library.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

/// `{"$number": "NaN"}` in a case's figures becomes the text "NaN": what the package hands
/// the engine for the JavaScript number NaN.
fn wire(value: &Json) -> Json {
    match value {
        Json::Object(map) => match map.get("$number").and_then(Json::as_str) {
            Some(special) if map.len() == 1 => Json::String(special.to_owned()),
            _ => Json::Object(map.iter().map(|(k, v)| (k.clone(), wire(v))).collect()),
        },
        Json::Array(items) => Json::Array(items.iter().map(wire).collect()),
        other => other.clone(),
    }
}

/// The golden entries of a list of (name, input JSON text).
fn entries(records: &[(String, String)]) -> String {
    let input = format!("[{}]", records.iter().map(|(_, r)| r.as_str()).collect::<Vec<_>>().join(","));
    let compact: Json = serde_json::from_str(&cluster_check::evaluate_many_compact(&input).unwrap()).unwrap();
    let reports: Json = serde_json::from_str(&cluster_check::evaluate_many_json(&input).unwrap()).unwrap();
    let mut out = String::from("[\n");
    for (i, (name, record)) in records.iter().enumerate() {
        let entry = serde_json::json!({
            "name": name,
            "input": record,
            "compact": compact[i],
            "report": reports[i],
        });
        out.push_str(&serde_json::to_string(&entry).unwrap());
        out.push_str(if i + 1 < records.len() { ",\n" } else { "\n" });
    }
    out.push_str("]\n");
    out
}

fn check_or_write(path: &Path, text: &str, stale: &mut Vec<String>) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(path, text).unwrap();
    } else if fs::read_to_string(path).ok().as_deref() != Some(text) {
        stale.push(path.display().to_string());
    }
}

#[test]
fn golden_files_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cases = root.join("tests/cases");
    let golden = root.join("tests/golden");
    fs::create_dir_all(&golden).unwrap();
    let mut files: Vec<PathBuf> = fs::read_dir(&cases).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
    files.sort();
    let mut stale = Vec::new();
    for file in &files {
        let cases: Json = serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap();
        let records: Vec<(String, String)> = cases
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["name"].as_str().unwrap().to_owned(), serde_json::to_string(&wire(&c["figures"])).unwrap()))
            .collect();
        check_or_write(&golden.join(file.file_name().unwrap()), &entries(&records), &mut stale);
    }
    // Records that are not figures, and a ruleset that does not exist.
    let extra: Vec<(String, String)> = [r#"{}"#, r#"{"ruleset":"henan-2099"}"#, "5", "null", r#""x""#, "[1]", "true", r#"{"ruleset":5}"#]
        .iter()
        .map(|r| ((*r).to_owned(), (*r).to_owned()))
        .collect();
    check_or_write(&golden.join("not-figures.json"), &entries(&extra), &mut stale);
    assert!(
        stale.is_empty(),
        "golden files out of date: {}\nreview the change, then run `UPDATE_GOLDEN=1 cargo test --test golden`",
        stale.join(", ")
    );
}

/// The verdicts form (`verdicts_many_compact`; the wasm's `evaluateManyCompact(list, 2)`): for every case, the record's head, its
/// conditions' statuses, then each check's status alone, then as many errors as the report
/// has — the native report's, in its order. (The package's tests compare the verdicts built
/// from it with the full reports, messages and all.)
#[test]
fn verdicts_form_is_the_report_s_statuses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let code = |status: &Json| ["met", "not_met", "missing", "invalid"].iter().position(|s| status == *s).unwrap();
    let mut files: Vec<PathBuf> = fs::read_dir(root.join("tests/cases")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut seen = 0;
    for file in files.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let cases: Json = serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap();
        let records: Vec<String> = cases.as_array().unwrap().iter().map(|c| serde_json::to_string(&wire(&c["figures"])).unwrap()).collect();
        let input = format!("[{}]", records.join(","));
        let verdicts: Json = serde_json::from_str(&cluster_check::verdicts_many_compact(&input).unwrap()).unwrap();
        let reports: Json = serde_json::from_str(&cluster_check::evaluate_many_json(&input).unwrap()).unwrap();
        for (i, report) in reports.as_array().unwrap().iter().enumerate() {
            let flat = verdicts[i].as_array().unwrap();
            let verdict = ["met", "not_met", "incomplete"].iter().position(|s| report["status"] == *s).unwrap();
            assert_eq!(flat[0], report["ruleset"]["id"], "{}: {i}", file.display());
            assert_eq!(flat[1], verdict, "{}: {i}", file.display());
            assert_eq!(flat[2], report["tier"], "{}: {i}", file.display());
            assert_eq!((&flat[3], &flat[4]), (&report["name"], &report["year"]), "{}: {i}", file.display());
            let conditions = report["conditions"].as_array().unwrap();
            let mut at = 5;
            for condition in conditions {
                assert_eq!(flat[at], code(&condition["status"]), "{}: {i} {}", file.display(), condition["id"]);
                at += 1;
            }
            for check in conditions.iter().flat_map(|c| c["checks"].as_array().unwrap()) {
                assert_eq!(flat[at], code(&check["status"]), "{}: {i} {}", file.display(), check["id"]);
                at += 1;
            }
            assert_eq!(flat[at], report["errors"].as_array().unwrap().len(), "{}: {i} errors", file.display());
            seen += 1;
        }
    }
    assert!(seen > 50, "only {seen} cases");
}
