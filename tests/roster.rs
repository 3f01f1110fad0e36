//! The roster case files (`tests/roster/*.json`) through the native engine: figures counted
//! from an enterprise roster, with their traces, errors and warnings, as `roster.md` says.
//! `tests/js/roster.test.mjs` runs the same files through the built package
//! (`cluster-check/roster`), so both sides of the boundary are held to one expectation.
//!
//! A case: `rows` (the roster), optional `ruleset` and `figures` (typed figures to merge
//! with), and `expect`: the result's `errors`, and per cluster (in order) the members given —
//! `derived` exactly, `figures` as a subset (and `absent` keys), `traces` by field (the
//! members given), `errors` and `warnings` as `{row, field, code}` sets, `notes` by count,
//! and `contains`: texts some message of the cluster must hold, per language.

#![cfg(feature = "roster")]
// Test code may fail loudly: the no-panic lints are for the library.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::fs;
use std::path::Path;

use serde_json::{json, Value as Json};

/// `{row, field, code}` of each issue, sorted, for comparison as a set.
fn issues(list: &Json) -> Vec<String> {
    let mut out: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({ "row": i["row"], "field": i["field"], "code": i["code"] }).to_string())
        .collect();
    out.sort();
    out
}

/// Every message text of a cluster in one language.
fn texts(cluster: &Json, lang: &str) -> String {
    let mut out = String::new();
    for trace in cluster["traces"].as_array().unwrap() {
        for m in trace["messages"].as_array().unwrap() {
            out.push_str(m[lang].as_str().unwrap());
            out.push('\n');
        }
    }
    for list in ["errors", "warnings"] {
        for i in cluster[list].as_array().unwrap() {
            out.push_str(i["message"][lang].as_str().unwrap());
            out.push('\n');
        }
    }
    for n in cluster["notes"].as_array().unwrap() {
        out.push_str(n[lang].as_str().unwrap());
        out.push('\n');
    }
    out
}

fn check_cluster(name: &str, got: &Json, want: &Json) {
    let want = want.as_object().unwrap();
    for key in ["cluster", "matched", "enterprises", "derived"] {
        if let Some(w) = want.get(key) {
            assert_eq!(&got[key], w, "{name}: {key}");
        }
    }
    if let Some(figures) = want.get("figures") {
        for (k, v) in figures.as_object().unwrap() {
            assert_eq!(&got["figures"][k], v, "{name}: figures.{k}");
        }
    }
    for k in want.get("absent").and_then(Json::as_array).into_iter().flatten() {
        assert!(got["figures"].get(k.as_str().unwrap()).is_none(), "{name}: figures.{k} should be absent");
    }
    if let Some(traces) = want.get("traces") {
        for (field, members) in traces.as_object().unwrap() {
            let trace = got["traces"].as_array().unwrap().iter().find(|t| t["field"] == *field);
            let trace = trace.unwrap_or_else(|| panic!("{name}: no trace of {field}"));
            for (k, v) in members.as_object().unwrap() {
                assert_eq!(&trace[k], v, "{name}: traces.{field}.{k}");
            }
            assert!(!trace["messages"].as_array().unwrap().is_empty(), "{name}: trace {field} explains nothing");
        }
    }
    for list in ["errors", "warnings"] {
        if let Some(w) = want.get(list) {
            assert_eq!(issues(&got[list]), issues(w), "{name}: {list}");
        }
    }
    if let Some(n) = want.get("notes") {
        assert_eq!(got["notes"].as_array().unwrap().len() as u64, n.as_u64().unwrap(), "{name}: notes");
    }
    for lang in ["zh", "en"] {
        let all = texts(got, lang);
        assert!(!all.contains('{'), "{name}: a placeholder left in {all}");
        for part in want.get("contains").and_then(|c| c.get(lang)).and_then(Json::as_array).into_iter().flatten() {
            let part = part.as_str().unwrap();
            assert!(all.contains(part), "{name}: no {lang} message holds {part:?}:\n{all}");
        }
    }
}

#[test]
fn roster_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/roster");
    let mut count = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let cases: Json = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        for case in cases.as_array().unwrap() {
            let name = case["name"].as_str().unwrap();
            let ruleset = case.get("ruleset").and_then(Json::as_str).unwrap_or("henan-2014");
            let figures = case.get("figures").map(Json::to_string);
            let out = cluster_check::roster_report_json(ruleset, &case["rows"].to_string(), figures.as_deref()).unwrap();
            let got: Json = serde_json::from_str(&out).unwrap();
            let want = &case["expect"];
            assert_eq!(issues(&got["errors"]), issues(&want["errors"]), "{name}: errors");
            let clusters = want["clusters"].as_array().unwrap();
            assert_eq!(got["clusters"].as_array().unwrap().len(), clusters.len(), "{name}: clusters");
            for (g, w) in got["clusters"].as_array().unwrap().iter().zip(clusters) {
                check_cluster(name, g, w);
            }
            count += 1;
        }
    }
    assert!(count >= 10, "only {count} roster cases");
}
