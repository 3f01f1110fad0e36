//! Runs the shared test cases (`tests/cases/*.json`) against the native engine. The same
//! files are run against the built npm package by `tests/js/cases.test.mjs`, so the two
//! can never disagree silently.
//!
//! A case is `{ name, figures, expect }`. Every key of `expect` is optional except
//! `errors`: absent means the report must have none; present, the report's errors must be
//! exactly that set of (field, code). `warnings`, when present, likewise. `{"$number": "NaN"}` in figures stands for the
//! JavaScript number NaN (likewise Infinity, -Infinity), which JSON cannot write.
//! `options` (optional) is what `evaluate` is given besides the figures (`{"plan": true}`);
//! `expect.plan`, when present, gives members of the report's `plan` that must be exactly so.
//! Without `options.plan` the report must have no `plan`.

// Test code may fail loudly: the no-panic lints are for the library.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::fs;
use std::path::Path;

use cluster_check::{evaluate_with, Figures, Options, Value};
use serde_json::Value as Json;

fn figure(value: &Json) -> Value<'_> {
    match value.get("$number").and_then(Json::as_str) {
        Some(special) => Value::Number(special.into()),
        None => match value {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.to_string().into()),
            Json::String(s) => Value::Text(s.into()),
            Json::Array(items) => Value::List(items.iter().map(figure).collect()),
            Json::Object(_) => Value::Object,
        },
    }
}

fn figures(value: &Json) -> Figures<'_> {
    let mut out = Figures::new();
    for (key, v) in value.as_object().expect("figures must be an object") {
        out.set(key, figure(v));
    }
    out
}

fn compare_map(report: &Json, expect: &Json, key: &str, field: &str, failures: &mut Vec<String>) {
    let Some(wanted) = expect.get(key).and_then(Json::as_object) else { return };
    for (id, want) in wanted {
        let got = if key == "conditions" {
            report["conditions"].as_array().and_then(|cs| cs.iter().find(|c| c["id"] == *id)).map(|c| &c[field])
        } else {
            report["conditions"]
                .as_array()
                .and_then(|cs| cs.iter().flat_map(|c| c["checks"].as_array().into_iter().flatten()).find(|c| c["id"] == *id))
                .map(|c| &c[field])
        };
        match got {
            Some(got) if got == want => {}
            Some(got) => failures.push(format!("{key}.{id}: expected {want}, got {got}")),
            None => failures.push(format!("{key}.{id}: no such {}", if key == "conditions" { "condition" } else { "check" })),
        }
    }
}

fn run_case(case: &Json) -> Vec<String> {
    let options = Options { plan: case["options"]["plan"] == Json::Bool(true) };
    let report = evaluate_with(&figures(&case["figures"]), options);
    // The hand-written JSON writer and the Serialize implementation must agree.
    let written: Json = serde_json::from_str(&report.to_json()).expect("to_json writes JSON");
    let report = serde_json::to_value(report).expect("report serialises");
    if written != report {
        return vec![format!("to_json differs from Serialize:\n{written}\n{report}")];
    }
    let expect = &case["expect"];
    let mut failures = Vec::new();
    for key in ["status", "eligible", "tier"] {
        if let Some(want) = expect.get(key) {
            if &report[key] != want {
                failures.push(format!("{key}: expected {want}, got {}", report[key]));
            }
        }
    }
    compare_map(&report, expect, "conditions", "status", &mut failures);
    match (options.plan, report.get("plan")) {
        (false, Some(_)) => failures.push("a plan that was not asked for".into()),
        (true, None) => failures.push("no plan".into()),
        _ => {}
    }
    for (key, want) in expect.get("plan").and_then(Json::as_object).into_iter().flatten() {
        if report["plan"][key] != *want {
            failures.push(format!("plan.{key}: expected {want}, got {}", report["plan"][key]));
        }
    }
    for (key, field) in [
        ("checks", "status"),
        ("values", "value"),
        ("thresholds", "threshold"),
        ("units", "unit"),
        ("gaps", "gap"),
        ("gap_fields", "gap_field"),
    ] {
        compare_map(&report, expect, key, field, &mut failures);
    }
    // `errors`: absent means none. `warnings`: checked only when present.
    for (list, required) in [("errors", true), ("warnings", false)] {
        let pairs = |v: Option<&Json>| -> Vec<String> {
            let mut p: Vec<String> = v
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
                .map(|e| format!("{}:{}", e["field"], e["code"]))
                .collect();
            p.sort();
            p
        };
        if !required && expect.get(list).is_none() {
            continue;
        }
        let (got, want) = (pairs(report.get(list)), pairs(expect.get(list)));
        if got != want {
            failures.push(format!("{list}: expected {want:?}, got {got:?}"));
        }
    }
    // Every error and warning names its field and value in both languages.
    let issues = report["errors"].as_array().into_iter().chain(report["warnings"].as_array()).flatten();
    for e in issues {
        for lang in ["zh", "en"] {
            let text = e["message"][lang].as_str().unwrap_or("");
            if text.is_empty() {
                failures.push(format!("error {} has no {lang} message", e["code"]));
            }
            if let Some(field) = e["field"].as_str() {
                if !text.contains(field) {
                    failures.push(format!("{lang} message of {} does not name {field}: {text}", e["code"]));
                }
            }
        }
    }
    failures
}

/// The case files of a folder, in name order.
fn case_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).map(|e| e.unwrap().path()).collect();
    files.retain(|f| f.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
}

/// Runs every case of some files; panics listing the cases that fail.
fn run_files(files: &[std::path::PathBuf]) -> usize {
    let mut count = 0;
    let mut failed = Vec::new();
    for file in files {
        let cases: Json = serde_json::from_str(&fs::read_to_string(file).unwrap()).unwrap();
        for case in cases.as_array().expect("a file is an array of cases") {
            count += 1;
            let failures = run_case(case);
            if !failures.is_empty() {
                failed.push(format!(
                    "{} / {}:\n    {}",
                    file.file_name().unwrap().to_string_lossy(),
                    case["name"].as_str().unwrap_or("?"),
                    failures.join("\n    ")
                ));
            }
        }
    }
    assert!(failed.is_empty(), "{} of {count} cases failed:\n{}", failed.len(), failed.join("\n"));
    count
}

#[test]
fn shared_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let count = run_files(&case_files(&dir));
    assert!(count >= 200, "only {count} cases found in {}", dir.display());
}

/// The ruleset fixtures (`tests/rulesets/`), when the build includes them
/// (`CLUSTER_CHECK_EXTRA_RULESETS=tests/rulesets`, as `make test-fixture` builds): each
/// folder's `cases/` run as the shipped cases are. Without them there is nothing to run, and
/// the test says so rather than pass quietly over a fixture that is not there.
#[test]
fn fixture_cases() {
    let Some(extra) = option_env!("CLUSTER_CHECK_EXTRA_RULESETS") else {
        eprintln!("no ruleset fixtures in this build (make test-fixture builds them in)");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for dir in std::env::split_paths(extra) {
        let files = case_files(&root.join(dir).join("cases"));
        // A case file is named after its ruleset, which must be in this build.
        for file in &files {
            let id = file.file_stem().unwrap().to_str().unwrap();
            assert!(cluster_check::rulesets().iter().any(|r| r.id == id), "{}: ruleset {id} is not built in", file.display());
        }
        count += run_files(&files);
    }
    assert!(count > 0, "the fixture folders {extra} hold no cases");
}
