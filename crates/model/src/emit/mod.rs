//! Everything generated from the compiled rulesets: the engine's Rust tables, each
//! ruleset's catalog (as JSON and as an ES module), the module that lists them, and the
//! package's TypeScript declarations.

pub mod catalog;
pub mod rust;
pub mod typescript;

use std::fmt::Write as _;

use crate::load::CompiledRuleset;

/// A generated file: its path relative to the package folder, and its text.
pub struct Output {
    /// e.g. `rulesets/henan-2014.json`.
    pub path: String,
    /// The file's text.
    pub text: String,
}

/// A JSON value as the text of a JavaScript module that exports it. `JSON.parse` of a
/// string literal is what engines parse fastest for a large object.
fn module_of(json: &str) -> String {
    let literal = serde_json::to_string(json).unwrap_or_else(|_| "\"null\"".to_owned());
    format!("// Generated from the ruleset file by cluster-check-model; do not edit.\nexport default Object.freeze(JSON.parse({literal}));\n")
}

/// The module that lists the rulesets and loads their catalogs on demand.
fn index_module(rulesets: &[CompiledRuleset]) -> String {
    let mut out = String::from(
        "// Generated from the ruleset files by cluster-check-model; do not edit.\n\
         // The rulesets built in, and a loader for each one's catalog: a page imports only\n\
         // the catalog of the document it shows.\n\n",
    );
    let entries: Vec<serde_json::Value> = rulesets
        .iter()
        .map(|r| {
            // Every key a figures object of the ruleset can hold (`{year}` where a year goes),
            // so that a page can check a file's keys before it loads the catalog.
            let mut keys: Vec<String> = crate::messages::META_KEYS.iter().map(|k| (*k).to_owned()).collect();
            for f in &r.def.fields {
                let suffix = if f.years.is_some() { "_{year}" } else { "" };
                keys.extend(f.input_keys().into_iter().map(|k| k + suffix));
            }
            // The fields with a choice of units, each with its units (the first the default).
            let units: serde_json::Map<String, serde_json::Value> = r
                .def
                .fields
                .iter()
                .filter(|f| f.units.len() > 1)
                .map(|f| (f.key.value.clone(), serde_json::json!(f.units.iter().map(|u| u.id.value.clone()).collect::<Vec<_>>())))
                .collect();
            let text = |t: &crate::load::model::Bilingual| serde_json::json!({ "zh": t.zh, "en": t.en });
            let review = r.def.review.as_ref().map(|v| {
                serde_json::json!({
                    "mode": text(&v.mode),
                    "heading": text(&v.heading),
                    "intro": text(&v.intro),
                    "basis": text(&v.basis),
                    "earlier": text(&v.earlier),
                    "later": text(&v.later),
                    "keep": text(&v.keep),
                    "lose": text(&v.lose),
                    "undetermined": text(&v.undetermined),
                })
            });
            serde_json::json!({
                "id": r.def.id.value,
                "document": r.def.document,
                "issued": r.def.issued.value,
                "title": { "zh": r.def.title.zh, "en": r.def.title.en },
                "short": { "zh": r.def.short.zh, "en": r.def.short.en },
                "issuer": { "zh": r.def.issuer.zh, "en": r.def.issuer.en },
                "about": { "zh": r.def.about.zh, "en": r.def.about.en },
                "scope": { "zh": r.def.scope.zh, "en": r.def.scope.en },
                "default": r.def.default,
                "review": review,
                "keys": keys,
                "units": units,
            })
        })
        .collect();
    let list = serde_json::to_string(&entries).unwrap_or_else(|_| "[]".to_owned());
    let default = rulesets.iter().find(|r| r.def.default).map_or("", |r| r.def.id.value.as_str());
    let _ = writeln!(out, "/** `[{{ id, document, issued, title, short, issuer, about, scope, default, review, keys, units }}]`; `review` is null for a document without a re-review, in file-name order. */");
    let _ = writeln!(out, "export const RULESETS = Object.freeze(JSON.parse({}));", serde_json::to_string(&list).unwrap_or_default());
    let _ = writeln!(out, "/** The ruleset of figures that name none. */\nexport const DEFAULT_RULESET = {default:?};\n");
    let _ = writeln!(out, "/** The catalog of a ruleset (a promise), or a promise of null for an unknown id. */");
    out.push_str("export function loadCatalog(id) {\n  switch (id) {\n");
    for r in rulesets {
        let id = &r.def.id.value;
        let _ = writeln!(out, "    case {id:?}:\n      return import(\"./{id}.js\").then((module) => module.default);");
    }
    out.push_str("    default:\n      return Promise.resolve(null);\n  }\n}\n");
    out
}

/// Every catalog at once, for the package entry that builds reports of any ruleset.
fn all_module(rulesets: &[CompiledRuleset]) -> String {
    let mut out = String::from("// Generated from the ruleset files by cluster-check-model; do not edit.\n");
    for (i, r) in rulesets.iter().enumerate() {
        let _ = writeln!(out, "import catalog{i} from \"./{}.js\";", r.def.id.value);
    }
    let names: Vec<String> = (0..rulesets.len()).map(|i| format!("catalog{i}")).collect();
    let _ = writeln!(out, "\n/** Every catalog, in the order of `RULESETS`. */\nexport default Object.freeze([{}]);", names.join(", "));
    out
}

/// Every file of the package that is generated from the rulesets.
pub fn package_files(rulesets: &[CompiledRuleset]) -> Vec<Output> {
    let mut out = Vec::new();
    for r in rulesets {
        let json = catalog::catalog(r).to_string();
        out.push(Output {
            path: format!("rulesets/{}.js", r.def.id.value),
            text: module_of(&json),
        });
        out.push(Output {
            path: format!("rulesets/{}.json", r.def.id.value),
            text: json + "\n",
        });
    }
    out.push(Output {
        path: "rulesets/index.js".to_owned(),
        text: index_module(rulesets),
    });
    out.push(Output {
        path: "rulesets/all.js".to_owned(),
        text: all_module(rulesets),
    });
    out.push(Output {
        path: "index.d.ts".to_owned(),
        text: typescript::write(rulesets),
    });
    out
}
