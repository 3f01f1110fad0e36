//! The report: what the engine says about one cluster, shaped exactly as the public
//! interface defines it (field names, ids and status words are the contract).

use serde::Serialize;

use crate::ruleset::{Ruleset, Text};

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
    /// The status of a group: `not_met` if any is, else `invalid` if any is, else
    /// `missing` if any is, else `met`.
    pub fn combine(statuses: impl IntoIterator<Item = Status>) -> Status {
        statuses.into_iter().fold(Status::Met, |acc, s| {
            let rank = |s: Status| match s {
                Status::Met => 0,
                Status::Missing => 1,
                Status::Invalid => 2,
                Status::NotMet => 3,
            };
            if rank(s) > rank(acc) {
                s
            } else {
                acc
            }
        })
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

impl From<&Ruleset> for RulesetInfo {
    fn from(r: &Ruleset) -> RulesetInfo {
        RulesetInfo {
            id: r.id,
            document: r.document,
            issued: r.issued,
            title: r.title,
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

    /// The report as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
