//! The report: what the engine says about one cluster, shaped exactly as the public
//! interface defines it (field names, ids and status words are the contract).

use serde::Serialize;

use crate::json::{push_key, push_opt, push_str};
use crate::number::push_int;
use crate::ruleset::RulesetTexts;

/// A text of the ruleset, in both languages (shared by every report).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    /// Simplified Chinese.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl From<cluster_check_model::tables::Text> for Text {
    fn from(t: cluster_check_model::tables::Text) -> Text {
        Text { zh: t.zh, en: t.en }
    }
}

/// A text made for this report, in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Localized {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

impl From<Text> for Localized {
    fn from(t: Text) -> Localized {
        Localized {
            zh: t.zh.to_owned(),
            en: t.en.to_owned(),
        }
    }
}

/// The status of one check (and of one condition).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The figures meet it.
    Met,
    /// The figures do not meet it.
    NotMet,
    /// A figure it needs was not given.
    Missing,
    /// A figure it needs was given but cannot be used (see `errors`).
    Invalid,
}

impl Status {
    /// The status word of the interface.
    pub fn word(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotMet => "not_met",
            Status::Missing => "missing",
            Status::Invalid => "invalid",
        }
    }

    /// The status of a group: `not_met` if any is, else `invalid` if any is, else
    /// `missing` if any is, else `met`.
    pub fn combine(statuses: impl IntoIterator<Item = Status>) -> Status {
        statuses.into_iter().fold(Status::Met, Status::worse)
    }

    /// Of this status and another, the one that a group of both has.
    pub(crate) fn worse(self, other: Status) -> Status {
        let rank = |s: Status| match s {
            Status::Met => 0,
            Status::Missing => 1,
            Status::Invalid => 2,
            Status::NotMet => 3,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

/// The verdict on the whole cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every condition is met.
    Met,
    /// At least one condition is not met.
    NotMet,
    /// None is unmet, but some could not be judged (missing or invalid figures).
    Incomplete,
}

impl Verdict {
    /// The status word of the interface.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::NotMet => "not_met",
            Verdict::Incomplete => "incomplete",
        }
    }
}

/// Which document was applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RulesetInfo {
    /// Ruleset id.
    pub id: &'static str,
    /// Document number.
    pub document: &'static str,
    /// Date of issue.
    pub issued: &'static str,
    /// Title of the document.
    pub title: Text,
}

impl RulesetInfo {
    /// Appends it as JSON text.
    pub fn write_json(&self, out: &mut String) {
        out.push('{');
        push_key(out, "id", true);
        push_str(out, self.id);
        push_key(out, "document", false);
        push_str(out, self.document);
        push_key(out, "issued", false);
        push_str(out, self.issued);
        push_key(out, "title", false);
        push_text(out, self.title.zh, self.title.en);
        out.push('}');
    }
}

impl From<&RulesetTexts> for RulesetInfo {
    fn from(r: &RulesetTexts) -> RulesetInfo {
        RulesetInfo {
            id: r.id,
            document: r.document,
            issued: r.issued,
            title: r.title.into(),
        }
    }
}

/// One check of a condition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// Check id.
    pub id: &'static str,
    /// Short name.
    pub title: Text,
    /// Status.
    pub status: Status,
    /// The cluster's figure or ratio, exact decimal text (ratios cut to 4 places).
    pub value: Option<String>,
    /// What the document asks for.
    pub threshold: Option<String>,
    /// Unit of `value` and `threshold`.
    pub unit: Option<&'static str>,
    /// How far an unmet check is from its threshold, rounded up, in `gap_field`'s unit.
    pub gap: Option<String>,
    /// The figure the gap is in.
    pub gap_field: Option<String>,
    /// The document's key phrase, verbatim.
    pub citation: &'static str,
    /// What the figures mean for this check, with the numbers.
    pub explanation: Localized,
}

/// One condition (a clause of the document).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConditionReport {
    /// Condition id.
    pub id: &'static str,
    /// Clause, e.g. 三（二）.
    pub clause: &'static str,
    /// The clause's heading.
    pub title: Text,
    /// Status, from the checks.
    pub status: Status,
    /// Its checks.
    pub checks: Vec<CheckReport>,
}

/// A problem with one figure (or with the record as a whole, `field: None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The field as named in the figures.
    pub field: Option<String>,
    /// A stable code (`negative`, `not_a_number`, …).
    pub code: &'static str,
    /// What is wrong, naming the field and the value.
    pub message: Localized,
}

/// The whole report on one cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The ruleset applied.
    pub ruleset: RulesetInfo,
    /// The cluster's name, as given.
    pub name: Option<String>,
    /// The year the figures are for, as given.
    pub year: Option<u32>,
    /// The verdict.
    pub status: Verdict,
    /// `status == met`.
    pub eligible: bool,
    /// The highest revenue tier the cluster is in.
    pub tier: Option<&'static str>,
    /// The conditions, in the document's order.
    pub conditions: Vec<ConditionReport>,
    /// One per unusable figure.
    pub errors: Vec<Issue>,
    /// Figures that are usable but look doubtful.
    pub warnings: Vec<Issue>,
    /// What the ruleset does not encode, and how it reads the text.
    pub notes: Vec<Localized>,
    /// The joint plan, when asked for ([`crate::evaluate_with`]); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
}

