//! The engine's tables, as Rust source: `build.rs` writes this into `$OUT_DIR` and the
//! engine includes it.

use std::fmt::Write as _;

use crate::load::compile::FieldIndexes;
use crate::load::model::{AggregateDef, Bilingual, FieldDef, PredicateDef, RuleDef, TestDef};
use crate::load::CompiledRuleset;
use crate::tables::{Compare, Kind, Param, WhenZero};

fn text(t: &Bilingual) -> String {
    format!("Text {{ zh: {:?}, en: {:?} }}", t.zh, t.en)
}

fn compare(c: Compare) -> &'static str {
    match c {
        Compare::AtLeast => "Compare::AtLeast",
        Compare::Over => "Compare::Over",
        Compare::AtMost => "Compare::AtMost",
        Compare::Under => "Compare::Under",
    }
}

fn dec(d: crate::number::Dec) -> String {
    format!("Dec::from_micros({})", d.micros())
}

fn params(list: &[Param]) -> String {
    let items: Vec<String> = list.iter().map(|p| format!("Param::{p:?}")).collect();
    format!("&[{}]", items.join(", "))
}

fn template(r: &CompiledRuleset, index: u16) -> String {
    let p = r.templates.get(usize::from(index)).map_or_else(|| "&[]".to_owned(), |t| params(&t.params));
    format!("Template {{ index: {index}, params: {p} }}")
}

fn opt_template(r: &CompiledRuleset, index: Option<u16>) -> String {
    index.map_or_else(|| "None".to_owned(), |i| format!("Some({})", template(r, i)))
}

/// The Rust source of every ruleset: `RULESETS`, `RULESET_TEXTS` (same order),
/// `DEFAULT_INDEX` and `MAX_SLOTS`.
pub fn write(rulesets: &[CompiledRuleset]) -> String {
    let mut out = String::from("// Generated from the ruleset files by cluster-check-model; do not edit.\n");
    let mut max_slots = 1;
    for (i, r) in rulesets.iter().enumerate() {
        max_slots = max_slots.max(r.slots);
        write_one(&mut out, r, i);
    }
    let names = |prefix: &str| (0..rulesets.len()).map(|i| format!("&{prefix}_{i}")).collect::<Vec<_>>().join(", ");
    let default = rulesets.iter().position(|r| r.def.default).unwrap_or(0);
    let _ = writeln!(out, "/// Every ruleset built in, in file-name order.");
    let _ = writeln!(out, "pub static RULESETS: &[&Ruleset] = &[{}];", names("RULESET"));
    let _ = writeln!(out, "/// The texts of each ruleset, in the order of `RULESETS` (native reports only).");
    let _ = writeln!(out, "pub static RULESET_TEXTS: &[&RulesetTexts] = &[{}];", names("TEXTS"));
    let _ = writeln!(out, "/// Which ruleset figures without `ruleset` are judged by.");
    let _ = writeln!(out, "pub const DEFAULT_INDEX: usize = {default};");
    let _ = writeln!(out, "/// The most readings any ruleset needs.");
    let _ = writeln!(out, "pub const MAX_SLOTS: usize = {max_slots};");
    out
}

fn field_index(r: &CompiledRuleset, key: &str) -> usize {
    r.def.fields.iter().position(|f| f.key.value == key).unwrap_or(usize::MAX)
}

