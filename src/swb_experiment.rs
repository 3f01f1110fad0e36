//! An experiment, off by default (features `swb-ser`, `swb-de`; see `Cargo.toml`): the
//! engine's two sides of the boundary as serde data, so that `serde-wasm-bindgen` can carry
//! them as JavaScript values instead of JSON text.
//!
//! - [`Compact`] is the compact form of one evaluation (`docs/catalog.md`) as a `Serialize`
//!   value: the same items, in the same order, as `render::compact` writes as JSON text.
//! - [`for_each_value`] reads a batch of records from any self-describing `Deserializer`
//!   (serde-wasm-bindgen's over a JS array) and evaluates each as it is read. A JS number
//!   arrives as a number, not as the text `JSON.stringify` would write: a safe integer is
//!   written with its digits, any other number by ECMAScript's rule (`ryu-js`), which is
//!   what `JSON.stringify` does, so the engine reads the same decimal text either way.
//!
//! Which of these crossings wins, and by how much, is in BENCHMARKS.md ("serde-wasm-bindgen
//! and web-sys, measured"). The shipped engine uses neither.

// Natively only the tests below use this; `src/wasm.rs` exports it.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]

#[cfg(feature = "swb-de")]
pub(crate) use input::for_each_value;
#[cfg(feature = "swb-ser")]
pub(crate) use output::Compact;

#[cfg(feature = "swb-ser")]
mod output {
    use serde::ser::SerializeStruct;
    use serde::{Serialize, Serializer};

    use crate::engine::{Evaluation, Finding, Outcome};
    use crate::message::{push_grouped, Arg, Message};
    use crate::number::push_int;
    use crate::render::{gap_field, key_index, status_code, verdict_code};
    use crate::report::Status;

    /// The compact form of one evaluation, as serde data: its items in the order
    /// `render::compact` writes them. The verdict and the conditions' statuses, known only
    /// once every check is judged, are filled in at the end, as there.
    pub(crate) struct Compact(Vec<Item>);

    /// One item of the compact form.
    enum Item {
        Str(&'static str),
        Text(String),
        Null,
        Code(u32),
        Arg(Arg),
    }

    /// A code of the compact form as a number: every code is small.
    fn code(value: u128) -> Item {
        Item::Code(u32::try_from(value).unwrap_or(u32::MAX))
    }

    fn opt(text: Option<&str>) -> Item {
        text.map_or(Item::Null, |t| Item::Text(t.to_owned()))
    }

    impl Compact {
        /// Judges `e` and keeps its compact form.
        pub(crate) fn of(mut e: Evaluation) -> Compact {
            let mut items = vec![Item::Str(e.ruleset.id), Item::Null, e.tier.map_or(Item::Null, Item::Str), opt(e.name)];
            items.push(e.year.map_or(Item::Null, |year| code(u128::from(year))));
            let statuses_at = items.len();
            items.extend(e.ruleset.conditions.iter().map(|_| Item::Null));
            e.judge(|e, o| check(e, o, &mut items));
            if let Some(slot) = items.get_mut(1) {
                *slot = code(verdict_code(e.verdict));
            }
            for (i, status) in e.statuses.iter().enumerate() {
                if let Some(slot) = items.get_mut(statuses_at + i) {
                    *slot = code(status_code(*status));
                }
            }
            findings(&mut items, e.errors());
            findings(&mut items, e.warnings.iter());
            match &e.tier_note {
                Some(note) => {
                    items.push(Item::Code(1));
                    message(&mut items, note);
                }
                None => items.push(Item::Code(0)),
            }
            Compact(items)
        }
    }

    /// One check: `code, [value], [gap, gap_field], arg × n`, as `render::check`.
    fn check(e: &Evaluation, o: &Outcome, items: &mut Vec<Item>) {
        let shows_gap = o.status != Status::Met && o.gap.is_some();
        items.push(code(
            status_code(o.status) + 4 * u128::from(o.value.is_some()) + 8 * u128::from(shows_gap) + 16 * u128::from(e.choice(o)),
        ));
        if let Some(value) = &o.value {
            items.push(Item::Text(value.as_str().to_owned()));
        }
        if let (true, Some(gap)) = (shows_gap, &o.gap) {
            items.push(Item::Text(gap.text.as_str().to_owned()));
            items.push(match (gap.year, key_index(e, gap.field, gap.unit)) {
                (None, Some(index)) => code(index as u128),
                _ => gap_field(e, o).map_or(Item::Null, Item::Text),
            });
        }
        let template = e.template(o);
        items.extend(template.params.iter().map(|param| Item::Arg(e.param(o, *param))));
    }

    /// `template, arg × n`, flat in the record.
    fn message(items: &mut Vec<Item>, m: &Message) {
        items.push(code(u128::from(m.template)));
        items.extend(m.args.iter().cloned().map(Item::Arg));
    }

