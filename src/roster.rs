//! Figures counted from an enterprise roster (企业名单): one row per enterprise, and the
//! ruleset's `[roster]` data says which columns feed which figure, by count or sum, with
//! which comparison. Nothing is guessed: a figure is derived only when every enterprise it
//! needs has the cells it needs; otherwise the rows that lack them are named. Every derived
//! figure lists the enterprises counted or summed, and for counts the ones exactly on a
//! bound that needs more (超5000万元 leaves out exactly 5000).
//!
//! Each enterprise is decided three ways — yes, no, or not known (and why) — so that a
//! blank cell that cannot matter (a related SME's revenue when its employees already make
//! it one) does not stop a count.

use core::cmp::Ordering;
use std::collections::BTreeMap;

use cluster_check_model::messages as msg;
use cluster_check_model::number::{self, int_text, Accept, PLACES};

use crate::engine::{amount_arg, kind_word, Cell, Evaluation};
use crate::figures::{Figures, Value};
use crate::json::{push_key, push_str, Reader, Start};
use crate::message::{push_msg, sentence, Arg, Lang, Message, Own};
use crate::ratio::Ratio;
use crate::ruleset::{self, input_key, Aggregate, Predicate, Roster, Ruleset, Test, Term};
use crate::{InputError, Record};

/// How many enterprises a message names before it says how many more there are.
const LISTED: usize = 20;

/// What one enterprise is for a figure or a term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tri {
    Yes,
    No,
    /// Not known: the columns (bits) blank and unusable that would decide it.
    Unknown { lacking: u64, invalid: u64 },
}

fn bit(column: u8) -> u64 {
    1_u64.checked_shl(u32::from(column)).unwrap_or(0)
}

/// What a row adds to one figure: the figure, the row's verdict on it, the amount it adds,
/// the amount shown in its trace, and whether it sits on the boundary.
type Update = (usize, Tri, Option<Ratio>, Option<Arg>, bool);

/// One row as read.
struct Row {
    number: u32,
    name: String,
    cells: Vec<Cell>,
    /// A repeated name, or none: the row decides nothing, and every figure it could feed
    /// waits for it to be corrected.
    void: bool,
}

/// One figure's tally over a cluster's rows.
#[derive(Default)]
struct Tally {
    count: u64,
    sum: Option<Ratio>,
    /// Rows counted, or summed.
    rows: Vec<u32>,
    /// The first of them, as messages name them.
    listed: Vec<Arg>,
    /// Rows exactly on a bound that needs more.
    outside: Vec<u32>,
    outside_listed: Vec<Arg>,
    /// Per column (bit), the rows that lack it.
    lacking: Vec<(u8, Vec<u32>)>,
    /// Rows whose cells it needs are unusable.
    invalid: Vec<u32>,
}

/// A message about the roster, and where it points.
struct Issue {
    row: Option<u32>,
    field: Option<String>,
    code: &'static str,
    message: Message,
}

/// One cluster of the roster (the rows with the same 所属集群).
struct Group {
    name: Option<String>,
    rows: u32,
    tallies: Vec<Tally>,
    seen: BTreeMap<String, u32>,
    errors: Vec<Issue>,
    warnings: Vec<Issue>,
    /// Yes/no columns decided by their standard somewhere in the group.
    derived_used: u64,
}

impl Group {
    fn new(name: Option<String>, figures: usize) -> Group {
        Group {
            name,
            rows: 0,
            tallies: (0..figures).map(|_| Tally::default()).collect(),
            seen: BTreeMap::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            derived_used: 0,
        }
    }
}

/// A roster being counted.
struct Count<'r> {
    ruleset: &'static Ruleset,
    roster: &'r Roster,
    groups: Vec<Group>,
    by_name: BTreeMap<String, usize>,
    /// Rows that are not objects.
    errors: Vec<Issue>,
}