/// A joint plan (达标方案): one set of additions to the figures as given that meets every
/// numeric check at once, found round by round from the rules' data. One way, not advice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// What to add to which figure, in the order of the fields.
    pub additions: Vec<PlanAddition>,
    /// Whether every numeric check is met with the additions (`remaining` is empty).
    pub met_after: bool,
    /// The numeric checks still not met with them (a figure missing or unusable, or only a
    /// smaller figure would do), by id. Yes/no and set checks are never in a plan.
    pub remaining: Vec<&'static str>,
    /// What the plan is and is not.
    pub note: Localized,
}

/// One addition of a plan, in the figure's unit as given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PlanAddition {
    /// The figure's input key, as given (`revenue_wan`, `output_wan_2024`).
    pub field: String,
    /// The unit it is given in (`万元`), as a check's `unit`; null for a figure keyed without unit (a count).
    pub unit: Option<&'static str>,
    /// How much to add: exact decimal text, rounded up as gaps are.
    pub add: String,
    /// The figure as given.
    pub from: String,
    /// The figure with the addition.
    pub to: String,
}

impl Report {
    /// The check with this id.
    pub fn check(&self, id: &str) -> Option<&CheckReport> {
        self.conditions.iter().flat_map(|c| c.checks.iter()).find(|c| c.id == id)
    }

    /// The condition with this id.
    pub fn condition(&self, id: &str) -> Option<&ConditionReport> {
        self.conditions.iter().find(|c| c.id == id)
    }

    /// The report as JSON text (the same JSON as its `Serialize` implementation gives,
    /// written without a JSON library: see `json.rs`).
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(8192);
        self.write_json(&mut out);
        out
    }

    /// Appends the report as JSON text.
    pub fn write_json(&self, out: &mut String) {
        out.push('{');
        push_key(out, "ruleset", true);
        self.ruleset.write_json(out);
        push_key(out, "name", false);
        push_opt(out, self.name.as_deref());
        push_key(out, "year", false);
        match self.year {
            Some(year) => push_int(out, u128::from(year)),
            None => out.push_str("null"),
        }
        push_key(out, "status", false);
        push_str(out, self.status.word());
        push_key(out, "eligible", false);
        out.push_str(if self.eligible { "true" } else { "false" });
        push_key(out, "tier", false);
        push_opt(out, self.tier);
        push_key(out, "conditions", false);
        out.push('[');
        for (i, condition) in self.conditions.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            condition.write_json(out);
        }
        out.push(']');
        for (name, issues) in [("errors", &self.errors), ("warnings", &self.warnings)] {
            push_key(out, name, false);
            out.push('[');
            for (i, issue) in issues.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push('{');
                push_key(out, "field", true);
                push_opt(out, issue.field.as_deref());
                push_key(out, "code", false);
                push_str(out, issue.code);
                push_key(out, "message", false);
                push_text(out, &issue.message.zh, &issue.message.en);
                out.push('}');
            }
            out.push(']');
        }
        push_key(out, "notes", false);
        out.push('[');
        for (i, note) in self.notes.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_text(out, &note.zh, &note.en);
        }
        out.push(']');
        if let Some(plan) = &self.plan {
            plan.write_json(out);
        }
        out.push('}');
    }
}

impl Plan {
    /// Appends `,"plan":{…}`.
    fn write_json(&self, out: &mut String) {
        push_key(out, "plan", false);
        out.push('{');
        push_key(out, "additions", true);
        out.push('[');
        for (i, a) in self.additions.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('{');
            push_key(out, "field", true);
            push_str(out, &a.field);
            push_key(out, "unit", false);
            push_opt(out, a.unit);
            for (name, value) in [("add", &a.add), ("from", &a.from), ("to", &a.to)] {
                push_key(out, name, false);
                push_str(out, value);
            }
            out.push('}');
        }
        out.push(']');
        push_key(out, "met_after", false);
        out.push_str(if self.met_after { "true" } else { "false" });
        push_key(out, "remaining", false);
        out.push('[');
        for (i, id) in self.remaining.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_str(out, id);
        }
        out.push(']');
        push_key(out, "note", false);
        push_text(out, &self.note.zh, &self.note.en);
        out.push('}');
    }
}

impl ConditionReport {
    fn write_json(&self, out: &mut String) {
        out.push('{');
        push_key(out, "id", true);
        push_str(out, self.id);
        push_key(out, "clause", false);
        push_str(out, self.clause);
        push_key(out, "title", false);
        push_text(out, self.title.zh, self.title.en);
        push_key(out, "status", false);
        push_str(out, self.status.word());
        push_key(out, "checks", false);
        out.push('[');
        for (i, check) in self.checks.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('{');
            push_key(out, "id", true);
            push_str(out, check.id);
            push_key(out, "title", false);
            push_text(out, check.title.zh, check.title.en);
            push_key(out, "status", false);
            push_str(out, check.status.word());
            for (name, value) in [
                ("value", check.value.as_deref()),
                ("threshold", check.threshold.as_deref()),
                ("unit", check.unit),
                ("gap", check.gap.as_deref()),
                ("gap_field", check.gap_field.as_deref()),
                ("citation", Some(check.citation)),
            ] {
                push_key(out, name, false);
                push_opt(out, value);
            }
            push_key(out, "explanation", false);
            push_text(out, &check.explanation.zh, &check.explanation.en);
            out.push('}');
        }
        out.push_str("]}");
    }
}

fn push_text(out: &mut String, zh: &str, en: &str) {
    out.push('{');
    push_key(out, "zh", true);
    push_str(out, zh);
    push_key(out, "en", false);
    push_str(out, en);
    out.push('}');
}
