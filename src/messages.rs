//! Error messages of the engine, in both languages. They name the field (its label and its
//! key) and show the value as it was given. Placeholders in `{braces}` are filled by
//! [`fill`]; the templates here are the engine's own, the ruleset files carry the rest.

use crate::ruleset::Text;

/// Replaces each `{name}` of `template` by its value in `vars` (unknown names stay).
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    // Braces are ASCII: byte positions, not a search by character.
    let find = |text: &str, brace: u8| text.bytes().position(|b| b == brace);
    let mut rest = template;
    while let Some(open) = find(rest, b'{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        match find(after, b'}') {
            Some(close) => {
                let name = after.get(..close).unwrap_or("");
                match vars.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The parts with `separator` between them.
pub fn join<'s>(parts: impl Iterator<Item = &'s str>, separator: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(part);
    }
    out
}

const fn t(zh: &'static str, en: &'static str) -> Text {
    Text { zh, en }
}

/// `negative`.
pub const NEGATIVE: Text = t(
    "{label}（{key}）不能为负数，填写的是 {value}。",
    "{key} ({label}) must not be negative; got {value}.",
);
/// `not_a_number`.
pub const NOT_A_NUMBER: Text = t(
    "{label}（{key}）不是有效的数字：{value}。请只填写数字，可带小数点和千位分隔符（如 300,000.5）。",
    "{key} ({label}) is not a number: {value}. Use digits, with an optional decimal point and thousands separators (e.g. 300,000.5).",
);
/// `not_whole`.
pub const NOT_WHOLE: Text = t(
    "{label}（{key}）应为整数，填写的是 {value}。",
    "{key} ({label}) must be a whole number; got {value}.",
);
/// `too_large`.
pub const TOO_LARGE: Text = t(
    "{label}（{key}）超出可接受的范围（最大 {max}）：{value}。请检查单位是否正确。",
    "{key} ({label}) is beyond the accepted range (at most {max}); got {value}. Check the unit.",
);
/// `too_precise`.
pub const TOO_PRECISE: Text = t(
    "{label}（{key}）最多保留 6 位小数，填写的是 {value}。",
    "{key} ({label}) may have at most 6 decimal places; got {value}.",
);
/// `unknown_field`.
pub const UNKNOWN_FIELD: Text = t(
    "未知的字段 {key}（值为 {value}），已忽略。{hint}",
    "Unknown field {key} (value {value}), ignored.{hint}",
);
/// The hint of `unknown_field` when a known key is close.
pub const DID_YOU_MEAN: Text = t("是否应为 {suggestion}？", " Did you mean {suggestion}?");
/// `both_units`.
pub const BOTH_UNITS: Text = t(
    "{label}同时以{first_unit}（{first_key}）和{unit}（{key}）填写，只能选一种单位；{key} 填写的是 {value}。",
    "{label} is given both in {first_unit} ({first_key}) and in {unit} ({key}); give one unit only. {key} is {value}.",
);
/// `inconsistent`.
pub const INCONSISTENT: Text = t(
    "{label}（{key}）为 {value}，大于{other_label}（{other_key}）{other_value}，两者矛盾，请核对。",
    "{key} ({label}) is {value}, more than {other_key} ({other_label}) {other_value}: the figures contradict each other.",
);
/// A zero denominator (`zero_land`, `zero_revenue`, …).
pub const ZERO: Text = t(
    "{label}（{key}）为 0，无法计算以它为分母的{checks}。",
    "{key} ({label}) is 0, so {checks} cannot be computed.",
);
/// `unknown_ruleset`.
pub const UNKNOWN_RULESET: Text = t(
    "未知的规则集（ruleset）{value}；可用的有：{known}。所有检查均无法进行。",
    "Unknown ruleset {value}; available: {known}. No check can be made.",
);
/// `unknown_value`.
pub const UNKNOWN_VALUE: Text = t(
    "{label}（{key}）含有未知的项目 {value}；可用的有：{known}。",
    "{key} ({label}) holds unknown entries {value}; known: {known}.",
);
/// `wrong_type` on a field.
pub const WRONG_TYPE: Text = t(
    "{label}（{key}）应为{expected}，填写的是{got}：{value}。",
    "{key} ({label}) must be {expected}; got {got}: {value}.",
);
/// `wrong_type` on a whole record.
pub const NOT_AN_OBJECT: Text = t(
    "每个集群的数据应为一个对象（字段名和数值），收到的是{got}：{value}。",
    "Each cluster's figures must be an object (field names and values); got {got}: {value}.",
);
/// Why a check cannot be judged when its record is not an object.
pub const RECORD_UNUSABLE: Text = t(
    "这一条数据不是对象，无法检查。",
    "This record is not an object, so nothing can be checked.",
);

/// What a field of each kind must be, for `wrong_type`: (zh, en).
pub fn expected(kind: crate::ruleset::FieldKind) -> Text {
    use crate::ruleset::FieldKind;
    match kind {
        FieldKind::Bool => t("是或否（true 或 false）", "true or false"),
        FieldKind::Count => t("整数", "a whole number"),
        FieldKind::Quantity => t("数字", "a number"),
        FieldKind::Set => t("项目列表", "a list of ids"),
    }
}

/// Labels of meta fields.
pub const RULESET_LABEL: Text = t("规则集", "ruleset");
/// Label of `name`.
pub const NAME_LABEL: Text = t("集群名称", "cluster name");
/// Label of `year`.
pub const YEAR_LABEL: Text = t("年份", "year");
/// What `name` must be.
pub const TEXT_EXPECTED: Text = t("文字", "a text");
/// The largest year accepted.
pub const MAX_YEAR: u32 = 9999;

/// Closeness of two keys: the Levenshtein distance of their bytes.
#[cold]
pub fn distance(a: &str, b: &str) -> usize {
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
            let cost = usize::from(ca != *cb);
            let best = (previous + cost).min(above + 1).min(left + 1);
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
    fn fills_placeholders() {
        assert_eq!(fill("{a} and {b}, {c}", &[("a", "1"), ("b", "2")]), "1 and 2, {c}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
    }

    #[test]
    fn distances() {
        assert_eq!(distance("revenue_wn", "revenue_wan"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