impl<'r> Count<'r> {
    fn columns(&self) -> &'static Ruleset {
        self.roster.columns
    }

    fn label(&self, column: u8) -> Arg {
        self.columns().field(usize::from(column)).map_or_else(|| Arg::Str(String::new()), |f| Arg::Text(f.label))
    }

    /// Whether a yes/no column is yes for this row; a blank cell is its default, or
    /// decided by its standard.
    fn yes_no(&self, row: &Row, column: u8, lenient: bool) -> Tri {
        match row.cells.get(usize::from(column)) {
            Some(Cell::Bool(true)) => Tri::Yes,
            Some(Cell::Bool(false)) => Tri::No,
            Some(Cell::Blank) | None => {
                if let Some(&(_, value)) = self.roster.defaults.iter().find(|(c, _)| *c == column) {
                    return if value { Tri::Yes } else { Tri::No };
                }
                match self.roster.derive.iter().find(|d| d.column == column) {
                    Some(derive) => self.predicate(row, derive.rule, lenient),
                    None => Tri::Unknown { lacking: bit(column), invalid: 0 },
                }
            }
            Some(_) => Tri::Unknown { lacking: 0, invalid: bit(column) },
        }
    }

    /// One term. `lenient`: a strict comparison at exactly its threshold holds (to find the
    /// enterprises just outside).
    fn term(&self, row: &Row, term: &Term, lenient: bool) -> Tri {
        match term.test {
            Test::True => self.yes_no(row, term.column, lenient),
            Test::Compare { compare, threshold } => match row.cells.get(usize::from(term.column)) {
                Some(Cell::Amount(value)) => match value.compare(Ratio::dec(threshold)) {
                    Some(order) if compare.holds(order) || (lenient && order == Ordering::Equal) => Tri::Yes,
                    Some(_) => Tri::No,
                    None => Tri::Unknown { lacking: 0, invalid: bit(term.column) },
                },
                Some(Cell::Blank) | None => Tri::Unknown { lacking: bit(term.column), invalid: 0 },
                Some(_) => Tri::Unknown { lacking: 0, invalid: bit(term.column) },
            },
        }
    }

    /// Every clause holds; a clause holds when any of its terms does. A clause that fails
    /// for certain decides `No` whatever else is unknown.
    fn predicate(&self, row: &Row, predicate: Predicate, lenient: bool) -> Tri {
        let (mut lacking, mut invalid, mut unknown) = (0, 0, false);
        for clause in predicate {
            let (mut yes, mut clause_lacking, mut clause_invalid, mut clause_unknown) = (false, 0, 0, false);
            for term in *clause {
                match self.term(row, term, lenient) {
                    Tri::Yes => {
                        yes = true;
                        break;
                    }
                    Tri::No => {}
                    Tri::Unknown { lacking: l, invalid: i } => {
                        clause_unknown = true;
                        clause_lacking |= l;
                        clause_invalid |= i;
                    }
                }
            }
            if yes {
                continue;
            }
            if !clause_unknown {
                return Tri::No;
            }
            unknown = true;
            lacking |= clause_lacking;
            invalid |= clause_invalid;
        }
        if unknown {
            Tri::Unknown { lacking, invalid }
        } else {
            Tri::Yes
        }
    }

    /// The amount that decided an enterprise, for the message: the first compared column of
    /// the filter (or of a standard it relies on) — exactly at its threshold when `edge`.
    fn shown_amount(&self, row: &Row, predicate: Predicate, edge: bool) -> Option<Arg> {
        let mut terms: Vec<&Term> = predicate.iter().flat_map(|c| c.iter()).collect();
        for term in terms.clone() {
            if let Test::True = term.test {
                if let Some(derive) = self.roster.derive.iter().find(|d| d.column == term.column) {
                    if matches!(row.cells.get(usize::from(term.column)), Some(Cell::Blank) | None) {
                        terms.extend(derive.rule.iter().flat_map(|c| c.iter()));
                    }
                }
            }
        }
        terms.into_iter().find_map(|term| {
            let Test::Compare { threshold, .. } = term.test else { return None };
            let Some(Cell::Amount(value)) = row.cells.get(usize::from(term.column)) else { return None };
            if edge && value.compare(Ratio::dec(threshold)) != Some(Ordering::Equal) {
                return None;
            }
            let field = self.columns().field(usize::from(term.column))?;
            Some(amount_arg(value.cut(PLACES, false)?, field, 0))
        })
    }

    /// A row of the roster (its position in the array is `index`).
    fn row(&mut self, index: usize, figures: &Figures) {
        let number = row_number(figures).unwrap_or_else(|| u32::try_from(index + 1).unwrap_or(u32::MAX));
        // A row with nothing in it (a blank line of a sheet) is no enterprise.
        if figures.iter().all(|(key, value)| key == "row" || value.is_blank()) {
            return;
        }
        let name = text_of(figures.get("enterprise"));
        let cluster = text_of(figures.get("cluster"));
        let group = self.group(cluster);

        let mut eval = Evaluation::roster_row(self.columns(), figures);
        let columns = self.columns().fields.len();
        let cells: Vec<Cell> = (0..columns).map(|c| eval.cell(c)).collect();
        let shown_name = name.clone().unwrap_or_default();
        // The engine's findings about a cell, said of this row.
        let of_row = |f: crate::engine::Finding| Issue {
            row: Some(number),
            field: f.field,
            code: f.code,
            message: Message::new(msg::ROSTER_ROW.index, vec![Arg::Int(number), Arg::Str(shown_name.clone()), Arg::Msg(Box::new(f.message))]),
        };
        let mut issues: Vec<Issue> = eval.take_errors().into_iter().map(of_row).collect();
        let mut warnings: Vec<Issue> = eval.warnings.drain(..).map(of_row).collect();
        let mut row = Row {
            number,
            name: shown_name.clone(),
            cells,
            void: false,
        };
        match &name {
            None => {
                row.void = true;
                issues.push(Issue {
                    row: Some(number),
                    field: Some("enterprise".to_owned()),
                    code: "no_enterprise",
                    message: Message::new(msg::ROSTER_NO_NAME.index, vec![Arg::Int(number)]),
                });
            }
            Some(name) => {
                if let Some(g) = self.groups.get_mut(group) {
                    match g.seen.get(name) {
                        Some(&first) => {
                            row.void = true;
                            issues.push(Issue {
                                row: Some(number),
                                field: Some("enterprise".to_owned()),
                                code: "duplicate_enterprise",
                                message: Message::new(
                                    msg::ROSTER_DUPLICATE.index,
                                    vec![Arg::Str(name.clone()), Arg::Int(number), Arg::Int(first)],
                                ),
                            });
                        }
                        None => {
                            g.seen.insert(name.clone(), number);
                        }
                    }
                }
            }
        }
        self.contradictions(&mut row, &mut issues);
        let used = self.overrides(&row, &mut warnings);
        if !row.void {
            self.tally(group, &row);
        }
        if let Some(g) = self.groups.get_mut(group) {
            g.rows += 1;
            g.derived_used |= used;
            g.errors.extend(issues);
            g.warnings.extend(warnings);
        }
    }

    /// The group of rows of a cluster, made when first met.
    fn group(&mut self, name: Option<String>) -> usize {
        let key = name.clone().unwrap_or_default();
        if let Some(&g) = self.by_name.get(&key) {
            return g;
        }
        let g = self.groups.len();
        self.groups.push(Group::new(name, self.roster.figures.len()));
        self.by_name.insert(key, g);
        g
    }

    /// A yes that needs another cell given (and yes): both cells become unusable, and the
    /// row says why.
    fn contradictions(&self, row: &mut Row, issues: &mut Vec<Issue>) {
        for rule in self.roster.requires {
            if !matches!(row.cells.get(usize::from(rule.column)), Some(Cell::Bool(true))) {
                continue;
            }
            let got = match row.cells.get(usize::from(rule.needs)) {
                Some(Cell::Blank) | None => msg::GOT_BLANK,
                Some(Cell::Bool(false)) => msg::GOT_NO,
                _ => continue,
            };
            issues.push(Issue {
                row: Some(row.number),
                field: self.columns().field(usize::from(rule.column)).map(|f| input_key(f, 0, None)),
                code: rule.code,
                message: Message::new(
                    msg::ROSTER_REQUIRES.index,
                    vec![
                        Arg::Str(row.name.clone()),
                        Arg::Int(row.number),
                        self.label(rule.column),
                        self.label(rule.needs),
                        Arg::Text(got.index),
                    ],
                ),
            });
            for c in [rule.column, rule.needs] {
                if let Some(cell) = row.cells.get_mut(usize::from(c)) {
                    *cell = Cell::Invalid;
                }
            }
        }
    }

    /// Warns where a yes/no given differs from what its standard gives; returns the columns
    /// that the standard decided (blank and decidable).
    fn overrides(&self, row: &Row, warnings: &mut Vec<Issue>) -> u64 {
        let mut used = 0;
        for derive in self.roster.derive {
            let derived = self.predicate(row, derive.rule, false);
            match row.cells.get(usize::from(derive.column)) {
                Some(Cell::Blank) | None if !matches!(derived, Tri::Unknown { .. }) => used |= bit(derive.column),
                Some(Cell::Blank) | None => {}
                Some(Cell::Bool(given)) => {
                    let derived = match derived {
                        Tri::Yes => true,
                        Tri::No => false,
                        Tri::Unknown { .. } => continue,
                    };
                    if derived != *given {
                        let word = |b: bool| Arg::Text(if b { msg::YES.index } else { msg::NO.index });
                        warnings.push(Issue {
                            row: Some(row.number),
                            field: self.columns().field(usize::from(derive.column)).map(|f| input_key(f, 0, None)),
                            code: "status_override",
                            message: Message::new(
                                msg::ROSTER_OVERRIDE.index,
                                vec![
                                    Arg::Str(row.name.clone()),
                                    Arg::Int(row.number),
                                    self.label(derive.column),
                                    word(*given),
                                    word(derived),
                                    Arg::Text(derive.source),
                                ],
                            ),
                        });
                    }
                }
                _ => {}
            }
        }
        used
    }

    /// Adds a row to every figure of its group.
    fn tally(&mut self, group: usize, row: &Row) {
        let mut updates: Vec<Update> = Vec::with_capacity(self.roster.figures.len());
        // Which figures still list enterprises by name (counted, and just outside): the
        // amounts shown beside the names are made only for those.
        let room = |listed: fn(&Tally) -> usize| -> u64 {
            self.groups.get(group).map_or(0, |g| {
                g.tallies.iter().enumerate().filter(|(_, t)| listed(t) < LISTED).fold(0, |bits, (k, _)| bits | u8::try_from(k).map_or(0, bit))
            })
        };
        let (counted_room, outside_room) = (room(|t| t.listed.len()), room(|t| t.outside_listed.len()));
        for (k, figure) in self.roster.figures.iter().enumerate() {
            let has = |bits: u64| bits & u8::try_from(k).map_or(0, bit) != 0;
            match figure.aggregate {
                Aggregate::Count => {
                    let decided = self.predicate(row, figure.filter, false);
                    let edge = decided == Tri::No && self.predicate(row, figure.filter, true) == Tri::Yes;
                    let shown = match decided {
                        Tri::Yes if has(counted_room) => self.shown_amount(row, figure.filter, false),
                        Tri::No if edge && has(outside_room) => self.shown_amount(row, figure.filter, true),
                        _ => None,
                    };
                    updates.push((k, decided, None, shown, edge));
                }
                Aggregate::Sum { column } => {
                    let decided = match self.predicate(row, figure.filter, false) {
                        Tri::Yes => match row.cells.get(usize::from(column)) {
                            Some(Cell::Amount(value)) => {
                                let field = self.columns().field(usize::from(column)).filter(|_| has(counted_room));
                                let shown = field.and_then(|f| value.cut(PLACES, false).map(|plain| amount_arg(plain, f, 0)));
                                updates.push((k, Tri::Yes, Some(*value), shown, false));
                                continue;
                            }
                            Some(Cell::Blank) | None => Tri::Unknown { lacking: bit(column), invalid: 0 },
                            Some(_) => Tri::Unknown { lacking: 0, invalid: bit(column) },
                        },
                        other => other,
                    };
                    updates.push((k, decided, None, None, false));
                }
            }
        }
        let Some(g) = self.groups.get_mut(group) else { return };
        for (k, decided, amount, shown, edge) in updates {
            let Some(t) = g.tallies.get_mut(k) else { continue };
            let item = |shown: Option<Arg>| match shown {
                Some(amount) => Arg::Msg(Box::new(Message::new(msg::ROSTER_ITEM.index, vec![Arg::Str(row.name.clone()), amount]))),
                None => Arg::Str(row.name.clone()),
            };
            match decided {
                Tri::Yes => {
                    t.count += 1;
                    if let Some(a) = amount {
                        t.sum = Some(match t.sum {
                            None => a,
                            Some(s) => s.add(a).unwrap_or(s),
                        });
                    }
                    t.rows.push(row.number);
                    if t.listed.len() < LISTED {
                        t.listed.push(item(shown));
                    }
                }
                Tri::No => {
                    if edge {
                        t.outside.push(row.number);
                        if t.outside_listed.len() < LISTED {
                            t.outside_listed.push(item(shown));
                        }
                    }
                }
                Tri::Unknown { lacking, invalid } => {
                    if invalid != 0 {
                        t.invalid.push(row.number);
                    } else {
                        for c in 0..64_u8 {
                            if lacking & bit(c) == 0 {
                                continue;
                            }
                            match t.lacking.iter_mut().find(|(col, _)| *col == c) {
                                Some((_, rows)) => rows.push(row.number),
                                None => t.lacking.push((c, vec![row.number])),
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The `row` member: the spreadsheet's row number, when given as a whole number.
fn row_number(figures: &Figures) -> Option<u32> {
    let whole = Accept { whole: true, signed: false };
    let parsed = match figures.get("row")? {
        Value::Number(text) => number::parse_json_number_as(text, whole).ok()?,
        Value::Text(text) => number::parse_text_as(text, whole).ok()??,
        _ => return None,
    };
    u32::try_from(parsed.micros() / number::SCALE).ok().filter(|n| *n > 0)
}

/// A name cell: a text (trimmed) or a number as written; `None` when blank.
fn text_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Text(t) => Some(number::trim(t).to_owned()).filter(|t| !t.is_empty()),
        Value::Number(n) => Some(n.as_ref().to_owned()),
        _ => None,
    }
}

/// Two lists of row numbers in ascending order, as one (no sort is linked in).
fn merged(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        if x <= y {
            out.push(x);
            i += 1;
        } else {
            out.push(y);
            j += 1;
        }
    }
    out.extend(a.get(i..).unwrap_or_default());
    out.extend(b.get(j..).unwrap_or_default());
    out
}

/// A list of row numbers for a message: the first ones, and how many more.
fn rows_arg(rows: &[u32]) -> Arg {
    let mut items: Vec<Arg> = rows.iter().take(LISTED).map(|r| Arg::Int(*r)).collect();
    if rows.len() > LISTED {
        items.push(Arg::Msg(Box::new(Message::new(msg::ROSTER_MORE.index, vec![Arg::Grouped(int_text((rows.len() - LISTED) as u128))]))));
    }
    Arg::List(items)
}

/// A list of enterprises for a message, with how many more there are.
fn names_arg(mut listed: Vec<Arg>, total: usize) -> Arg {
    if total > listed.len() {
        listed.push(Arg::Msg(Box::new(Message::new(msg::ROSTER_MORE.index, vec![Arg::Grouped(int_text((total - listed.len()) as u128))]))));
    }
    Arg::List(listed)
}

/// What a derived figure came to.
enum Derived {
    Count(u64),
    Sum(Ratio),
}

/// One figure's trace, ready to write.
struct Trace {
    field: usize,
    key: String,
    value: Option<String>,
    exact: Option<Derived>,
    rows: Vec<u32>,
    outside: Vec<u32>,
    lacking: Vec<(String, Vec<u32>)>,
    invalid: Vec<u32>,
    messages: Vec<Message>,
}

/// How messages are written: as the compact form's messages (`{"t": …, "a": […]}`, for
/// the JavaScript wrapper to expand), or as sentences in both languages (native).
#[derive(Clone, Copy)]
enum Style {
    Compact,
    Texts(&'static ruleset::RulesetTexts),
}

fn push_message(out: &mut String, m: &Message, style: Style) {
    match style {
        Style::Compact => push_msg(out, m),
        Style::Texts(texts) => {
            let own = Own::default();
            out.push_str("{\"zh\":");
            push_str(out, &sentence(texts, m.template, &m.args, Lang::Zh, own));
            out.push_str(",\"en\":");
            push_str(out, &sentence(texts, m.template, &m.args, Lang::En, own));
            out.push('}');
        }
    }
}

fn push_rows(out: &mut String, rows: &[u32]) {
    out.push('[');
    for (i, r) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        number::push_int(out, u128::from(*r));
    }
    out.push(']');
}

fn push_issues(out: &mut String, issues: &[Issue], style: Style) {
    out.push('[');
    for (i, issue) in issues.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"row\":");
        match issue.row {
            Some(r) => number::push_int(out, u128::from(r)),
            None => out.push_str("null"),
        }
        out.push_str(",\"field\":");
        crate::json::push_opt(out, issue.field.as_deref());
        out.push_str(",\"code\":");
        push_str(out, issue.code);
        out.push_str(",\"message\":");
        push_message(out, &issue.message, style);
        out.push('}');
    }
    out.push(']');
}

/// A raw value written back as JSON (for the merged figures).
fn push_value(out: &mut String, value: &Value) {
    match value {
        Value::Null | Value::Object => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match n.as_ref() {
            // What JavaScript hands over as text for its non-finite numbers stays text.
            "NaN" | "Infinity" | "-Infinity" => push_str(out, n),
            n => out.push_str(n),
        },
        Value::Text(t) => push_str(out, t),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_value(out, item);
            }
            out.push(']');
        }
    }
}

