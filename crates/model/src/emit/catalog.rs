//! The catalog of a ruleset (`docs/catalog.md`): everything a front end needs, as JSON.

use serde_json::{json, Map, Value};

use super::rust::shown_threshold;
use crate::load::compile::FieldIndexes;
use crate::load::model::{AggregateDef, Bilingual, FieldDef, FormDef, RuleDef};
use crate::load::reader::Scalar;
use crate::load::CompiledRuleset;
use crate::messages::{CLUSTER_LABEL, ENTERPRISE_LABEL, ERROR_CODES, NAME_LABEL, ROSTER_ERROR_CODES, ROSTER_WARNING_CODES, WARNING_CODES};
use crate::tables::Kind;

/// Version of the catalog's shape.
pub const FORMAT: u32 = 1;

fn text(t: &Bilingual) -> Value {
    json!({ "zh": t.zh, "en": t.en })
}

fn opt_text(t: Option<&Bilingual>) -> Value {
    t.map_or(Value::Null, text)
}

fn kind(k: Kind) -> &'static str {
    match k {
        Kind::Bool => "bool",
        Kind::Count => "count",
        Kind::Decimal => "decimal",
        Kind::Set => "set",
    }
}

/// The product's wording of `name` and `year`, which a ruleset may override.
fn meta(key: &str, form: &FormDef) -> Value {
    let (label, question, hint, kind) = match key {
        "name" => (
            Bilingual {
                zh: NAME_LABEL.text.zh.to_owned(),
                en: NAME_LABEL.text.en.to_owned(),
            },
            Bilingual {
                zh: "集群名称".to_owned(),
                en: "Cluster name".to_owned(),
            },
            Some(Bilingual {
                zh: "只用于报告抬头，如：某某县某某特色产业集群。".to_owned(),
                en: "Only for the report heading.".to_owned(),
            }),
            "text",
        ),
        _ => (
            Bilingual {
                zh: "数据年度".to_owned(),
                en: "year of the figures".to_owned(),
            },
            Bilingual {
                zh: "数据年度".to_owned(),
                en: "Year of the figures".to_owned(),
            },
            Some(Bilingual {
                zh: "所填数据所属的年份，如 2024。".to_owned(),
                en: "The year the figures are for, e.g. 2024.".to_owned(),
            }),
            "year",
        ),
    };
    json!({
        "key": key,
        "kind": kind,
        "label": text(form.label.as_ref().unwrap_or(&label)),
        "question": text(form.question.as_ref().unwrap_or(&question)),
        "hint": opt_text(form.hint.as_ref().or(hint.as_ref())),
    })
}

fn field(ix: Option<&FieldIndexes>, def: &FieldDef) -> Value {
    let units: Vec<Value> = def
        .units
        .iter()
        .map(|u| {
            let (num, den) = u.factor.value;
            let factor = if den == 1 { num.to_string() } else { format!("{num}/{den}") };
            json!({ "id": u.id.value, "label": text(&u.label), "factor": factor, "keyed": u.keyed, "places": u.places })
        })
        .collect();
    let keys: Vec<String> = if def.years.is_some() {
        def.input_keys().into_iter().map(|k| k + "_{year}").collect()
    } else {
        def.input_keys()
    };
    let values: Vec<Value> = def.values.iter().map(|v| json!({ "id": v.id.value, "label": text(&v.label) })).collect();
    json!({
        "key": def.key.value,
        "kind": kind(def.kind),
        "signed": def.signed,
        "years": def.years.as_ref().map(|y| y.value),
        "label": text(&def.label),
        "question": text(def.form.question.as_ref().unwrap_or(&def.label)),
        "hint": opt_text(def.form.hint.as_ref()),
        "group": ix.map(|x| x.group.clone()),
        "units": units,
        "keys": keys,
        "values": values,
        "zero_error": def.zero_error.as_ref().map(|z| z.value.clone()),
        "plausible_max": def.plausible_max.as_ref().map(|m| m.value.to_plain().as_str().to_owned()),
        "checks": ix.map(|x| x.checks.clone()).unwrap_or_default(),
    })
}

/// The error codes a report of this ruleset can carry.
pub fn error_codes(r: &CompiledRuleset) -> Vec<String> {
    let mut codes: Vec<String> = ERROR_CODES.iter().map(|c| (*c).to_owned()).collect();
    for f in &r.def.fields {
        if let Some(z) = &f.zero_error {
            if !codes.contains(&z.value) {
                codes.push(z.value.clone());
            }
        }
    }
    codes
}

