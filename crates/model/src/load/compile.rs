//! From a validated ruleset file to what every generator writes: the texts and templates
//! numbered (the engine's own first, then the ruleset's), placeholders turned into numbered
//! places, the form's groups, and where each field's readings are kept. The Rust tables,
//! the catalog and the TypeScript declarations are all written from this one value, so
//! that the index a verdict names is the index the catalog holds.

use std::collections::HashMap;

use super::model::{Bilingual, RuleDef, RulesetDef, TextAt};
use super::reader::Problems;
use super::validate::{explain_params, number_placeholders, Compiled as Template, CHECK_IMPLAUSIBLE_PARAMS, IMPLAUSIBLE_PARAMS, MISSING_PARAMS, TIER_PARAMS};
use crate::messages::{MESSAGES, WORDS};
use crate::number::grouped;
use crate::tables::Param;

/// A group of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Id (the condition's, when derived).
    pub id: String,
    /// The clause it stands for.
    pub clause: Option<String>,
    /// Heading.
    pub title: Bilingual,
    /// Field indexes, in order.
    pub fields: Vec<usize>,
}

/// The texts and templates of one check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckIndexes {
    /// Its title, as a text (for lists of checks in messages).
    pub title: u16,
    /// Explanations: template indexes.
    pub met: u16,
    /// See `met`.
    pub not_met: u16,
    /// See `met`.
    pub nothing_due: Option<u16>,
    /// See `met`.
    pub guidance: Option<u16>,
    /// Titles of an `any_count` rule's groups, as texts.
    pub group_titles: Vec<u16>,
    /// Its threshold as explanations show it, as a text.
    pub threshold: Option<u16>,
    /// The thresholds of an `any_count` rule's groups, as texts.
    pub group_thresholds: Vec<u16>,
    /// The warning above its plausible limit: a template index.
    pub implausible: Option<u16>,
}

/// The texts of one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldIndexes {
    /// Its label.
    pub label: u16,
    /// Labels of its units (every unit, keyed or not).
    pub units: Vec<u16>,
    /// Labels of its set values.
    pub values: Vec<u16>,
    /// Its first reading.
    pub slot: usize,
    /// The checks that read it (ids).
    pub checks: Vec<String>,
    /// The group it is shown in.
    pub group: String,
    /// The unit mistake likely behind an implausible figure, as a text.
    pub plausible_hint: Option<u16>,
}

/// A ruleset ready to be written out.
#[derive(Clone, Debug)]
pub struct CompiledRuleset {
    /// The file as read.
    pub def: RulesetDef,
    /// Texts referred to by index.
    pub texts: Vec<Bilingual>,
    /// Templates with numbered places.
    pub templates: Vec<Template>,
    /// Per field.
    pub fields: Vec<FieldIndexes>,
    /// Per condition, per check.
    pub checks: Vec<Vec<CheckIndexes>>,
    /// The ruleset's messages: template indexes.
    pub missing: u16,
    /// See `missing`.
    pub invalid: u16,
    /// See `missing`.
    pub tier_boundary: Option<u16>,
    /// See `missing`.
    pub implausible: Option<u16>,
    /// Per tier band, its `at_threshold` template.
    pub band_at_threshold: Vec<Option<u16>>,
    /// The form's groups.
    pub groups: Vec<Group>,
    /// Readings needed.
    pub slots: usize,
    /// Per roster column (label, units; `slot` is its reading; no checks or group).
    pub roster_columns: Vec<FieldIndexes>,
    /// Per roster column with `derive`: the standard's name and what it says, as texts.
    pub roster_sources: Vec<Option<(u16, u16)>>,
    /// The roster's notes, as texts.
    pub roster_notes: Vec<u16>,
}

struct Numbering {
    texts: Vec<Bilingual>,
    index: HashMap<(String, String), u16>,
    templates: Vec<Template>,
}

impl Numbering {
    fn text(&mut self, t: &Bilingual) -> u16 {
        let key = (t.zh.clone(), t.en.clone());
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = u16::try_from(self.texts.len()).unwrap_or(u16::MAX);
        self.texts.push(t.clone());
        self.index.insert(key, i);
        i
    }

    fn template(&mut self, t: &TextAt, allowed: &[Param], place: &str, problems: &Problems) -> u16 {
        let compiled = number_placeholders(t, allowed, place, problems);
        let i = u16::try_from(self.templates.len()).unwrap_or(u16::MAX);
        self.templates.push(compiled);
        i
    }
}