impl Count<'_> {
    /// The traces of a group's figures, in the ruleset's field order; the rows they list are
    /// taken from the group's tallies.
    fn traces(&self, group: &mut Group) -> Vec<Trace> {
        let void: Vec<u32> = group.errors.iter().filter(|e| matches!(e.code, "duplicate_enterprise" | "no_enterprise")).filter_map(|e| e.row).collect();
        let mut out = Vec::with_capacity(self.roster.figures.len());
        for (figure, tally) in self.roster.figures.iter().zip(&mut group.tallies) {
            let Some(field) = self.ruleset.field(usize::from(figure.field)) else { continue };
            let label = Arg::Text(field.label);
            let key = input_key(field, 0, None);
            let invalid = merged(&tally.invalid, &void);
            let lacking: Vec<(String, Vec<u32>)> = tally
                .lacking
                .iter()
                .filter_map(|(c, rows)| Some((input_key(self.columns().field(usize::from(*c))?, 0, None), rows.clone())))
                .collect();
            let mut messages = Vec::new();
            let derived = tally.lacking.is_empty() && invalid.is_empty();
            let (value, exact) = if !derived {
                for (c, rows) in &tally.lacking {
                    messages.push(Message::new(
                        msg::ROSTER_LACKING.index,
                        vec![label.clone(), Arg::Grouped(int_text(rows.len() as u128)), self.label(*c), rows_arg(rows)],
                    ));
                }
                if !invalid.is_empty() {
                    messages.push(Message::new(msg::ROSTER_INVALID.index, vec![label.clone(), rows_arg(&invalid)]));
                }
                (None, None)
            } else {
                match figure.aggregate {
                    Aggregate::Count => {
                        let amount = amount_arg(int_text(u128::from(tally.count)), field, 0);
                        messages.push(if tally.count == 0 {
                            Message::new(msg::ROSTER_NONE.index, vec![label.clone(), amount])
                        } else {
                            Message::new(msg::ROSTER_COUNT.index, vec![label.clone(), amount, names_arg(core::mem::take(&mut tally.listed), tally.rows.len())])
                        });
                        (Some(int_text(u128::from(tally.count)).as_str().to_owned()), Some(Derived::Count(tally.count)))
                    }
                    Aggregate::Sum { .. } => {
                        let sum = tally.sum.unwrap_or(Ratio::int(0));
                        let plain = sum.cut(PLACES, false).unwrap_or_else(|| int_text(0));
                        let amount = amount_arg(plain, field, 0);
                        messages.push(if tally.rows.is_empty() {
                            Message::new(msg::ROSTER_NONE.index, vec![label.clone(), amount])
                        } else {
                            Message::new(msg::ROSTER_SUM.index, vec![label.clone(), amount, names_arg(core::mem::take(&mut tally.listed), tally.rows.len())])
                        });
                        (Some(plain.as_str().to_owned()), Some(Derived::Sum(sum)))
                    }
                }
            };
            if !tally.outside.is_empty() {
                messages.push(Message::new(msg::ROSTER_OUTSIDE.index, vec![names_arg(core::mem::take(&mut tally.outside_listed), tally.outside.len())]));
            }
            out.push(Trace {
                field: usize::from(figure.field),
                key,
                value,
                exact,
                rows: core::mem::take(&mut tally.rows),
                outside: core::mem::take(&mut tally.outside),
                lacking,
                invalid,
                messages,
            });
        }
        out
    }
}

