//! Messages as the engine decides them: a template (by index) and the values of its numbered
//! places. The engine never writes a sentence itself; it says which template and with what,
//! and a sentence is made from that either here (the native report, from the ruleset's
//! texts) or in JavaScript (from the catalog), by the same rule: a string as it is, a text
//! by index in the reader's language, a list of either joined, or a message within a
//! message.

use cluster_check_model::number::{grouped, Plain};
use cluster_check_model::tables::{RulesetTexts, Text};

use crate::json::push_str;
use crate::number::push_int;

/// What fills one place of a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Arg {
    /// Decimal text to show with its thousands separated (`226,247.5`).
    Grouped(Plain),
    /// Text the same in both languages: an input key, a value as given, a year.
    Str(String),
    /// A whole number.
    Int(u32),
    /// A text of the ruleset, by index, in the reader's language.
    Text(u16),
    /// Several of these, joined by the ruleset's separator (`、` or `, `).
    List(Vec<Arg>),
    /// A message within the message (a figure named with its year).
    Msg(Box<Message>),
    /// The check's own value, as the report gives it (written once, referred to here).
    Value,
    /// The check's own gap, as the report gives it.
    Gap,
}

/// A template and what fills its places.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Message {
    /// Index into the ruleset's templates.
    pub template: u16,
    /// One value per place.
    pub args: Vec<Arg>,
}

impl Message {
    /// A message with its places filled in the order of `args`.
    pub fn new(template: u16, args: Vec<Arg>) -> Message {
        Message { template, args }
    }
}

/// The empty string, for a place with nothing to show.
pub(crate) fn empty() -> Arg {
    Arg::Str(String::new())
}

/// Appends an argument as the compact form writes it (see `docs/catalog.md`): a string, a
/// number for a text, an array for a list, `{"t": template, "a": [...]}` for a message.
pub(crate) fn push_arg(out: &mut String, arg: &Arg) {
    match arg {
        Arg::Grouped(plain) => {
            out.push('"');
            push_grouped_bytes(out, plain.as_bytes());
            out.push('"');
        }
        Arg::Str(s) => push_str(out, s),
        Arg::Int(n) => {
            out.push('"');
            push_int(out, u128::from(*n));
            out.push('"');
        }
        Arg::Text(i) => push_int(out, u128::from(*i)),
        Arg::Value => out.push_str("-1"),
        Arg::Gap => out.push_str("-2"),
        Arg::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_arg(out, item);
            }
            out.push(']');
        }
        Arg::Msg(m) => push_msg(out, m),
    }
}

/// Appends a message in the compact form: `{"t": template, "a": [argument, …]}`.
pub(crate) fn push_msg(out: &mut String, m: &Message) {
    out.push_str("{\"t\":");
    push_int(out, u128::from(m.template));
    out.push_str(",\"a\":[");
    for (i, item) in m.args.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_arg(out, item);
    }
    out.push_str("]}");
}

/// Whether a decimal reads differently with its thousands separated (four or more digits
/// before the point).
pub(crate) fn needs_grouping(plain: &Plain) -> bool {
    plain.int_digits() > 3
}

/// Appends plain decimal text with its thousands separated, without allocating.
#[cfg(any(test, feature = "swb-ser"))]
pub(crate) fn push_grouped(out: &mut String, plain: &str) {
    push_grouped_bytes(out, plain.as_bytes());
}

/// Appends the bytes of plain decimal text (ASCII) with its thousands separated: made in a
/// buffer on the stack (a decimal of the engine has at most 42 characters, 56 grouped), then
/// appended at once.
fn push_grouped_bytes(out: &mut String, plain: &[u8]) {
    let mut buffer = [0_u8; 64];
    let mut len = 0;
    let mut put = |b: u8| {
        if let Some(slot) = buffer.get_mut(len) {
            *slot = b;
            len += 1;
        }
    };
    let (negative, rest) = match plain.strip_prefix(b"-") {
        Some(rest) => (true, rest),
        None => (false, plain),
    };
    let int_len = rest.iter().position(|&b| b == b'.').unwrap_or(rest.len());
    if negative {
        put(b'-');
    }
    for (i, &b) in rest.iter().enumerate() {
        if i > 0 && i < int_len && (int_len - i) % 3 == 0 {
            put(b',');
        }
        put(b);
    }
    out.push_str(core::str::from_utf8(buffer.get(..len).unwrap_or_default()).unwrap_or_default());
}

/// Appends a message as the compact form writes it: `template, arg × n` (the catalog says
/// how many arguments each template takes).
pub(crate) fn push_message(out: &mut String, m: &Message) {
    push_int(out, u128::from(m.template));
    for arg in &m.args {
        out.push(',');
        push_arg(out, arg);
    }
}

/// What a check's own value and gap are, for [`Arg::Value`] and [`Arg::Gap`].
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Own<'a> {
    /// The value, as the report gives it.
    pub value: Option<&'a str>,
    /// The gap, as the report gives it.
    pub gap: Option<&'a str>,
}

/// Which language a sentence is made in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    /// Simplified Chinese.
    Zh,
    /// English.
    En,
}

fn pick(t: &Text, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => t.zh,
        Lang::En => t.en,
    }
}

/// One argument as text in `lang`.
fn arg_text(texts: &RulesetTexts, arg: &Arg, lang: Lang, own: Own<'_>, out: &mut String) {
    match arg {
        Arg::Value => out.push_str(own.value.unwrap_or("")),
        Arg::Gap => out.push_str(own.gap.unwrap_or("")),
        Arg::Grouped(plain) => out.push_str(&grouped(plain)),
        Arg::Str(s) => out.push_str(s),
        Arg::Int(n) => push_int(out, u128::from(*n)),
        Arg::Text(i) => out.push_str(texts.texts.get(usize::from(*i)).map_or("", |t| pick(t, lang))),
        Arg::List(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(pick(&texts.join, lang));
                }
                arg_text(texts, item, lang, own, out);
            }
        }
        Arg::Msg(m) => out.push_str(&sentence(texts, m.template, &m.args, lang, own)),
    }
}

/// A template filled in `lang`: `{i}` is replaced by argument `i` (a place with no
/// argument stays as written, as in JavaScript).
pub(crate) fn sentence(texts: &RulesetTexts, template: u16, args: &[Arg], lang: Lang, own: Own<'_>) -> String {
    let text = texts.templates.get(usize::from(template)).map_or("", |t| pick(t, lang));
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.bytes().position(|b| b == b'{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        let close = after.bytes().position(|b| b == b'}');
        let index = close.and_then(|c| after.get(..c)).and_then(|d| d.parse::<usize>().ok());
        match (close, index.and_then(|i| args.get(i))) {
            (Some(c), Some(arg)) => {
                arg_text(texts, arg, lang, own, &mut out);
                rest = after.get(c + 1..).unwrap_or("");
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits_in_place() {
        for (plain, shown) in [("226247.5", "226,247.5"), ("1000", "1,000"), ("100", "100"), ("-1234567", "-1,234,567"), ("0.0001", "0.0001")] {
            let mut out = String::new();
            push_grouped(&mut out, plain);
            assert_eq!(out, shown);
            assert_eq!(grouped(plain), shown);
        }
    }
}