/// Numbers the texts and templates of a validated ruleset, recording bad placeholders.
pub fn compile(def: RulesetDef, problems: &Problems) -> CompiledRuleset {
    let mut n = Numbering {
        texts: Vec::new(),
        index: HashMap::new(),
        templates: Vec::new(),
    };
    // The engine's own words and messages come first, at the indexes it knows them by.
    for word in WORDS {
        let text = Bilingual {
            zh: word.text.zh.to_owned(),
            en: word.text.en.to_owned(),
        };
        let i = u16::try_from(n.texts.len()).unwrap_or(u16::MAX);
        n.texts.push(text);
        let _ = i;
    }
    for message in MESSAGES {
        let at = TextAt::new(
            Bilingual {
                zh: message.text.zh.to_owned(),
                en: message.text.en.to_owned(),
            },
            0..0,
        );
        let place = format!("the engine's message {}", message.index);
        let compiled = number_placeholders(&at, message.params, &place, problems);
        // The engine passes every param of a message in the declared order, so the numbered
        // places must follow that order, not the order of first appearance.
        let renumbered = renumber(&compiled, message.params);
        n.templates.push(renumbered);
    }

    let mut slot = 0;
    let mut fields = Vec::with_capacity(def.fields.len());
    for field in &def.fields {
        let label = n.text(&field.label);
        let units = field.units.iter().map(|u| n.text(&u.label)).collect();
        let values = field.values.iter().map(|v| n.text(&v.label)).collect();
        let checks = def
            .conditions
            .iter()
            .flat_map(|c| c.checks.iter())
            .filter(|k| k.rule.fields().iter().any(|f| f.value == field.key.value))
            .map(|k| k.id.value.clone())
            .collect();
        fields.push(FieldIndexes {
            label,
            units,
            values,
            slot,
            checks,
            group: String::new(),
            plausible_hint: field.plausible_hint.as_ref().map(|h| n.text(&h.value)),
        });
        slot += usize::from(field.years.as_ref().map_or(1, |y| y.value));
    }

    let mut roster_columns = Vec::new();
    let mut roster_sources = Vec::new();
    let mut roster_notes = Vec::new();
    if let Some(roster) = &def.roster {
        roster_notes = roster.notes.iter().map(|t| n.text(t)).collect();
        for (slot, column) in roster.columns.iter().enumerate() {
            let field = &column.field;
            roster_columns.push(FieldIndexes {
                label: n.text(&field.label),
                units: field.units.iter().map(|u| n.text(&u.label)).collect(),
                values: Vec::new(),
                slot,
                checks: Vec::new(),
                group: String::new(),
                plausible_hint: field.plausible_hint.as_ref().map(|h| n.text(&h.value)),
            });
            roster_sources.push(column.derive.as_ref().map(|d| (n.text(&d.source), n.text(&d.reading))));
        }
    }

    let mut checks = Vec::with_capacity(def.conditions.len());
    for (c, condition) in def.conditions.iter().enumerate() {
        let mut list = Vec::with_capacity(condition.checks.len());
        for (k, check) in condition.checks.iter().enumerate() {
            let place = format!("conditions[{c}].checks[{k}] ({}).explain", check.id.value);
            let allowed = explain_params(&check.rule);
            let title = n.text(&check.title);
            let met = n.template(&check.explain.met, &allowed, &format!("{place}.met"), problems);
            let not_met = n.template(&check.explain.not_met, &allowed, &format!("{place}.not_met"), problems);
            let nothing_due = check
                .explain
                .nothing_due
                .as_ref()
                .map(|t| n.template(t, &allowed, &format!("{place}.nothing_due"), problems));
            let guidance = check
                .explain
                .guidance
                .as_ref()
                .map(|t| n.template(t, &allowed, &format!("{place}.guidance"), problems));
            let group_titles = match &check.rule {
                RuleDef::AnyCount { groups } => groups.iter().map(|g| n.text(&g.title)).collect(),
                _ => Vec::new(),
            };
            // Thresholds never change: their digits are grouped once, here, as texts.
            let mut shown = |plain: String| {
                let text = grouped(&plain);
                n.text(&Bilingual { zh: text.clone(), en: text })
            };
            let threshold = shown_threshold(&def, &check.rule).map(&mut shown);
            let group_thresholds = match &check.rule {
                RuleDef::AnyCount { groups } => groups.iter().map(|g| shown(g.threshold.value.to_plain().as_str().to_owned())).collect(),
                _ => Vec::new(),
            };
            let implausible = check
                .implausible
                .as_ref()
                .map(|t| n.template(t, &CHECK_IMPLAUSIBLE_PARAMS, &format!("conditions[{c}].checks[{k}] ({}).implausible", check.id.value), problems));
            list.push(CheckIndexes {
                implausible,
                title,
                met,
                not_met,
                nothing_due,
                guidance,
                group_titles,
                threshold,
                group_thresholds,
            });
        }
        checks.push(list);
    }
    let missing = n.template(&def.messages.missing, &MISSING_PARAMS, "messages.missing", problems);
    let invalid = n.template(&def.messages.invalid, &MISSING_PARAMS, "messages.invalid", problems);
    let tier_boundary = def
        .messages
        .tier_boundary
        .as_ref()
        .map(|t| n.template(t, &TIER_PARAMS, "messages.tier_boundary", problems));
    let implausible = def
        .messages
        .implausible
        .as_ref()
        .map(|t| n.template(t, &IMPLAUSIBLE_PARAMS, "messages.implausible", problems));
    let band_at_threshold = def.tiers.as_ref().map_or_else(Vec::new, |tiers| {
        tiers
            .bands
            .iter()
            .enumerate()
            .map(|(b, band)| band.at_threshold.as_ref().map(|t| n.template(t, &TIER_PARAMS, &format!("tiers.bands[{b}].at_threshold"), problems)))
            .collect()
    });

    let groups = groups(&def);
    for g in &groups {
        for &f in &g.fields {
            if let Some(field) = fields.get_mut(f) {
                field.group = g.id.clone();
            }
        }
    }
    CompiledRuleset {
        texts: n.texts,
        templates: n.templates,
        fields,
        checks,
        missing,
        invalid,
        tier_boundary,
        implausible,
        band_at_threshold,
        groups,
        slots: slot,
        roster_columns,
        roster_sources,
        roster_notes,
        def,
    }
}

