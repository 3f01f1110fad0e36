//! Reading a TOML document into typed values while keeping every problem: each read names
//! its place (a key path) and its position in the file, and a wrong, missing or unknown key
//! is recorded rather than ending the read, so that a ruleset file's author sees every
//! problem of the file at once.

use core::cell::RefCell;
use core::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::messages::distance;

/// A problem in a ruleset file: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Byte range in the file.
    pub span: Range<usize>,
    /// The key path (`conditions[2].checks[1].threshold`).
    pub place: String,
    /// What is wrong, in words.
    pub message: String,
}

/// Collects the problems of one file.
#[derive(Debug, Default)]
pub struct Problems {
    list: RefCell<Vec<Problem>>,
}

impl Problems {
    /// Records a problem.
    pub fn add(&self, span: Range<usize>, place: impl Into<String>, message: impl Into<String>) {
        self.list.borrow_mut().push(Problem {
            span,
            place: place.into(),
            message: message.into(),
        });
    }

    /// Whether none was recorded.
    pub fn is_empty(&self) -> bool {
        self.list.borrow().is_empty()
    }

    /// Every problem, in the order of the file.
    pub fn into_sorted(self) -> Vec<Problem> {
        let mut list = self.list.into_inner();
        list.sort_by_key(|p| (p.span.start, p.span.end));
        list.dedup();
        list
    }
}

/// A value read from the file, with where it was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Byte range in the file.
    pub span: Range<usize>,
}

impl<T> At<T> {
    /// A value at a place.
    pub fn new(value: T, span: Range<usize>) -> At<T> {
        At { value, span }
    }
}