    /// `m, (field, code, message) × m`.
    fn findings<'f>(items: &mut Vec<Item>, list: impl ExactSizeIterator<Item = &'f Finding>) {
        items.push(code(list.len() as u128));
        for f in list {
            items.push(opt(f.field.as_deref()));
            items.push(Item::Str(f.code));
            message(items, &f.message);
        }
    }

    impl Serialize for Compact {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(&self.0)
        }
    }

    impl Serialize for Item {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self {
                Item::Str(text) => serializer.serialize_str(text),
                Item::Text(text) => serializer.serialize_str(text),
                Item::Null => serializer.serialize_unit(),
                Item::Code(n) => serializer.serialize_u32(*n),
                Item::Arg(arg) => ArgValue(arg).serialize(serializer),
            }
        }
    }

    /// One argument of a message, as `message::push_arg` writes it.
    struct ArgValue<'a>(&'a Arg);

    impl Serialize for ArgValue<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self.0 {
                Arg::Grouped(plain) => {
                    let mut text = String::new();
                    push_grouped(&mut text, plain.as_str());
                    serializer.serialize_str(&text)
                }
                Arg::Str(text) => serializer.serialize_str(text),
                Arg::Int(n) => {
                    let mut text = String::new();
                    push_int(&mut text, u128::from(*n));
                    serializer.serialize_str(&text)
                }
                Arg::Text(index) => serializer.serialize_u16(*index),
                Arg::Value => serializer.serialize_i8(-1),
                Arg::Gap => serializer.serialize_i8(-2),
                Arg::List(items) => serializer.collect_seq(items.iter().map(ArgValue)),
                Arg::Msg(m) => {
                    let mut object = serializer.serialize_struct("Message", 2)?;
                    object.serialize_field("t", &m.template)?;
                    object.serialize_field("a", &Args(&m.args))?;
                    object.end()
                }
            }
        }
    }

    struct Args<'a>(&'a [Arg]);

    impl Serialize for Args<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0.iter().map(ArgValue))
        }
    }
}

#[cfg(feature = "swb-de")]
mod input {
    use std::borrow::Cow;
    use std::fmt;

    use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

    use crate::engine::Evaluation;
    use crate::figures::{Figures, Value};
    use crate::number::push_int;

    /// Reads a sequence of records and hands each one's evaluation to `each` as it is read.
    /// An element that is not an object is evaluated as such (`wrong_type`), as in the
    /// JSON crossing.
    ///
    /// # Errors
    /// Only what the deserializer refuses (the wrapper hands over nothing it would refuse).
    pub(crate) fn for_each_value<'de, D: Deserializer<'de>>(list: D, each: impl FnMut(Evaluation)) -> Result<(), D::Error> {
        list.deserialize_seq(Batch(each))
    }

    struct Batch<F>(F);

    impl<'de, F: FnMut(Evaluation)> Visitor<'de> for Batch<F> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of figures objects")
        }

        fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
            while let Some(item) = seq.next_element_seed(Any { record: true })? {
                match item {
                    Item::Figures(figures) => (self.0)(Evaluation::of(&figures)),
                    Item::Value(value) => (self.0)(Evaluation::not_an_object(&value)),
                }
            }
            Ok(())
        }
    }

    /// A record (an object is its figures), or a value within one (an object is only
    /// called one, as the JSON reader does).
    enum Item {
        Figures(Figures<'static>),
        Value(Value<'static>),
    }

    #[derive(Clone, Copy)]
    struct Any {
        record: bool,
    }

    impl<'de> DeserializeSeed<'de> for Any {
        type Value = Item;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Item, D::Error> {
            d.deserialize_any(self)
        }
    }

    /// The digits of a whole number, with its sign.
    fn int(negative: bool, magnitude: u128) -> Item {
        let mut text = String::new();
        if negative {
            text.push('-');
        }
        push_int(&mut text, magnitude);
        Item::Value(Value::Number(Cow::Owned(text)))
    }

    /// A value within a record.
    fn value<'de, D: Deserializer<'de>>(d: D) -> Result<Value<'static>, D::Error> {
        match d.deserialize_any(Any { record: false })? {
            Item::Value(value) => Ok(value),
            Item::Figures(_) => Ok(Value::Object),
        }
    }

    struct FigureValue;

    impl<'de> DeserializeSeed<'de> for FigureValue {
        type Value = Value<'static>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value<'static>, D::Error> {
            value(d)
        }
    }

    impl<'de> Visitor<'de> for Any {
        type Value = Item;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a figure")
        }

        fn visit_unit<E>(self) -> Result<Item, E> {
            Ok(Item::Value(Value::Null))
        }

        fn visit_none<E>(self) -> Result<Item, E> {
            Ok(Item::Value(Value::Null))
        }

        fn visit_bool<E>(self, b: bool) -> Result<Item, E> {
            Ok(Item::Value(Value::Bool(b)))
        }

        fn visit_i64<E>(self, n: i64) -> Result<Item, E> {
            Ok(int(n < 0, u128::from(n.unsigned_abs())))
        }

        fn visit_u64<E>(self, n: u64) -> Result<Item, E> {
            Ok(int(false, u128::from(n)))
        }

        fn visit_f64<E>(self, n: f64) -> Result<Item, E> {
            let text = ryu_js::Buffer::new().format(n).to_owned();
            Ok(Item::Value(Value::Number(Cow::Owned(text))))
        }

        fn visit_str<E>(self, s: &str) -> Result<Item, E> {
            Ok(Item::Value(Value::Text(Cow::Owned(s.to_owned()))))
        }

        fn visit_string<E>(self, s: String) -> Result<Item, E> {
            Ok(Item::Value(Value::Text(Cow::Owned(s))))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Item, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element_seed(FigureValue)? {
                items.push(item);
            }
            Ok(Item::Value(Value::List(items)))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Item, A::Error> {
            if !self.record {
                // Never a valid figure: what it holds is skipped (the wrapper sends {}).
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                return Ok(Item::Value(Value::Object));
            }
            let mut figures = Figures::new();
            while let Some(key) = map.next_key::<String>()? {
                let value = map.next_value_seed(FigureValue)?;
                figures.set(key, value);
            }
            Ok(Item::Figures(figures))
        }
    }
}