/// Counts a roster (a JSON array of rows) for `ruleset`, and, when `figures` (a JSON array
/// of figures objects, or one object) are given, matches each cluster of the roster to the
/// figures of the same `name` and merges the derived figures into them.
/// `texts` says how messages are written: `true` as sentences, from the ruleset's texts (the
/// native report: only there are the texts linked in), else in the compact form.
pub(crate) fn roster_json(ruleset_id: &str, rows_json: &str, figures_json: Option<&str>, texts: Option<fn(&Ruleset) -> &'static ruleset::RulesetTexts>) -> Result<String, InputError> {
    let Some(ruleset) = ruleset::find(ruleset_id) else {
        // As the engine does for figures: said under the default ruleset, naming the field.
        let fallback = ruleset::default_ruleset();
        let style = texts.map_or(Style::Compact, |of| Style::Texts(of(fallback)));
        let known = crate::engine::ids(ruleset::RULESETS.iter().map(|r| r.id));
        let message = Message::new(msg::UNKNOWN_RULESET.index, vec![Arg::Str(Value::Text(ruleset_id.into()).shown()), known]);
        return Ok(refusal(fallback.id, Some("ruleset"), "unknown_ruleset", (message, style)));
    };
    let style = texts.map_or(Style::Compact, |of| Style::Texts(of(ruleset)));
    let Some(roster) = ruleset.roster else {
        return Ok(refusal(ruleset.id, None, "no_roster", (Message::new(msg::ROSTER_NO_ROSTER.index, vec![Arg::Str(ruleset.id.to_owned())]), style)));
    };
    let typed = match figures_json {
        Some(text) if !text.trim().is_empty() && text.trim() != "null" => Some(read_figures(text)?),
        _ => None,
    };
    let mut count = Count {
        ruleset,
        roster,
        groups: Vec::new(),
        by_name: BTreeMap::new(),
        errors: Vec::new(),
    };
    let mut reader = Reader::new(rows_json);
    let start = reader.begin(0)?;
    if start != Start::Array {
        return Err(crate::refuse(reader, start, InputError::NotAnArray));
    }
    let mut row = Figures::new();
    let mut index = 0;
    reader.items(|r| {
        match r.begin(1)? {
            Start::Object => {
                row.read(r, 1)?;
                count.row(index, &row);
            }
            start => {
                let value = Value::read(r, start, 1)?;
                let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
                count.errors.push(Issue {
                    row: Some(number),
                    field: None,
                    code: "not_an_object",
                    message: Message::new(
                        msg::ROSTER_NOT_AN_OBJECT.index,
                        vec![Arg::Int(number), Arg::Text(kind_word(&value).index), Arg::Str(value.shown())],
                    ),
                });
            }
        }
        index += 1;
        Ok(())
    })?;
    reader.end()?;
    Ok(write(count, typed.as_deref(), style))
}

