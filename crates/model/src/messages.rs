//! The engine's own words: the templates of its error and warning messages and the texts
//! they are filled with (what a figure must be, what it was, the names of the meta
//! fields). Every ruleset's catalog begins with them, in this order, so that the engine
//! refers to them by the same index whatever the document.
//!
//! A message names the field (its label and its key) and shows the value as it was given.
//! Placeholders are written by name; [`Message::params`] lists them in the order of the
//! numbered places the compiler turns them into.

use crate::tables::{Param, Template, Text};

/// One of the engine's message templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Message {
    /// Its index among the templates of every catalog.
    pub index: u16,
    /// The names its placeholders may use, in the order of their numbered places.
    pub params: &'static [Param],
    /// The template, with named placeholders.
    pub text: Text,
}

impl Message {
    /// The template as the engine refers to it.
    pub const fn template(self) -> Template {
        Template {
            index: self.index,
            params: self.params,
        }
    }
}

/// One of the engine's texts that a message is filled with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// Its index among the texts of every catalog.
    pub index: u16,
    /// The text.
    pub text: Text,
}

const fn message(index: u16, params: &'static [Param], zh: &'static str, en: &'static str) -> Message {
    Message {
        index,
        params,
        text: Text { zh, en },
    }
}

const fn word(index: u16, zh: &'static str, en: &'static str) -> Word {
    Word {
        index,
        text: Text { zh, en },
    }
}

use Param::{
    Checks, Column, Derived, Expected, First, FirstKey, FirstUnit, FirstYear, Given, Got, Hint, Key, Known, Label, LastYear,
    List, Max, Name, OtherKey, OtherLabel, OtherValue, Row, Rows, Source, Suggestion, Typed, Unit, Value, Year,
};