/// Writes the `Field` entries of `fields` (their indexes `ixs`) and returns the ruleset's
/// `initials` table.
fn write_fields(out: &mut String, fields: &[FieldDef], ixs: &[FieldIndexes]) -> String {
    for (f, field) in fields.iter().enumerate() {
        let ix = ixs.get(f);
        let kind = match field.kind {
            Kind::Bool => "Kind::Bool",
            Kind::Count => "Kind::Count",
            Kind::Decimal => "Kind::Decimal",
            Kind::Set => "Kind::Set",
        };
        let units: Vec<String> = field
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.keyed)
            .map(|(u, unit)| {
                let label = ix.and_then(|x| x.units.get(u)).copied().unwrap_or(0);
                format!(
                    "Unit {{ suffix: {:?}, num: {}, den: {}, label: {label} }}",
                    unit.id.value, unit.factor.value.0, unit.factor.value.1
                )
            })
            .collect();
        let values: Vec<String> = field
            .values
            .iter()
            .enumerate()
            .map(|(v, value)| {
                let label = ix.and_then(|x| x.values.get(v)).copied().unwrap_or(0);
                format!("SetValue {{ id: {:?}, label: {label} }}", value.id.value)
            })
            .collect();
        let _ = writeln!(
            out,
            "        Field {{ key: {:?}, kind: {kind}, signed: {}, years: {}, slot: {}, label: {}, units: &[{}], values: &[{}], zero_error: {:?}, plausible_max: {}, plausible_hint: {:?} }},",
            field.key.value,
            field.signed,
            field.years.as_ref().map_or(0, |y| y.value),
            ix.map_or(0, |x| x.slot),
            ix.map_or(0, |x| x.label),
            units.join(", "),
            values.join(", "),
            field.zero_error.as_ref().map(|z| z.value.clone()),
            field.plausible_max.as_ref().map_or_else(|| "None".to_owned(), |m| format!("Some({})", dec(m.value))),
            ix.and_then(|x| x.plausible_hint),
        );
    }
    let mut initials = [0_u64; 64];
    for (f, field) in fields.iter().enumerate() {
        let key = field.key.value.as_bytes();
        // The slots of the keys that begin with the field's: its own when it has a third
        // byte; else the key alone or followed by `_` (two bytes), or every slot (one).
        let slots: Vec<usize> = match key {
            [] => Vec::new(),
            [_] => (0..64).collect(),
            [a, b] => vec![crate::tables::initial_slot(&[*a, *b]), crate::tables::initial_slot(&[*a, *b, b'_'])],
            _ => vec![crate::tables::initial_slot(key)],
        };
        for slot in slots {
            if let Some(set) = initials.get_mut(slot) {
                *set |= 1 << f;
            }
        }
    }
    initials.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
}

/// The roster of ruleset `i`: its columns as a ruleset of fields, and its tables.
fn write_roster(out: &mut String, r: &CompiledRuleset, i: usize, roster: &crate::load::model::RosterDef, messages: &str) {
    let columns: Vec<FieldDef> = roster.columns.iter().map(|c| c.field.clone()).collect();
    let column = |name: &str| columns.iter().position(|c| c.key.value == name).unwrap_or(usize::MAX);
    let _ = writeln!(out, "#[cfg(feature = \"roster\")]\nstatic ROSTER_COLUMNS_{i}: Ruleset = Ruleset {{\n    id: {:?},\n    fields: &[", r.def.id.value);
    let initials = write_fields(out, &columns, &r.roster_columns);
    let _ = writeln!(
        out,
        "    ],\n    slots: {},\n    initials: [{initials}],\n    conditions: &[],\n    tiers: &[],\n    messages: {messages},\n    texts: {},\n    roster: None,\n}};",
        columns.len(),
        r.texts.len()
    );
    let predicate = |p: &PredicateDef| -> String {
        let clauses: Vec<String> = p
            .iter()
            .map(|clause| {
                let terms: Vec<String> = clause
                    .iter()
                    .map(|t| {
                        let test = match &t.test {
                            TestDef::True => "Test::True".to_owned(),
                            TestDef::Compare { compare: c, threshold } => {
                                format!("Test::Compare {{ compare: {}, threshold: {} }}", compare(c.value), dec(threshold.value))
                            }
                        };
                        format!("Term {{ column: {}, test: {test} }}", column(&t.column.value))
                    })
                    .collect();
                format!("&[{}]", terms.join(", "))
            })
            .collect();
        format!("&[{}]", clauses.join(", "))
    };
    let defaults: Vec<String> = roster
        .columns
        .iter()
        .enumerate()
        .filter_map(|(c, col)| col.default.map(|d| format!("({c}, {d})")))
        .collect();
    let derive: Vec<String> = roster
        .columns
        .iter()
        .enumerate()
        .filter_map(|(c, col)| {
            let d = col.derive.as_ref()?;
            let (source, reading) = r.roster_sources.get(c).copied().flatten().unwrap_or((0, 0));
            Some(format!("Derive {{ column: {c}, rule: {}, source: {source}, reading: {reading} }}", predicate(&d.rule)))
        })
        .collect();
    let requires: Vec<String> = roster
        .columns
        .iter()
        .enumerate()
        .filter_map(|(c, col)| {
            let q = col.requires.as_ref()?;
            Some(format!("Requires {{ column: {c}, needs: {}, code: {:?} }}", column(&q.column.value), q.code.value))
        })
        .collect();
    // In the ruleset's field order, so that figures come out in it.
    let mut figures: Vec<(usize, String)> = roster
        .figures
        .iter()
        .map(|f| {
            let field = field_index(r, &f.field.value);
            let aggregate = match &f.aggregate {
                AggregateDef::Count => "Aggregate::Count".to_owned(),
                AggregateDef::Sum { column: c } => format!("Aggregate::Sum {{ column: {} }}", column(&c.value)),
            };
            (field, format!("RosterFigure {{ field: {field}, aggregate: {aggregate}, filter: {} }}", predicate(&f.filter)))
        })
        .collect();
    figures.sort_by_key(|(field, _)| *field);
    let figures: Vec<String> = figures.into_iter().map(|(_, f)| f).collect();
    let _ = writeln!(
        out,
        "#[cfg(feature = \"roster\")]\nstatic ROSTER_{i}: Roster = Roster {{\n    columns: &ROSTER_COLUMNS_{i},\n    defaults: &[{}],\n    derive: &[{}],\n    requires: &[{}],\n    figures: &[{}],\n    notes: &{:?},\n}};",
        defaults.join(", "),
        derive.join(", "),
        requires.join(", "),
        figures.join(", "),
        r.roster_notes
    );
}