/// The threshold of a check as the report shows it (for a set: how many values it needs).
pub fn shown_threshold(def: &RulesetDef, rule: &RuleDef) -> Option<String> {
    match rule {
        RuleDef::AllOf { field } => def.fields.iter().find(|f| f.key.value == field.value).map(|f| f.values.len().to_string()),
        rule => rule.bound().map(|(_, t)| t.to_plain().as_str().to_owned()),
    }
}

/// A compiled template whose places follow `order` (every param of `order` gets the place
/// of its position, whether the text uses it or not).
fn renumber(compiled: &Template, order: &[Param]) -> Template {
    let map = |s: &str| {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            out.push_str(rest.get(..open).unwrap_or(""));
            let after = rest.get(open + 1..).unwrap_or("");
            let close = after.find('}').unwrap_or(after.len());
            let at: usize = after.get(..close).and_then(|d| d.parse().ok()).unwrap_or(usize::MAX);
            let param = compiled.params.get(at);
            let place = param.and_then(|p| order.iter().position(|o| o == p));
            match place {
                Some(place) => {
                    out.push('{');
                    out.push_str(&place.to_string());
                    out.push('}');
                }
                None => out.push_str(after.get(..close).unwrap_or("")),
            }
            rest = after.get(close + 1..).unwrap_or("");
        }
        out.push_str(rest);
        out
    };
    Template {
        text: Bilingual {
            zh: map(&compiled.text.zh),
            en: map(&compiled.text.en),
        },
        params: order.to_vec(),
    }
}

/// The form's groups: declared ones, else one per condition holding the fields its checks
/// read first, in the order of the fields; fields no check reads go to a last group.
fn groups(def: &RulesetDef) -> Vec<Group> {
    let index = |key: &str| def.fields.iter().position(|f| f.key.value == key);
    if !def.groups.is_empty() {
        return def
            .groups
            .iter()
            .map(|g| Group {
                id: g.id.value.clone(),
                clause: g.clause.clone(),
                title: g.title.clone(),
                fields: g.fields.iter().filter_map(|f| index(&f.value)).collect(),
            })
            .collect();
    }
    let mut owner: Vec<Option<usize>> = vec![None; def.fields.len()];
    for (c, condition) in def.conditions.iter().enumerate() {
        for check in &condition.checks {
            for f in check.rule.fields() {
                if let Some(slot) = index(&f.value).and_then(|i| owner.get_mut(i)) {
                    slot.get_or_insert(c);
                }
            }
        }
    }
    let mut out: Vec<Group> = def
        .conditions
        .iter()
        .enumerate()
        .map(|(c, condition)| Group {
            id: condition.id.value.clone(),
            clause: Some(condition.clause.clone()),
            title: condition.title.clone(),
            fields: (0..def.fields.len()).filter(|&f| owner.get(f).copied().flatten() == Some(c)).collect(),
        })
        .filter(|g| !g.fields.is_empty())
        .collect();
    let rest: Vec<usize> = (0..def.fields.len()).filter(|&f| owner.get(f).copied().flatten().is_none()).collect();
    if !rest.is_empty() {
        out.push(Group {
            id: "other".to_owned(),
            clause: None,
            title: Bilingual {
                zh: "其他数据".to_owned(),
                en: "Other figures".to_owned(),
            },
            fields: rest,
        });
    }
    out
}