/// The catalog of one ruleset.
pub fn catalog(r: &CompiledRuleset) -> Value {
    let def = &r.def;
    let fields: Vec<Value> = def.fields.iter().enumerate().map(|(f, d)| field(r.fields.get(f), d)).collect();
    let groups: Vec<Value> = r
        .groups
        .iter()
        .map(|g| {
            let keys: Vec<&str> = g.fields.iter().filter_map(|&f| def.fields.get(f)).map(|f| f.key.value.as_str()).collect();
            json!({ "id": g.id, "clause": g.clause, "title": text(&g.title), "fields": keys })
        })
        .collect();
    let conditions: Vec<Value> = def
        .conditions
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let checks: Vec<Value> = c
                .checks
                .iter()
                .enumerate()
                .map(|(ki, k)| {
                    // The templates that can explain it: met, not met, nothing due, guidance.
                    let ix = r.checks.get(ci).and_then(|l| l.get(ki));
                    let explain = ix.map_or(Value::Null, |x| json!([x.met, x.not_met, x.nothing_due, x.guidance]));
                    let fields: Vec<&str> = k.rule.fields().iter().map(|f| f.value.as_str()).collect();
                    let mut unique: Vec<&str> = Vec::new();
                    for f in fields {
                        if !unique.contains(&f) {
                            unique.push(f);
                        }
                    }
                    let (compare, soft) = match &k.rule {
                        RuleDef::Threshold { compare, soft, .. } => (Some(compare.value.symbol()), *soft),
                        RuleDef::Ratio { compare, .. } | RuleDef::EachYear { compare, .. } | RuleDef::Growth { compare, .. } => {
                            (Some(compare.value.symbol()), false)
                        }
                        _ => (None, false),
                    };
                    json!({
                        "id": k.id.value,
                        "title": text(&k.title),
                        "citation": k.citation.value,
                        "citation_en": k.citation_en,
                        "rule": k.rule.name(),
                        "compare": compare,
                        "threshold": shown_threshold(r, &k.rule),
                        "unit": opt_text(k.unit.as_ref()),
                        "places": k.places,
                        "soft": soft,
                        "fields": unique,
                        "explain": explain,
                        "plausible_max": k.plausible_max.as_ref().map(|m| m.value.to_plain().as_str().to_owned()),
                    })
                })
                .collect();
            json!({ "id": c.id.value, "clause": c.clause, "title": text(&c.title), "checks": checks })
        })
        .collect();
    let tiers = def.tiers.as_ref().map_or(Value::Null, |t| {
        let list: Vec<Value> = t
            .bands
            .iter()
            .map(|b| {
                json!({
                    "id": b.id.value,
                    "title": text(&b.title),
                    "citation": b.citation.value,
                    "citation_en": b.citation_en,
                    "compare": b.compare.value.symbol(),
                    "threshold": b.threshold.value.to_plain().as_str(),
                })
            })
            .collect();
        json!({ "label": text(&t.label), "field": t.field.value, "none": text(&t.none), "unknown": text(&t.unknown), "list": list })
    });
    let mut out = Map::new();
    out.insert("format".into(), json!(FORMAT));
    out.insert("id".into(), json!(def.id.value));
    out.insert("document".into(), json!(def.document));
    out.insert("issued".into(), json!(def.issued.value));
    for (key, t) in [
        ("title", &def.title),
        ("short", &def.short),
        ("issuer", &def.issuer),
        ("about", &def.about),
        ("scope", &def.scope),
        ("report_title", &def.report_title),
    ] {
        out.insert(key.into(), text(t));
    }
    out.insert(
        "verdict".into(),
        json!({ "met": text(&def.verdict.met), "not_met": text(&def.verdict.not_met), "incomplete": text(&def.verdict.incomplete) }),
    );
    out.insert("not_assessed".into(), Value::Array(def.not_assessed.iter().map(text).collect()));
    out.insert("default".into(), json!(def.default));
    out.insert("meta".into(), json!([meta("name", &def.meta.name), meta("year", &def.meta.year)]));
    out.insert("fields".into(), Value::Array(fields));
    out.insert("groups".into(), Value::Array(groups));
    out.insert("conditions".into(), Value::Array(conditions));
    out.insert("tiers".into(), tiers);
    out.insert("roster".into(), roster(r));
    out.insert("notes".into(), Value::Array(def.notes.iter().map(text).collect()));
    // The note of a joint plan: meeting every numeric check, or not (`plan.note`).
    out.insert("plan_notes".into(), json!(crate::messages::PLAN_NOTES.map(|t| json!({ "zh": t.zh, "en": t.en }))));
    out.insert("errors".into(), json!(error_codes(r)));
    out.insert("warnings".into(), json!(WARNING_CODES));
    out.insert(
        "templates".into(),
        Value::Array(r.templates.iter().map(|t| json!({ "zh": t.text.zh, "en": t.text.en, "n": t.params.len() })).collect()),
    );
    // Every field's keys in order (a gap's field is named by its index here).
    let keys: Vec<String> = def.fields.iter().flat_map(FieldDef::input_keys).collect();
    out.insert("keys".into(), json!(keys));
    out.insert("texts".into(), Value::Array(r.texts.iter().map(text).collect()));
    out.insert("join".into(), json!({ "zh": "、", "en": ", " }));
    // The templates every check can be explained by besides its own: missing, invalid, and a
    // record that is not figures.
    out.insert("general".into(), json!([r.missing, r.invalid, crate::messages::RECORD_UNUSABLE.index]));
    Value::Object(out)
}