#[cfg(test)]
mod tests {
    // Test code may fail loudly: the no-panic lints are for the library.
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use serde_json::Value as Json;

    /// Records that reach every part of the compact form: checks met and not, gaps, values,
    /// errors (also of meta fields and unknown keys), warnings, the tier note on exactly
    /// 200000, a record that is not an object, one of a ruleset that does not exist.
    const RECORDS: &str = r#"[
        {"revenue_wan": 226247, "rd_expense_wan": 2262.47, "name": "集群 \"1\"", "year": 2024},
        {"revenue_wan": "300,000", "rd_expense_wan": 2000, "land_area_mu": 1.05, "investment_wan": 70},
        {"revenue_wan": 200000, "leading_industry_revenue_wan": 130000, "year": "x", "nope": true},
        {"revenue_wan": -5, "service_functions": ["testing", "ip", "nope"], "leading_enterprises": 2.5},
        {"ruleset": "nowhere", "revenue_wan": 1},
        {"defined_area": true, "coordination_body": false, "related_smes": "20", "land_area_ha": 0},
        [1, "two", null],
        "text",
        12.5,
        null
    ]"#;

    #[cfg(feature = "swb-ser")]
    #[test]
    fn compact_values_are_the_compact_json() {
        let expected: Json = serde_json::from_str(&crate::evaluate_many_compact(RECORDS).unwrap()).unwrap();
        let got = core::cell::RefCell::new(Vec::new());
        crate::each_record(RECORDS, 0, |e, _| got.borrow_mut().push(serde_json::to_value(super::Compact::of(e)).unwrap())).unwrap();
        assert_eq!(Json::Array(got.into_inner()), expected);
    }

    #[cfg(feature = "swb-de")]
    #[test]
    fn records_read_as_values_are_judged_as_from_json() {
        // TOML's data model has what a JS value has here (integers, floats, strings,
        // arrays, tables) but null; its deserializer hands integers and floats over as
        // serde-wasm-bindgen does.
        let toml: toml::Value = toml::from_str(
            r#"records = [
                { revenue_wan = 226247, rd_expense_wan = 2262.47, name = "集群", year = 2024 },
                { revenue_wan = "300,000", rd_expense_wan = 2000, land_area_mu = 1.05, investment_wan = 70 },
                { revenue_wan = 200000, leading_industry_revenue_wan = 130000, year = "x", nope = true },
                { revenue_wan = -5, service_functions = ["testing", "ip", "nope"], leading_enterprises = 2.5 },
                { revenue_wan = 1, nested = { a = 1 } },
                ["one", 2],
                "text",
                12.5,
            ]"#,
        )
        .unwrap();
        let records = toml.get("records").unwrap().clone();
        let json = serde_json::to_string(&records).unwrap();
        let mut got = String::from("[");
        super::for_each_value(records, |e| {
            if got.len() > 1 {
                got.push(',');
            }
            crate::render::compact(e, &mut got, false);
        })
        .unwrap();
        got.push(']');
        assert_eq!(got, crate::evaluate_many_compact(&json).unwrap());
    }

    /// JS numbers that are not safe integers are written as `JSON.stringify` writes them.
    #[cfg(feature = "swb-de")]
    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        for (n, js) in [
            (0.1, "0.1"),
            (2262.47, "2262.47"),
            (1.05, "1.05"),
            (-0.5, "-0.5"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123_456_789_012_345_680_000.0, "123456789012345680000"),
            (5e-7, "5e-7"),
            (0.000_001, "0.000001"),
            (1.5e300, "1.5e+300"),
        ] {
            assert_eq!(ryu_js::Buffer::new().format(n), js);
        }
    }
}