/// `negative`.
pub const NEGATIVE: Message = message(
    0,
    &[Label, Key, Value],
    "{label}（{key}）不能为负数，填写的是 {value}。",
    "{key} ({label}) must not be negative; got {value}.",
);
/// `not_a_number`.
pub const NOT_A_NUMBER: Message = message(
    1,
    &[Label, Key, Value],
    "{label}（{key}）不是有效的数字：{value}。请只填写数字，可带小数点和千位分隔符（如 300,000.5）。",
    "{key} ({label}) is not a number: {value}. Use digits, with an optional decimal point and thousands separators (e.g. 300,000.5).",
);
/// `not_whole`.
pub const NOT_WHOLE: Message = message(
    2,
    &[Label, Key, Value],
    "{label}（{key}）应为整数，填写的是 {value}。",
    "{key} ({label}) must be a whole number; got {value}.",
);
/// `too_large`.
pub const TOO_LARGE: Message = message(
    3,
    &[Label, Key, Value, Max],
    "{label}（{key}）超出可接受的范围（最大 {max}）：{value}。请检查单位是否正确。",
    "{key} ({label}) is beyond the accepted range (at most {max}); got {value}. Check the unit.",
);
/// `too_precise`.
pub const TOO_PRECISE: Message = message(
    4,
    &[Label, Key, Value],
    "{label}（{key}）最多保留 6 位小数，填写的是 {value}。",
    "{key} ({label}) may have at most 6 decimal places; got {value}.",
);
/// `unknown_field`: not a figure of the ruleset, so not used.
pub const UNKNOWN_FIELD: Message = message(
    5,
    &[Key, Value, Hint],
    "未知的字段 {key}（值为 {value}）：本规则集没有这项数据，它不参与计算。{hint}",
    "Unknown field {key} (value {value}): this ruleset has no such figure, so it is not used.{hint}",
);
/// The hint of `unknown_field` when a known key is close.
pub const DID_YOU_MEAN: Message = message(6, &[Suggestion], "是否应为 {suggestion}？", " Did you mean {suggestion}?");
/// `both_units`.
pub const BOTH_UNITS: Message = message(
    7,
    &[Label, FirstUnit, FirstKey, Unit, Key, Value],
    "{label}同时以{first_unit}（{first_key}）和{unit}（{key}）填写，只能选一种单位；{key} 填写的是 {value}。",
    "{label} is given both in {first_unit} ({first_key}) and in {unit} ({key}); give one unit only. {key} is {value}.",
);
/// `inconsistent`.
pub const INCONSISTENT: Message = message(
    8,
    &[Label, Key, Value, OtherLabel, OtherKey, OtherValue],
    "{label}（{key}）为 {value}，大于{other_label}（{other_key}）{other_value}，两者矛盾，请核对。",
    "{key} ({label}) is {value}, more than {other_key} ({other_label}) {other_value}: the figures contradict each other.",
);
/// A zero denominator (`zero_land`, `zero_revenue`, …).
pub const ZERO: Message = message(
    9,
    &[Label, Key, Checks],
    "{label}（{key}）为 0，无法计算以它为分母的{checks}。",
    "{key} ({label}) is 0, so {checks} cannot be computed.",
);
/// `unknown_ruleset`.
pub const UNKNOWN_RULESET: Message = message(
    10,
    &[Value, Known],
    "未知的规则集（ruleset）{value}；可用的有：{known}。所有检查均无法进行。",
    "Unknown ruleset {value}; available: {known}. No check can be made.",
);
/// `unknown_value`.
pub const UNKNOWN_VALUE: Message = message(
    11,
    &[Label, Key, Value, Known],
    "{label}（{key}）含有未知的项目 {value}；可用的有：{known}。",
    "{key} ({label}) holds unknown entries {value}; known: {known}.",
);
/// `wrong_type` on a field.
pub const WRONG_TYPE: Message = message(
    12,
    &[Label, Key, Expected, Got, Value],
    "{label}（{key}）应为{expected}，填写的是{got}：{value}。",
    "{key} ({label}) must be {expected}; got {got}: {value}.",
);
/// `wrong_type` on a whole record.
pub const NOT_AN_OBJECT: Message = message(
    13,
    &[Got, Value],
    "每个集群的数据应为一个对象（字段名和数值），收到的是{got}：{value}。",
    "Each cluster's figures must be an object (field names and values); got {got}: {value}.",
);
/// Why a check cannot be judged when its record is not an object.
pub const RECORD_UNUSABLE: Message = message(
    14,
    &[],
    "这一条数据不是对象，无法检查。",
    "This record is not an object, so nothing can be checked.",
);
/// A per-year figure named with its year, in lists of figures.
pub const YEAR_LABEL: Message = message(15, &[Year, Label], "{year}年{label}", "{label} ({year})");
/// One year's figure, in lists of years.
pub const YEAR_VALUE: Message = message(16, &[Year, Value, Unit], "{year}年 {value} {unit}", "{value} {unit} in {year}");
/// `unused_year` (a warning): a year outside the years the checks read.
pub const UNUSED_YEAR: Message = message(
    17,
    &[Label, Key, Year, FirstYear, LastYear],
    "{label}（{key}）是 {year} 年的数据，不在所判断的 {first_year}—{last_year} 年之内，未用于计算。",
    "{key} ({label}) is for {year}, outside the years judged ({first_year}–{last_year}); it is not used.",
);
/// `too_many_fields`: far more keys than any ruleset has; none of them is read.
pub const TOO_MANY_FIELDS: Message = message(
    18,
    &[Value, Max],
    "这一条数据有 {value} 个字段，远多于任何规则集的数据项（最多 {max} 个），不是集群数据：未读取其中任何字段。",
    "These figures have {value} fields, far more than any ruleset has (at most {max}): they are not a cluster's figures, and none was read.",
);

/// An amount with its unit (`1,000 公顷`).
pub const AMOUNT: Message = message(19, &[Value, Unit], "{value} {unit}", "{value} {unit}");
/// `over_guidance` (a warning): a figure past a bound the document gives as guidance.
pub const OVER_GUIDANCE: Message = message(
    20,
    &[Label, Key, Value, Max],
    "{label}（{key}）为 {value}，超过 {max}：文件的要求是“一般”如此，属指导性要求，本项不算不符合，但请核对，并在申报时说明理由。",
    "{key} ({label}) is {value}, past {max}: the document gives this as guidance ('generally'), so the check is not counted as not met; check the figure, and explain it in an application.",
);

