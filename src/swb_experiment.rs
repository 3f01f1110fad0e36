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
    use serde::ser::{SerializeSeq, SerializeStruct};
    use serde::{Serialize, Serializer};

    use crate::engine::{Evaluation, Finding};
    use crate::message::{push_grouped, Arg, Message};
    use crate::number::push_int;
    use crate::render::{gap_field, status_code, verdict_code};
    use crate::report::Status;

    /// The compact form of one evaluation, as serde data.
    pub(crate) struct Compact<'e, 'f>(pub &'e Evaluation<'f>);

    /// A code of the compact form as a number: every code is small.
    fn code(value: u128) -> u32 {
        u32::try_from(value).unwrap_or(u32::MAX)
    }

    impl Serialize for Compact<'_, '_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let e = self.0;
            let mut seq = serializer.serialize_seq(None)?;
            seq.serialize_element(e.ruleset.id)?;
            seq.serialize_element(&code(verdict_code(e.verdict)))?;
            seq.serialize_element(&e.tier)?;
            seq.serialize_element(&e.name)?;
            seq.serialize_element(&e.year)?;
            for status in &e.statuses {
                seq.serialize_element(&code(status_code(*status)))?;
            }
            for o in &e.outcomes {
                let shows_gap = o.status != Status::Met && o.gap.is_some();
                let flags = 4 * u128::from(o.value.is_some()) + 8 * u128::from(shows_gap);
                seq.serialize_element(&code(status_code(o.status) + flags))?;
                if let Some(value) = &o.value {
                    seq.serialize_element(value.as_str())?;
                }
                if let (true, Some(gap)) = (shows_gap, &o.gap) {
                    seq.serialize_element(gap.text.as_str())?;
                    seq.serialize_element(&gap_field(e, o))?;
                }
                let template = e.template(o);
                seq.serialize_element(&template.index)?;
                seq.serialize_element(&code(template.params.len() as u128))?;
                for param in template.params {
                    seq.serialize_element(&Item(&e.param(o, *param)))?;
                }
            }
            findings(&mut seq, e.errors())?;
            findings(&mut seq, e.warnings.iter())?;
            match &e.tier_note {
                Some(note) => {
                    seq.serialize_element(&1u32)?;
                    message(&mut seq, note)?;
                }
                None => seq.serialize_element(&0u32)?,
            }
            seq.end()
        }
    }

    /// `template, n, arg × n`, flat in the record.
    fn message<S: SerializeSeq>(seq: &mut S, m: &Message) -> Result<(), S::Error> {
        seq.serialize_element(&m.template)?;
        seq.serialize_element(&code(m.args.len() as u128))?;
        m.args.iter().try_for_each(|arg| seq.serialize_element(&Item(arg)))
    }

    /// `m, (field, code, message) × m`.
    fn findings<'f, S: SerializeSeq>(seq: &mut S, list: impl ExactSizeIterator<Item = &'f Finding>) -> Result<(), S::Error> {
        seq.serialize_element(&code(list.len() as u128))?;
        for f in list {
            seq.serialize_element(&f.field)?;
            seq.serialize_element(f.code)?;
            message(seq, &f.message)?;
        }
        Ok(())
    }

    /// One argument of a message, as `message::push_arg` writes it.
    struct Item<'a>(&'a Arg);

    impl Serialize for Item<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            match self.0 {
                Arg::Grouped(plain) => {
                    let mut text = String::new();
                    push_grouped(&mut text, plain);
                    serializer.serialize_str(&text)
                }
                Arg::Str(text) => serializer.serialize_str(text),
                Arg::Int(n) => {
                    let mut text = String::new();
                    push_int(&mut text, u128::from(*n));
                    serializer.serialize_str(&text)
                }
                Arg::Text(index) => serializer.serialize_u16(*index),
                Arg::List(items) => serializer.collect_seq(items.iter().map(Item)),
                Arg::Msg(m) => {
                    let mut object = serializer.serialize_struct("Message", 2)?;
                    object.serialize_field("t", &m.template)?;
                    object.serialize_field("a", &Items(&m.args))?;
                    object.end()
                }
            }
        }
    }

    struct Items<'a>(&'a [Arg]);

    impl Serialize for Items<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0.iter().map(Item))
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
    pub(crate) fn for_each_value<'de, D: Deserializer<'de>>(list: D, each: impl FnMut(&Evaluation)) -> Result<(), D::Error> {
        list.deserialize_seq(Batch(each))
    }

    struct Batch<F>(F);

    impl<'de, F: FnMut(&Evaluation)> Visitor<'de> for Batch<F> {
        type Value = ();

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of figures objects")
        }

        fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
            while let Some(item) = seq.next_element_seed(Any { record: true })? {
                match item {
                    Item::Figures(figures) => (self.0)(&Evaluation::of(&figures)),
                    Item::Value(value) => (self.0)(&Evaluation::not_an_object(&value)),
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
        crate::each_record(RECORDS, 0, |e, _| got.borrow_mut().push(serde_json::to_value(super::Compact(e)).unwrap())).unwrap();
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
            crate::render::compact(e, &mut got);
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