fn kind_of(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// A plain value of a table whose keys are data (a worked example's row): what the file
/// wrote, for the validation to judge against what each key expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scalar {
    /// A string.
    Str(String),
    /// A boolean.
    Bool(bool),
    /// A decimal integer.
    Int(i64),
    /// Anything else, by what it is ("a float", "an array", …).
    Other(&'static str),
}

/// A table of the file being read: the keys read from it are remembered, so that
/// [`Table::finish`] can report the others as unknown.
pub struct Table<'a, 'i> {
    table: &'a DeTable<'i>,
    span: Range<usize>,
    place: String,
    read: Vec<&'a str>,
    problems: &'a Problems,
}

/// The closest of `known` to `name`, when close enough to be a likely typo.
pub fn nearest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (distance(name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

impl<'a, 'i> Table<'a, 'i> {
    /// The document's top-level table.
    pub fn root(table: &'a Spanned<DeTable<'i>>, problems: &'a Problems) -> Table<'a, 'i> {
        Table {
            table: table.get_ref(),
            span: table.span(),
            place: String::new(),
            read: Vec::new(),
            problems,
        }
    }

    /// The problems this read records into.
    pub fn problems(&self) -> &'a Problems {
        self.problems
    }

    /// Where the table is.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The key path of a member.
    pub fn place_of(&self, key: &str) -> String {
        if self.place.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.place)
        }
    }

    /// The key path of the table.
    pub fn place(&self) -> &str {
        &self.place
    }

    /// Records a problem at the table.
    pub fn problem(&self, message: impl Into<String>) {
        self.problems.add(self.span.clone(), self.place.clone(), message);
    }

    /// Records a problem at one of its members (or the table when the member is absent).
    pub fn problem_at(&self, key: &str, message: impl Into<String>) {
        let span = self.entry(key).map_or_else(|| self.span.clone(), |v| v.span());
        self.problems.add(span, self.place_of(key), message);
    }

    fn entry(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v)
    }

    /// Whether the table has this key.
    pub fn has(&self, key: &str) -> bool {
        self.entry(key).is_some()
    }

    /// Marks a key as read and returns its value.
    fn take(&mut self, key: &'static str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.read.push(key);
        self.entry(key)
    }

    fn wrong(&self, key: &str, value: &Spanned<DeValue<'_>>, expected: &str) {
        self.problems.add(
            value.span(),
            self.place_of(key),
            format!("expected {expected}, found {}", kind_of(value.get_ref())),
        );
    }

    fn missing(&self, key: &str, expected: &str) {
        self.problems.add(self.span.clone(), self.place_of(key), format!("{key} is required ({expected})"));
    }

    /// An optional string.
    pub fn opt_str(&mut self, key: &'static str) -> Option<At<String>> {
        let value = self.take(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(At::new(s.to_string(), value.span())),
            _ => {
                self.wrong(key, value, "a string");
                None
            }
        }
    }

    /// A required string.
    pub fn str(&mut self, key: &'static str) -> Option<At<String>> {
        let found = self.has(key);
        let value = self.opt_str(key);
        if !found {
            self.missing(key, "a string");
        }
        value
    }

    /// An optional boolean, `default` when absent.
    pub fn bool_or(&mut self, key: &'static str, default: bool) -> bool {
        match self.take(key) {
            None => default,
            Some(value) => match value.get_ref() {
                DeValue::Boolean(b) => *b,
                _ => {
                    self.wrong(key, value, "true or false");
                    default
                }
            },
        }
    }

    /// An optional integer.
    pub fn opt_int(&mut self, key: &'static str) -> Option<At<i64>> {
        let value = self.take(key)?;
        match value.get_ref() {
            DeValue::Integer(i) => match i.as_str().replace('_', "").parse::<i64>() {
                Ok(n) if i.radix() == 10 => Some(At::new(n, value.span())),
                _ => {
                    self.wrong(key, value, "a decimal integer");
                    None
                }
            },
            _ => {
                self.wrong(key, value, "an integer");
                None
            }
        }
    }

    /// An optional sub-table.
    pub fn opt_table(&mut self, key: &'static str) -> Option<Table<'a, 'i>> {
        let value = self.take(key)?;
        match value.get_ref() {
            DeValue::Table(t) => Some(Table {
                table: t,
                span: value.span(),
                place: self.place_of(key),
                read: Vec::new(),
                problems: self.problems,
            }),
            _ => {
                self.wrong(key, value, "a table");
                None
            }
        }
    }

    /// A required sub-table.
    pub fn table(&mut self, key: &'static str) -> Option<Table<'a, 'i>> {
        let found = self.has(key);
        let value = self.opt_table(key);
        if !found {
            self.missing(key, "a table");
        }
        value
    }

    /// An optional array of tables (`[[key]]`, or an inline array of inline tables).
    pub fn tables(&mut self, key: &'static str) -> Vec<Table<'a, 'i>> {
        let Some(value) = self.take(key) else { return Vec::new() };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong(key, value, "an array of tables");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(t) => out.push(Table {
                    table: t,
                    span: item.span(),
                    place: format!("{}[{i}]", self.place_of(key)),
                    read: Vec::new(),
                    problems: self.problems,
                }),
                _ => self.wrong(&format!("{key}[{i}]"), item, "a table"),
            }
        }
        out
    }

    /// An optional array of strings (empty when absent).
    pub fn strings(&mut self, key: &'static str) -> Vec<At<String>> {
        let Some(value) = self.take(key) else { return Vec::new() };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong(key, value, "an array of strings");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::String(s) => out.push(At::new(s.to_string(), item.span())),
                _ => self.wrong(&format!("{key}[{i}]"), item, "a string"),
            }
        }
        out
    }

    /// Every member of the table, in the file's order, as a key and a plain value, each with
    /// where it is: for a table whose keys are data, judged by the validation.
    pub fn entries(&mut self) -> Vec<(At<String>, At<Scalar>)> {
        let table = self.table;
        table
            .iter()
            .map(|(key, value)| {
                let name: &'a str = key.get_ref();
                self.read.push(name);
                let scalar = match value.get_ref() {
                    DeValue::String(s) => Scalar::Str(s.to_string()),
                    DeValue::Boolean(b) => Scalar::Bool(*b),
                    DeValue::Integer(i) => match i.as_str().replace('_', "").parse::<i64>() {
                        Ok(n) if i.radix() == 10 => Scalar::Int(n),
                        _ => Scalar::Other("an integer that is not decimal"),
                    },
                    other => Scalar::Other(kind_of(other)),
                };
                (At::new(name.to_owned(), key.span()), At::new(scalar, value.span()))
            })
            .collect()
    }

    /// Reports every key that was not read as unknown, with the nearest known one.
    pub fn finish(self) {
        for (key, value) in self.table.iter() {
            let name: &str = key.get_ref();
            if self.read.contains(&name) {
                continue;
            }
            let hint = match nearest(name, &self.read) {
                Some(near) => format!("; did you mean {near:?}?"),
                None if self.read.is_empty() => String::new(),
                None => format!("; known here: {}", self.read.join(", ")),
            };
            self.problems.add(
                key.span().start..value.span().end.max(key.span().end),
                self.place_of(name),
                format!("unknown key {name:?}{hint}"),
            );
        }
    }
}
