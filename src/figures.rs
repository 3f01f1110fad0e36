//! The figures of one cluster as they arrive: field names and raw values, before any of
//! them is read as a number. Keeping the raw text lets an error message show exactly what
//! the user typed, and lets a JSON number be read as the decimal it is written as.

use crate::json::Json;

/// A raw value of a figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `null`: not given.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as the text it was written as (`0.1`, `1e5`, or `NaN`, `Infinity`,
    /// `-Infinity` when handed over from JavaScript).
    Number(String),
    /// A text.
    Text(String),
    /// A list (only `service_functions` takes one).
    List(Vec<Value>),
    /// An object (never a valid figure).
    Object,
}

impl Value {
    /// Whether the value counts as not given: `null`, or a text that is empty or blank.
    pub fn is_blank(&self) -> bool {
        match self {
            Value::Null => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as a short text for messages: what the user typed, cut if long.
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
                let shown: Vec<String> = items.iter().take(8).map(Value::shown).collect();
                let more = if items.len() > 8 { ", …" } else { "" };
                let mut s = String::from("[");
                s.push_str(&shown.join(", "));
                s.push_str(more);
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

    /// Converts a parsed JSON value; numbers keep the text they were written as.
    pub fn from_json(value: Json) -> Value {
        match value {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(b),
            Json::Number(n) => Value::Number(n),
            Json::Str(s) => Value::Text(s),
            Json::Array(items) => Value::List(items.into_iter().map(Value::from_json).collect()),
            Json::Object(_) => Value::Object,
        }
    }
}

/// At most 40 characters of a typed text, so that a message stays readable.
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
pub struct Figures {
    entries: Vec<(String, Value)>,
}

impl Figures {
    /// No figures at all.
    pub fn new() -> Figures {
        Figures::default()
    }

    /// Adds (or replaces) a figure.
    #[must_use]
    pub fn with(mut self, key: &str, value: Value) -> Figures {
        self.set(key, value);
        self
    }

    /// Sets a figure, replacing an earlier one of the same key.
    pub fn set(&mut self, key: &str, value: Value) {
        match self.entries.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((key.to_owned(), value)),
        }
    }

    /// The raw value of a key.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Every key and value, in the order given.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The figures of a JSON object (a repeated key keeps its last value); `None` for
    /// any other JSON value.
    pub fn from_json(value: Json) -> Option<Figures> {
        let Json::Object(members) = value else { return None };
        let mut figures = Figures::new();
        for (key, value) in members {
            figures.set(&key, Value::from_json(value));
        }
        Some(figures)
    }
}

/// One element of a batch: figures, or something that is not an object at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    /// A cluster's figures.
    Figures(Figures),
    /// Not an object; the value kept for the error message.
    NotAnObject(Value),
}

impl Record {
    /// Converts one element of a JSON array.
    pub fn from_json(value: Json) -> Record {
        match value {
            Json::Object(_) => Record::Figures(Figures::from_json(value).unwrap_or_default()),
            other => Record::NotAnObject(Value::from_json(other)),
        }
    }
}