/// The roster: its columns (as fields, with what a blank cell means), the figures it gives,
/// its notes and the codes of its messages; null for a ruleset without one.
fn roster(r: &CompiledRuleset) -> Value {
    let Some(roster) = &r.def.roster else { return Value::Null };
    let columns: Vec<Value> = roster
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let mut value = field(r.roster_columns.get(c), &col.field);
            if let Value::Object(map) = &mut value {
                for key in ["group", "checks", "zero_error", "years", "signed", "values"] {
                    map.remove(key);
                }
                map.insert("default".into(), json!(col.default));
                map.insert(
                    "derive".into(),
                    col.derive.as_ref().map_or(Value::Null, |d| json!({ "source": text(&d.source), "reading": text(&d.reading) })),
                );
                map.insert(
                    "requires".into(),
                    col.requires.as_ref().map_or(Value::Null, |q| json!({ "column": q.column.value, "code": q.code.value })),
                );
            }
            value
        })
        .collect();
    let key_of = |name: &str| {
        roster.columns.iter().find(|c| c.field.key.value == name).and_then(|c| c.field.input_keys().into_iter().next())
    };
    let figures: Vec<Value> = roster
        .figures
        .iter()
        .map(|f| {
            let field = r.def.fields.iter().find(|x| x.key.value == f.field.value);
            let (aggregate, column) = match &f.aggregate {
                AggregateDef::Count => ("count", None),
                AggregateDef::Sum { column } => ("sum", key_of(&column.value)),
            };
            json!({
                "field": f.field.value,
                "key": field.and_then(|x| x.input_keys().into_iter().next()),
                "aggregate": aggregate,
                "column": column,
            })
        })
        .collect();
    let mut errors: Vec<String> = ["negative", "not_a_number", "not_whole", "too_large", "too_precise", "unknown_field", "both_units", "wrong_type", "too_many_fields"]
        .iter()
        .map(|c| (*c).to_owned())
        .collect();
    errors.extend(ROSTER_ERROR_CODES.iter().map(|c| (*c).to_owned()));
    for col in &roster.columns {
        if let Some(q) = &col.requires {
            if !errors.contains(&q.code.value) {
                errors.push(q.code.value.clone());
            }
        }
    }
    let mut warnings: Vec<String> = ROSTER_WARNING_CODES.iter().map(|c| (*c).to_owned()).collect();
    warnings.push("implausible".to_owned());
    // The worked examples: each row as a roster gives it (amounts as exact decimal text).
    let examples: Vec<Value> = roster
        .examples
        .iter()
        .map(|e| {
            let row: Map<String, Value> = e
                .row
                .iter()
                .map(|(key, cell)| {
                    let value = match &cell.value {
                        Scalar::Str(s) => json!(s),
                        Scalar::Bool(b) => json!(b),
                        Scalar::Int(n) => json!(n),
                        Scalar::Other(_) => Value::Null,
                    };
                    (key.value.clone(), value)
                })
                .collect();
            json!({ "row": row, "note": text(&e.note) })
        })
        .collect();
    json!({
        "meta": [
            { "key": "enterprise", "kind": "text", "label": text(&word(ENTERPRISE_LABEL)) },
            { "key": "cluster", "kind": "text", "label": text(&word(CLUSTER_LABEL)) },
        ],
        "columns": columns,
        "figures": figures,
        "notes": roster.notes.iter().map(text).collect::<Vec<_>>(),
        "examples": examples,
        "errors": errors,
        "warnings": warnings,
    })
}

fn word(w: crate::messages::Word) -> Bilingual {
    Bilingual { zh: w.text.zh.to_owned(), en: w.text.en.to_owned() }
}