// ---------------------------------------------------------------- the roster
// Figures counted from an enterprise roster (企业名单): what was counted, what could not be,
// and the rows that say why. `{rows}` is a list of row numbers; `{list}` a list of
// enterprises (each a name, or a name with its amount).

/// A derived count, with the enterprises counted.
pub const ROSTER_COUNT: Message = message(21, &[Label, Value, List], "{label} {value}：{list}。", "Counted from the roster, {label}: {value} — {list}.");
/// A derived count of none.
pub const ROSTER_NONE: Message = message(22, &[Label, Value], "{label} {value}：名单中没有符合条件的企业。", "Counted from the roster, {label}: {value} — no enterprise of the roster qualifies.");
/// A derived sum, with the enterprises summed.
pub const ROSTER_SUM: Message = message(23, &[Label, Value, List], "{label}合计 {value}：{list}。", "Summed from the roster, {label}: {value} — {list}.");
/// Enterprises exactly on a bound that needs more, so not counted.
pub const ROSTER_OUTSIDE: Message = message(24, &[List], "{list}恰在界限上，不计入。", "Exactly on the bound, so not counted: {list}.");
/// One enterprise with the amount that decided it.
pub const ROSTER_ITEM: Message = message(25, &[Name, Value], "{name}（{value}）", "{name} ({value})");
/// The end of a list cut short.
pub const ROSTER_MORE: Message = message(26, &[Value], "另有 {value} 家", "{value} more");
/// A figure not derived: enterprises lack a cell it needs.
pub const ROSTER_LACKING: Message = message(
    27,
    &[Label, Value, Column, Rows],
    "{label}未能统计：{value} 家企业未填“{column}”（第 {rows} 行）。",
    "Cannot count {label}: “{column}” is blank for {value} of the enterprises (rows: {rows}).",
);
/// A figure not derived: rows it needs have errors.
pub const ROSTER_INVALID: Message = message(
    28,
    &[Label, Rows],
    "{label}未能统计：第 {rows} 行的数据有误，请先更正（见错误）。",
    "Cannot count {label}: correct the errors of these rows first (rows: {rows}; see the errors).",
);
/// `duplicate_enterprise`: the same name twice in one cluster.
pub const ROSTER_DUPLICATE: Message = message(
    29,
    &[Name, Row, First],
    "{name}（第 {row} 行）与第 {first} 行的企业同名：同一集群中一家企业只能列一次，请删去重复的一行或更正名称。",
    "{name} (row {row}) has the same name as row {first}: an enterprise is listed once per cluster; remove the repeated row or correct the name.",
);
/// A contradiction within a row (`completed_without_required`, …).
pub const ROSTER_REQUIRES: Message = message(
    30,
    &[Name, Row, Label, Column, Got],
    "{name}（第 {row} 行）：“{label}”为“是”，但“{column}”{got}，两者矛盾，请核对。",
    "{name} (row {row}): “{label}” is yes, but “{column}” {got}: they contradict each other.",
);
/// `status_override` (a warning): the user's yes/no differs from what the standard gives.
pub const ROSTER_OVERRIDE: Message = message(
    31,
    &[Name, Row, Label, Given, Derived, Source],
    "{name}（第 {row} 行）“{label}”填为“{given}”，按{source}应为“{derived}”：以所填为准，请核对。",
    "{name} (row {row}): “{label}” is given as “{given}”, but by {source} it would be “{derived}”; what is given stands — check it.",
);
/// `roster_differs` (a warning): a typed figure differs from the one counted from the roster.
pub const ROSTER_DIFFERS: Message = message(
    32,
    &[Label, Key, Typed, Derived],
    "{label}（{key}）：填写的是 {typed}，按企业名单统计为 {derived}，两者不一致；采用按名单统计的数。",
    "{key} ({label}): {typed} is given, but the roster counts {derived}; the roster's figure is used.",
);
/// A typed figure that agrees with the roster.
pub const ROSTER_AGREES: Message = message(
    33,
    &[Label, Typed],
    "{label}：填写的 {typed} 与按企业名单统计的一致。",
    "{label}: the {typed} given agrees with the roster.",
);
/// `no_enterprise`: a row without the enterprise's name.
pub const ROSTER_NO_NAME: Message = message(
    34,
    &[Row],
    "第 {row} 行没有企业名称：每一行都要填企业名称。",
    "Row {row} has no enterprise name: every row needs one.",
);
/// A yes/no derived by a standard the document does not state, when left blank.
pub const ROSTER_APPLIED: Message = message(
    35,
    &[Label, Source, Expected],
    "企业名单中“{label}”一栏未填的，按{source}判断：{expected}；如有不同，可在该栏填“是”或“否”。",
    "Where the roster leaves “{label}” blank, it is decided by {source}: {expected}. Fill in yes or no to decide otherwise.",
);
/// `unmatched_cluster` (a warning): roster rows of a cluster that the figures do not hold.
pub const ROSTER_UNMATCHED: Message = message(
    36,
    &[Name, Value],
    "企业名单中所属集群为“{name}”的 {value} 家企业，在集群数据中找不到同名的集群，未用于计算。",
    "Enterprises of the roster in the cluster “{name}” ({value}) match no cluster of the figures by name, and are not used.",
);
/// A message about one row of the roster.
pub const ROSTER_ROW: Message = message(37, &[Row, Name, Value], "第 {row} 行（{name}）：{value}", "Row {row} ({name}): {value}");
/// `not_an_object` in a roster: a row that is not an object.
pub const ROSTER_NOT_AN_OBJECT: Message = message(
    38,
    &[Row, Got, Value],
    "企业名单第 {row} 行应为一个对象（栏目名和数值），收到的是{got}：{value}。",
    "Row {row} of the roster must be an object (column names and values); got {got}: {value}.",
);
/// `no_roster`: the ruleset counts nothing from a roster.
pub const ROSTER_NO_ROSTER: Message = message(
    39,
    &[Value],
    "规则集 {value} 没有可按企业名单统计的数据。",
    "The ruleset {value} derives no figure from an enterprise roster.",
);