/// The figures objects to merge into, as read.
fn read_figures(text: &str) -> Result<Vec<Record<'_>>, InputError> {
    let mut reader = Reader::new(text);
    let mut out = Vec::new();
    match reader.begin(0)? {
        Start::Object => {
            let mut f = Figures::new();
            f.read(&mut reader, 0)?;
            out.push(Record::Figures(f));
        }
        Start::Array => reader.items(|r| {
            match r.begin(1)? {
                Start::Object => {
                    let mut f = Figures::new();
                    f.read(r, 1)?;
                    out.push(Record::Figures(f));
                }
                start => out.push(Record::NotAnObject(Value::read(r, start, 1)?)),
            }
            Ok(())
        })?,
        start => return Err(crate::refuse(reader, start, InputError::NotAnArray)),
    }
    reader.end()?;
    Ok(out)
}

/// The answer for a ruleset that has no roster (or does not exist).
fn refusal(id: &str, field: Option<&str>, code: &str, (message, style): (Message, Style)) -> String {
    let mut out = String::from("{\"ruleset\":");
    push_str(&mut out, id);
    out.push_str(",\"clusters\":[],\"errors\":[{\"row\":null,\"field\":");
    match field {
        Some(f) => push_str(&mut out, f),
        None => out.push_str("null"),
    }
    out.push_str(",\"code\":");
    push_str(&mut out, code);
    out.push_str(",\"message\":");
    push_message(&mut out, &message, style);
    out.push_str("}]}");
    out
}

