//! The figures of one cluster as they arrive: field names and raw values, before any of
//! them is read as a number. Keeping the raw text lets an error message show exactly what
//! the user typed, and lets a JSON number be read as the decimal it is written as.
//!
//! Names and texts are borrowed from the JSON they were read from (only a string with
//! escapes is copied), so that reading a batch copies no text.

use std::borrow::Cow;

use cluster_check_model::messages::MAX_KEYS;

use crate::json::{JsonError, Reader, Start};

/// A raw value of a figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// `null`: not given.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as the text it was written as (`0.1`, `1e5`, or `NaN`, `Infinity`,
    /// `-Infinity` when handed over from JavaScript).
    Number(Cow<'a, str>),
    /// A text.
    Text(Cow<'a, str>),
    /// A list (only `service_functions` takes one).
    List(Vec<Value<'a>>),
    /// An object (never a valid figure).
    Object,
}

impl<'a> Value<'a> {
    /// Whether the value counts as not given: `null`, or a text that is empty or blank.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Text(t) => crate::number::trim(t).is_empty(),
            _ => false,
        }
    }

    /// The value as a short text for messages: what the user typed, cut if long.
    #[cold]
    pub fn shown(&self) -> String {
        match self {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => if *b { "true" } else { "false" }.to_owned(),
            Value::Number(n) => cut(n),
            Value::Text(t) => {
                let mut s = String::from("\"");
                s.push_str(&cut(t));
                s.push('"');
                s
            }
            Value::List(items) => {
                let mut s = String::from("[");
                for (i, item) in items.iter().take(8).enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&item.shown());
                }
                if items.len() > 8 {
                    s.push_str(", …");
                }
                s.push(']');
                s
            }
            Value::Object => "{…}".to_owned(),
        }
    }

    /// The kind of value, for messages about wrong types: (zh, en).
    pub fn kind_words(&self) -> (&'static str, &'static str) {
        match self {
            Value::Null => ("空值", "null"),
            Value::Bool(_) => ("是/否值", "a true/false value"),
            Value::Number(_) => ("数字", "a number"),
            Value::Text(_) => ("文字", "a text"),
            Value::List(_) => ("列表", "a list"),
            Value::Object => ("对象", "an object"),
        }
    }

    /// Reads the rest of a JSON value begun at `depth`; numbers keep the text they were
    /// written as, and an object is read only to be called one.
    pub(crate) fn read(reader: &mut Reader<'a>, start: Start<'a>, depth: usize) -> Result<Value<'a>, JsonError> {
        Ok(match start {
            Start::Null => Value::Null,
            Start::Bool(b) => Value::Bool(b),
            Start::Number(n) => Value::Number(Cow::Borrowed(n)),
            Start::Str(s) => Value::Text(s),
            Start::Array => {
                let mut items = Vec::new();
                reader.items(|r| {
                    let start = r.begin(depth + 1)?;
                    items.push(Value::read(r, start, depth + 1)?);
                    Ok(())
                })?;
                Value::List(items)
            }
            Start::Object => {
                reader.members(|r, _| {
                    let start = r.begin(depth + 1)?;
                    Value::read(r, start, depth + 1).map(drop)
                })?;
                Value::Object
            }
        })
    }
}

/// At most 40 characters of a typed text, so that a message stays readable.
#[cold]
fn cut(text: &str) -> String {
    const LIMIT: usize = 40;
    match text.char_indices().nth(LIMIT) {
        Some((at, _)) => {
            let mut s = text.get(..at).unwrap_or("").to_owned();
            s.push('…');
            s
        }
        None => text.to_owned(),
    }
}

/// The figures of one cluster: keys and raw values, in the order given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Figures<'a> {
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
    /// One bit per key given, chosen by the key's length, first and last bytes: a key
    /// whose bit is not set is not given, with no need to compare it with every key that is.
    keys: u64,
    /// Keys beyond [`MAX_KEYS`], counted but not kept: such a record is not a cluster's
    /// figures, and comparing each key with all the others would take quadratic time.
    overflow: usize,
}

/// The bit of a key in [`Figures::keys`].
fn key_bit(key: &str) -> u64 {
    let byte = |b: Option<&u8>| usize::from(b.copied().unwrap_or(0));
    let bytes = key.as_bytes();
    let mix = key.len().wrapping_mul(3).wrapping_add(7 * byte(bytes.last()) + byte(bytes.first()));
    1 << (mix % 64)
}

impl<'a> Figures<'a> {
    /// No figures at all.
    pub fn new() -> Figures<'a> {
        Figures::default()
    }

    /// Adds (or replaces) a figure.
    #[must_use]
    pub fn with(mut self, key: impl Into<Cow<'a, str>>, value: Value<'a>) -> Figures<'a> {
        self.set(key, value);
        self
    }

    /// Sets a figure, replacing an earlier one of the same key. Past [`MAX_KEYS`] keys a
    /// new key is only counted (see [`Figures::overflow`]).
    pub fn set(&mut self, key: impl Into<Cow<'a, str>>, value: Value<'a>) {
        if self.entries.len() >= MAX_KEYS {
            self.overflow = self.overflow.saturating_add(1);
            return;
        }
        let key = key.into();
        let bit = key_bit(&key);
        if self.keys & bit != 0 {
            if let Some(entry) = self.entries.iter_mut().find(|(k, _)| *k == key) {
                entry.1 = value;
                return;
            }
        }
        self.keys |= bit;
        self.entries.push((key, value));
    }

    /// The raw value of a key.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        if self.keys & key_bit(key) == 0 {
            return None;
        }
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// How many keys are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no figures at all.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty() && self.overflow == 0
    }

    /// How many keys were given beyond [`MAX_KEYS`] (and not kept).
    pub fn overflow(&self) -> usize {
        self.overflow
    }

    /// Every key and value, in the order given.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.entries.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// Replaces these figures with the members of a JSON object begun at `depth` (a
    /// repeated key keeps its last value). Refilling one `Figures` record after record
    /// allocates its list of entries once.
    pub(crate) fn read(&mut self, reader: &mut Reader<'a>, depth: usize) -> Result<(), JsonError> {
        self.entries.clear();
        self.keys = 0;
        self.overflow = 0;
        reader.members(|r, key| {
            let start = r.begin(depth + 1)?;
            let value = Value::read(r, start, depth + 1)?;
            self.set(key, value);
            Ok(())
        })
    }
}

/// One element of a batch: figures, or something that is not an object at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record<'a> {
    /// A cluster's figures.
    Figures(Figures<'a>),
    /// Not an object; the value kept for the error message.
    NotAnObject(Value<'a>),
}
