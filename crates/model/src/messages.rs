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
    Checks, Expected, FirstKey, FirstUnit, FirstYear, Got, Hint, Key, Known, Label, LastYear, Max, OtherKey,
    OtherLabel, OtherValue, Suggestion, Unit, Value, Year,
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

/// Every engine message, in index order.
pub const MESSAGES: [Message; 21] = [
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

/// Every engine text, in index order.
pub const WORDS: [Word; 15] = [
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

/// The largest year accepted.
pub const MAX_YEAR: u32 = 9999;

/// More keys than this in one record are not a cluster's figures: the record is refused
/// as a whole (`too_many_fields`) instead of being compared key by key.
pub const MAX_KEYS: usize = 1000;

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