fn write_one(out: &mut String, r: &CompiledRuleset, i: usize) {
    let def = &r.def;
    let index = |key: &str| field_index(r, key);
    out.push_str(&format!("static RULESET_{i}: Ruleset = Ruleset {{\n    id: {:?},\n    fields: &[\n", def.id.value));
    let initials = write_fields(out, &def.fields, &r.fields);
    let _ = writeln!(out, "    ],\n    slots: {},\n    initials: [{}],\n    conditions: &[", r.slots, initials);
    for (c, condition) in def.conditions.iter().enumerate() {
        out.push_str("        Condition { checks: &[\n");
        for (k, check) in condition.checks.iter().enumerate() {
            let Some(ix) = r.checks.get(c).and_then(|l| l.get(k)) else { continue };
            let rule = match &check.rule {
                RuleDef::IsTrue { field } => format!("Rule::IsTrue {{ field: {} }}", index(&field.value)),
                RuleDef::AnyTrue { fields } => {
                    let list: Vec<String> = fields.iter().map(|f| index(&f.value).to_string()).collect();
                    format!("Rule::AnyTrue {{ fields: &[{}] }}", list.join(", "))
                }
                RuleDef::Threshold {
                    field,
                    compare: cmp,
                    threshold,
                    soft,
                } => format!(
                    "Rule::Threshold {{ field: {}, compare: {}, threshold: {}, soft: {soft} }}",
                    index(&field.value),
                    compare(cmp.value),
                    dec(threshold.value)
                ),
                RuleDef::Ratio {
                    numerator,
                    denominator,
                    compare: cmp,
                    threshold,
                    percent,
                    part_of_whole,
                    when_zero,
                    gap_grows_denominator,
                } => format!(
                    "Rule::Ratio {{ numerator: {}, denominator: {}, compare: {}, threshold: {}, percent: {percent}, part_of_whole: {part_of_whole}, when_zero: WhenZero::{}, gap_grows_denominator: {} }}",
                    index(&numerator.value),
                    index(&denominator.value),
                    compare(cmp.value),
                    dec(threshold.value),
                    if when_zero.value == WhenZero::Met { "Met" } else { "Error" },
                    gap_grows_denominator.value
                ),
                RuleDef::AllOf { field } => format!("Rule::AllOf {{ field: {} }}", index(&field.value)),
                RuleDef::EachYear { field, compare: cmp, threshold } => format!(
                    "Rule::EachYear {{ field: {}, compare: {}, threshold: {} }}",
                    index(&field.value),
                    compare(cmp.value),
                    dec(threshold.value)
                ),
                RuleDef::Growth { field, compare: cmp, threshold } => format!(
                    "Rule::Growth {{ field: {}, compare: {}, threshold: {} }}",
                    index(&field.value),
                    compare(cmp.value),
                    dec(threshold.value)
                ),
                RuleDef::AnyCount { groups } => {
                    let list: Vec<String> = groups
                        .iter()
                        .enumerate()
                        .map(|(g, group)| {
                            let fields: Vec<String> = group.fields.iter().map(|f| index(&f.value).to_string()).collect();
                            format!(
                                "CountGroup {{ fields: &[{}], compare: {}, threshold: {}, threshold_text: {}, title: {} }}",
                                fields.join(", "),
                                compare(group.compare.value),
                                dec(group.threshold.value),
                                ix.group_thresholds.get(g).copied().unwrap_or(0),
                                ix.group_titles.get(g).copied().unwrap_or(0)
                            )
                        })
                        .collect();
                    format!("Rule::AnyCount {{ groups: &[{}] }}", list.join(", "))
                }
            };
            let _ = writeln!(
                out,
                "            Check {{ title: {}, threshold: {:?}, rule: {rule}, explain: Explain {{ met: {}, not_met: {}, nothing_due: {}, guidance: {} }}, plausible: {} }},",
                ix.title,
                ix.threshold,
                template(r, ix.met),
                template(r, ix.not_met),
                opt_template(r, ix.nothing_due),
                opt_template(r, ix.guidance),
                match (&check.plausible_max, ix.implausible) {
                    (Some(max), Some(t)) => format!("Some(({}, {}))", dec(max.value), template(r, t)),
                    _ => "None".to_owned(),
                },
            );
        }
        out.push_str("        ] },\n");
    }
    out.push_str("    ],\n    tiers: &[\n");
    if let Some(tiers) = &def.tiers {
        for (b, band) in tiers.bands.iter().enumerate() {
            let _ = writeln!(
                out,
                "        Tier {{ id: {:?}, field: {}, compare: {}, threshold: {}, at_threshold: {} }},",
                band.id.value,
                index(&tiers.field.value),
                compare(band.compare.value),
                dec(band.threshold.value),
                opt_template(r, r.band_at_threshold.get(b).copied().flatten()),
            );
        }
    }
    let messages = format!(
        "Messages {{ missing: {}, invalid: {}, tier_boundary: {}, implausible: {} }}",
        template(r, r.missing),
        template(r, r.invalid),
        opt_template(r, r.tier_boundary),
        opt_template(r, r.implausible),
    );
    // The roster's tables are built only into the engine that counts rosters.
    let roster = if def.roster.is_some() {
        format!("#[cfg(feature = \"roster\")]\n    roster: Some(&ROSTER_{i}),\n    #[cfg(not(feature = \"roster\"))]\n    roster: None,")
    } else {
        "roster: None,".to_owned()
    };
    let _ = writeln!(out, "    ],\n    messages: {messages},\n    texts: {},\n    {roster}\n}};", r.texts.len());
    if let Some(roster) = &def.roster {
        write_roster(out, r, i, roster, &messages);
    }

    // The texts, for the native report only.
    let _ = writeln!(
        out,
        "static TEXTS_{i}: RulesetTexts = RulesetTexts {{\n    id: {:?}, document: {:?}, issued: {:?}, title: {},",
        def.id.value,
        def.document,
        def.issued.value,
        text(&def.title)
    );
    let texts: Vec<String> = r.texts.iter().map(text).collect();
    let _ = writeln!(out, "    texts: &[{}],", texts.join(", "));
    let templates: Vec<String> = r.templates.iter().map(|t| text(&t.text)).collect();
    let _ = writeln!(out, "    templates: &[{}],", templates.join(", "));
    let _ = writeln!(out, "    join: Text {{ zh: \"、\", en: \", \" }},\n    conditions: &[");
    for condition in &def.conditions {
        let _ = writeln!(
            out,
            "        ConditionTexts {{ id: {:?}, clause: {:?}, title: {}, checks: &[",
            condition.id.value,
            condition.clause,
            text(&condition.title)
        );
        for check in &condition.checks {
            let threshold = shown_threshold(r, &check.rule);
            let _ = writeln!(
                out,
                "            CheckTexts {{ id: {:?}, title: {}, citation: {:?}, threshold: {:?}, unit: {:?} }},",
                check.id.value,
                text(&check.title),
                check.citation.value,
                threshold,
                check.unit.as_ref().map(|u| u.zh.clone())
            );
        }
        out.push_str("        ] },\n");
    }
    let notes: Vec<String> = def.notes.iter().map(text).collect();
    let keys: Vec<String> = def
        .fields
        .iter()
        .map(|f| format!("&[{}]", f.input_keys().iter().map(|k| format!("{k:?}")).collect::<Vec<_>>().join(", ")))
        .collect();
    let _ = writeln!(out, "    ],\n    notes: &[{}],\n    keys: &[{}],\n}};", notes.join(", "), keys.join(", "));
}

/// The shown threshold of a check (as the report gives it).
pub fn shown_threshold(r: &CompiledRuleset, rule: &RuleDef) -> Option<String> {
    match rule {
        RuleDef::AllOf { field } => r.def.fields.iter().find(|f| f.key.value == field.value).map(|f| f.values.len().to_string()),
        rule => rule.bound().map(|(_, t)| t.to_plain().as_str().to_owned()),
    }
}