/// A note of the ruleset's roster (a text of its own).
pub const ROSTER_NOTE: Message = message(40, &[Value], "{value}", "{value}");
/// `unmatched_cluster` (a warning) of roster rows that name no cluster, where the figures
/// cannot tell which cluster they belong to (several clusters, or other rows naming theirs).
pub const ROSTER_UNNAMED: Message = message(
    41,
    &[Value],
    "企业名单中有 {value} 家企业没有填写所属集群，无法对应到集群数据中的集群，未用于计算。请在名单的“所属集群”一栏填写与集群数据相同的集群名称。",
    "Enterprises of the roster that name no cluster (所属集群): {value}. They cannot be matched to a cluster of the figures, and are not used. Fill in the roster's “所属集群” (cluster) column, naming each enterprise's cluster as the figures name it.",
);

/// Every engine message, in index order.
pub const MESSAGES: [Message; 42] = [
    NEGATIVE,
    NOT_A_NUMBER,
    NOT_WHOLE,
    TOO_LARGE,
    TOO_PRECISE,
    UNKNOWN_FIELD,
    DID_YOU_MEAN,
    BOTH_UNITS,
    INCONSISTENT,
    ZERO,
    UNKNOWN_RULESET,
    UNKNOWN_VALUE,
    WRONG_TYPE,
    NOT_AN_OBJECT,
    RECORD_UNUSABLE,
    YEAR_LABEL,
    YEAR_VALUE,
    UNUSED_YEAR,
    TOO_MANY_FIELDS,
    AMOUNT,
    OVER_GUIDANCE,
    ROSTER_COUNT,
    ROSTER_NONE,
    ROSTER_SUM,
    ROSTER_OUTSIDE,
    ROSTER_ITEM,
    ROSTER_MORE,
    ROSTER_LACKING,
    ROSTER_INVALID,
    ROSTER_DUPLICATE,
    ROSTER_REQUIRES,
    ROSTER_OVERRIDE,
    ROSTER_DIFFERS,
    ROSTER_AGREES,
    ROSTER_NO_NAME,
    ROSTER_APPLIED,
    ROSTER_UNMATCHED,
    ROSTER_ROW,
    ROSTER_NOT_AN_OBJECT,
    ROSTER_NO_ROSTER,
    ROSTER_NOTE,
    ROSTER_UNNAMED,
];