/// A typed value as the user wrote it: a text without quotes.
fn plain_text(value: &Value) -> String {
    match value {
        Value::Text(t) => number::trim(t).to_owned(),
        other => other.shown(),
    }
}

/// The cluster of the figures a group matches: the one of the same name; or, for a roster
/// that names no cluster, the only figures there are.
fn matched(group: &Group, typed: &[Record], one_group: bool) -> Option<usize> {
    let name_of = |r: &Record| match r {
        Record::Figures(f) => text_of(f.get("name")),
        Record::NotAnObject(_) => None,
    };
    match &group.name {
        Some(name) => typed.iter().position(|r| name_of(r).as_deref() == Some(name.as_str())),
        None if one_group && typed.len() == 1 && matches!(typed.first(), Some(Record::Figures(_))) => Some(0),
        None => None,
    }
}

fn write(mut count: Count, typed: Option<&[Record]>, style: Style) -> String {
    let ruleset = count.ruleset;
    let mut out = String::with_capacity(1024);
    out.push_str("{\"ruleset\":");
    push_str(&mut out, ruleset.id);
    out.push_str(",\"clusters\":[");
    // The groups' tallies are taken into their traces as each is written, not copied.
    let mut groups = core::mem::take(&mut count.groups);
    let one_group = groups.len() == 1;
    for (g, group) in groups.iter_mut().enumerate() {
        if g > 0 {
            out.push(',');
        }
        let traces = count.traces(group);
        let group = &*group;
        let matched = typed.and_then(|t| matched(group, t, one_group));
        let mut warnings: Vec<&Issue> = group.warnings.iter().collect();
        let mut extra_warnings: Vec<Issue> = Vec::new();
        let mut notes: Vec<Message> = count.roster.notes.iter().map(|&t| Message::new(msg::ROSTER_NOTE.index, vec![Arg::Text(t)])).collect();
        for derive in count.roster.derive {
            if group.derived_used & bit(derive.column) != 0 {
                notes.push(Message::new(
                    msg::ROSTER_APPLIED.index,
                    vec![count.label(derive.column), Arg::Text(derive.source), Arg::Text(derive.reading)],
                ));
            }
        }
        if let (Some(_), None) = (typed, matched) {
            let enterprises = Arg::Grouped(int_text(u128::from(group.rows)));
            // Rows that name no cluster, left unmatched (figures of several clusters, or other
            // rows naming theirs): no name to match by.
            let message = match &group.name {
                None => Message::new(msg::ROSTER_UNNAMED.index, vec![enterprises]),
                Some(name) => Message::new(msg::ROSTER_UNMATCHED.index, vec![Arg::Str(name.clone()), enterprises]),
            };
            extra_warnings.push(Issue {
                row: None,
                field: None,
                code: "unmatched_cluster",
                message,
            });
        }
        // The typed figures, as read, to compare with the derived ones.
        let typed_figures = matched.and_then(|m| match typed.and_then(|t| t.get(m)) {
            Some(Record::Figures(f)) => Some(f),
            _ => None,
        });
        let typed_eval = typed_figures.map(Evaluation::of);
        for trace in &traces {
            let (Some(eval), Some(figures), Some(exact)) = (&typed_eval, typed_figures, &trace.exact) else { continue };
            let Some(field) = ruleset.field(trace.field) else { continue };
            let Some(given) = eval.base_amount(trace.field) else { continue };
            let derived = match exact {
                Derived::Count(n) => Ratio::int(i128::from(*n)),
                Derived::Sum(r) => *r,
            };
            let shown_typed = figures
                .iter()
                .find(|(k, v)| !v.is_blank() && crate::ruleset::lookup(ruleset, k).is_some_and(|f| f.field == trace.field))
                .map(|(k, v)| (k.to_owned(), plain_text(v)));
            let Some((typed_key, typed_text)) = shown_typed else { continue };
            let amount = amount_arg(derived.cut(PLACES, false).unwrap_or_else(|| int_text(0)), field, 0);
            if given.is_some_and(|g| g.compare(derived) == Some(Ordering::Equal)) {
                notes.push(Message::new(msg::ROSTER_AGREES.index, vec![Arg::Text(field.label), Arg::Str(typed_text)]));
            } else {
                extra_warnings.push(Issue {
                    row: None,
                    field: Some(typed_key.clone()),
                    code: "roster_differs",
                    message: Message::new(msg::ROSTER_DIFFERS.index, vec![Arg::Text(field.label), Arg::Str(typed_key), Arg::Str(typed_text), amount]),
                });
            }
        }
        warnings.extend(extra_warnings.iter());

        out.push_str("{\"cluster\":");
        crate::json::push_opt(&mut out, group.name.as_deref());
        out.push_str(",\"matched\":");
        match matched {
            Some(m) => number::push_int(&mut out, m as u128),
            None => out.push_str("null"),
        }
        out.push_str(",\"enterprises\":");
        number::push_int(&mut out, u128::from(group.rows));
        // The derived figures alone.
        out.push_str(",\"derived\":{");
        let mut first = true;
        for trace in &traces {
            if let Some(value) = &trace.value {
                push_key(&mut out, &trace.key, first);
                first = false;
                push_derived(&mut out, trace, value);
            }
        }
        // The figures to judge: the typed ones with the derived in place of theirs.
        out.push_str("},\"figures\":{");
        let mut first = true;
        if ruleset.id != ruleset::default_ruleset().id && typed_figures.map_or(true, |f| f.get("ruleset").is_none()) {
            push_key(&mut out, "ruleset", first);
            first = false;
            push_str(&mut out, ruleset.id);
        }
        match typed_figures {
            Some(figures) => {
                for (key, value) in figures.iter() {
                    let replaced = crate::ruleset::lookup(ruleset, key).is_some_and(|f| traces.iter().any(|t| t.field == f.field && t.value.is_some()));
                    if replaced {
                        continue;
                    }
                    push_key(&mut out, key, first);
                    first = false;
                    push_value(&mut out, value);
                }
            }
            None => {
                if let Some(name) = &group.name {
                    push_key(&mut out, "name", first);
                    first = false;
                    push_str(&mut out, name);
                }
            }
        }
        for trace in &traces {
            if let Some(value) = &trace.value {
                push_key(&mut out, &trace.key, first);
                first = false;
                push_derived(&mut out, trace, value);
            }
        }
        out.push_str("},\"traces\":[");
        for (t, trace) in traces.iter().enumerate() {
            if t > 0 {
                out.push(',');
            }
            out.push_str("{\"field\":");
            push_str(&mut out, &trace.key);
            out.push_str(",\"value\":");
            match &trace.value {
                Some(v) => push_derived(&mut out, trace, v),
                None => out.push_str("null"),
            }
            out.push_str(",\"rows\":");
            push_rows(&mut out, &trace.rows);
            out.push_str(",\"outside\":");
            push_rows(&mut out, &trace.outside);
            out.push_str(",\"lacking\":[");
            for (l, (column, rows)) in trace.lacking.iter().enumerate() {
                if l > 0 {
                    out.push(',');
                }
                out.push_str("{\"column\":");
                push_str(&mut out, column);
                out.push_str(",\"rows\":");
                push_rows(&mut out, rows);
                out.push('}');
            }
            out.push_str("],\"invalid\":");
            push_rows(&mut out, &trace.invalid);
            out.push_str(",\"messages\":[");
            for (m, message) in trace.messages.iter().enumerate() {
                if m > 0 {
                    out.push(',');
                }
                push_message(&mut out, message, style);
            }
            out.push_str("]}");
        }
        out.push_str("],\"errors\":");
        push_issues(&mut out, &group.errors, style);
        out.push_str(",\"warnings\":");
        let owned: Vec<Issue> = warnings
            .iter()
            .map(|w| Issue {
                row: w.row,
                field: w.field.clone(),
                code: w.code,
                message: w.message.clone(),
            })
            .collect();
        push_issues(&mut out, &owned, style);
        out.push_str(",\"notes\":[");
        for (n, note) in notes.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            push_message(&mut out, note, style);
        }
        out.push_str("]}");
    }
    out.push_str("],\"errors\":");
    push_issues(&mut out, &count.errors, style);
    out.push('}');
    out
}

/// A derived value as the figures take it: a count as a number, a sum as exact decimal text.
fn push_derived(out: &mut String, trace: &Trace, value: &str) {
    match trace.exact {
        Some(Derived::Count(_)) => out.push_str(value),
        _ => push_str(out, value),
    }
}