/// The name of `ruleset`.
pub const RULESET_LABEL: Word = word(0, "规则集", "ruleset");
/// The name of `name`.
pub const NAME_LABEL: Word = word(1, "集群名称", "cluster name");
/// The name of `year`.
pub const YEAR_FIELD_LABEL: Word = word(2, "年份", "year");
/// What a yes/no field must be.
pub const EXPECTED_BOOL: Word = word(3, "是或否（true 或 false）", "true or false");
/// What a count must be.
pub const EXPECTED_COUNT: Word = word(4, "整数", "a whole number");
/// What a decimal must be.
pub const EXPECTED_DECIMAL: Word = word(5, "数字", "a number");
/// What a set field must be.
pub const EXPECTED_SET: Word = word(6, "项目列表", "a list of ids");
/// What `name` and `ruleset` must be.
pub const EXPECTED_TEXT: Word = word(7, "文字", "a text");
/// What was given: `null`.
pub const GOT_NULL: Word = word(8, "空值", "null");
/// What was given: true or false.
pub const GOT_BOOL: Word = word(9, "是/否值", "a true/false value");
/// What was given: a number.
pub const GOT_NUMBER: Word = word(10, "数字", "a number");
/// What was given: a text.
pub const GOT_TEXT: Word = word(11, "文字", "a text");
/// What was given: a list.
pub const GOT_LIST: Word = word(12, "列表", "a list");
/// What was given: an object.
pub const GOT_OBJECT: Word = word(13, "对象", "an object");
/// What was given: a list with entries that are not texts.
pub const GOT_MIXED_LIST: Word = word(14, "含非文字项目的列表", "a list with entries that are not texts");

/// The name of a roster's `enterprise` column.
pub const ENTERPRISE_LABEL: Word = word(15, "企业名称", "enterprise");
/// The name of a roster's `cluster` column.
pub const CLUSTER_LABEL: Word = word(16, "所属集群", "cluster");
/// A yes/no cell: yes.
pub const YES: Word = word(17, "是", "yes");
/// A yes/no cell: no.
pub const NO: Word = word(18, "否", "no");
/// Of a contradiction: the other cell is blank.
pub const GOT_BLANK: Word = word(19, "未填", "is blank");
/// Of a contradiction: the other cell is no.
pub const GOT_NO: Word = word(20, "为“否”", "is no");
/// The name of a roster's `row` member.
pub const ROW_LABEL: Word = word(21, "行号", "row");

/// Every engine text, in index order.
pub const WORDS: [Word; 22] = [
    RULESET_LABEL,
    NAME_LABEL,
    YEAR_FIELD_LABEL,
    EXPECTED_BOOL,
    EXPECTED_COUNT,
    EXPECTED_DECIMAL,
    EXPECTED_SET,
    EXPECTED_TEXT,
    GOT_NULL,
    GOT_BOOL,
    GOT_NUMBER,
    GOT_TEXT,
    GOT_LIST,
    GOT_OBJECT,
    GOT_MIXED_LIST,
    ENTERPRISE_LABEL,
    CLUSTER_LABEL,
    YES,
    NO,
    GOT_BLANK,
    GOT_NO,
    ROW_LABEL,
];

/// Every error code a report can carry besides its ruleset's fields' zero codes: the
/// engine's, and `unreadable`, which the JavaScript wrapper gives to a record it cannot read
/// (a getter or a Proxy that throws).
pub const ERROR_CODES: [&str; 13] = [
    "negative",
    "not_a_number",
    "not_whole",
    "too_large",
    "too_precise",
    "unknown_field",
    "both_units",
    "inconsistent",
    "unknown_ruleset",
    "unknown_value",
    "wrong_type",
    "too_many_fields",
    "unreadable",
];

/// Every warning code the engine gives.
pub const WARNING_CODES: [&str; 3] = ["implausible", "over_guidance", "unused_year"];

/// Keys every ruleset accepts besides its fields.
pub const META_KEYS: [&str; 3] = ["ruleset", "name", "year"];

/// Keys every roster row accepts besides its columns: the enterprise's name, the cluster it
/// belongs to, and its row number in the spreadsheet.
pub const ROSTER_META_KEYS: [&str; 3] = ["enterprise", "cluster", "row"];

/// Every error code a roster can give besides its cells' number errors.
pub const ROSTER_ERROR_CODES: [&str; 4] = ["duplicate_enterprise", "no_enterprise", "not_an_object", "no_roster"];

/// Every warning code a roster can give.
pub const ROSTER_WARNING_CODES: [&str; 3] = ["status_override", "roster_differs", "unmatched_cluster"];

/// The largest year accepted.
pub const MAX_YEAR: u32 = 9999;

/// More keys than this in one record are not a cluster's figures: the record is refused
/// as a whole (`too_many_fields`) instead of being compared key by key.
pub const MAX_KEYS: usize = 1000;

/// The note of a joint plan (`plan.note`), by whether it meets every numeric check: what
/// it is and is not. Not among the indexed [`MESSAGES`] (appending one there would move
/// every ruleset's own templates): the catalog carries them as `plan_notes`, in this order.
pub const PLAN_NOTES: [Text; 2] = [
    Text {
        zh: "达标方案：按规则数据逐轮计算的一种同时满足各项数值门槛的增加方案（每项向上取整），仅供试算参考，不是建议，也不代表可以或应当这样填报；是/否、公共服务功能等非数值条件不在方案内，需另行满足。",
        en: "Plan: one set of additions, computed round by round from the rules' data (each rounded up), that meets every numeric threshold at once. It is a what-if, not advice, and not a figure to report; yes/no conditions and service functions are not numeric and are not in the plan: they must be met on their own.",
    },
    Text {
        zh: "达标方案：按规则数据逐轮计算的增加方案（每项向上取整），仅供试算参考，不是建议；按此方案仍有数值检查不能满足（数据未填或有误，或只能通过减少某项数据来满足），见“仍未满足”。是/否、公共服务功能等非数值条件不在方案内，需另行满足。",
        en: "Plan: additions computed round by round from the rules' data (each rounded up), as a what-if, not advice. Some numeric checks are still not met with them (a figure is missing or unusable, or only a smaller figure would meet it): see “still not met”. Yes/no conditions and service functions are not numeric and are not in the plan: they must be met on their own.",
    },
];

/// Closeness of two keys, for suggesting the one meant: the Levenshtein distance of their
/// bytes. A key past 64 bytes is never close to a field's key and is not compared (so that
/// a hostile key costs nothing).
pub fn distance(a: &str, b: &str) -> usize {
    if a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut previous = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let best = (previous + usize::from(ca != *cb)).min(above + 1).min(left + 1);
            previous = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = best;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("revenue_wn", "revenue_wan"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance(&"x".repeat(65), "x"), usize::MAX);
    }

    #[test]
    fn indexes_are_positions() {
        for (i, m) in MESSAGES.iter().enumerate() {
            assert_eq!(usize::from(m.index), i, "{}", m.text.en);
        }
        for (i, w) in WORDS.iter().enumerate() {
            assert_eq!(usize::from(w.index), i, "{}", w.text.en);
        }
    }
}
