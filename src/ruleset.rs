//! The rulesets built in: static tables generated at build time from the ruleset files
//! (`build.rs`, with `cluster-check-model`), and how an input key finds its field.

pub use cluster_check_model::tables::*;

#[allow(clippy::unreadable_literal)]
mod generated {
    use cluster_check_model::number::Dec;
    use cluster_check_model::tables::*;

    include!(concat!(env!("OUT_DIR"), "/rulesets.rs"));
}

pub use generated::{MAX_SLOTS, RULESETS, RULESET_TEXTS};

/// A set of small indexes — fields of a ruleset, values of a set field, positions among
/// what a check reads — in one word (the schema allows at most 64 of any).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Bits(u64);

impl Bits {
    /// Just `index`.
    pub fn one(index: usize) -> Bits {
        Bits::default().with(index)
    }

    /// This set and `index`.
    pub fn with(self, index: usize) -> Bits {
        let bit = u32::try_from(index).ok().and_then(|i| 1_u64.checked_shl(i)).unwrap_or(0);
        Bits(self.0 | bit)
    }

    /// Whether `index` is in the set.
    pub fn contains(self, index: usize) -> bool {
        u32::try_from(index).ok().and_then(|i| self.0.checked_shr(i)).is_some_and(|b| b & 1 == 1)
    }

    /// How many indexes are in the set.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The indexes, in ascending order.
    pub fn iter(self) -> impl Iterator<Item = usize> + Clone {
        let mut rest = self.0;
        core::iter::from_fn(move || {
            let index = rest.trailing_zeros() as usize;
            rest &= rest.wrapping_sub(1);
            (index < 64).then_some(index)
        })
    }
}

/// What an input key names: a field, the unit it is given in (index among the field's
/// keyed units), and for a per-year field the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Key {
    /// Field index.
    pub field: usize,
    /// Unit index.
    pub unit: usize,
    /// The year of a per-year figure.
    pub year: Option<u32>,
}

/// A year as a key ends with it: four digits, not beginning with 0.
fn year_of(text: &str) -> Option<u32> {
    let bytes = text.as_bytes();
    if bytes.len() != 4 || bytes.first() == Some(&b'0') || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    text.parse().ok()
}

/// The field, unit and year an input key names in `ruleset`.
pub(crate) fn lookup(ruleset: &Ruleset, key: &str) -> Option<Key> {
    let candidates = Bits(ruleset.initials.get(initial_slot(key.as_bytes())).copied().unwrap_or(0));
    candidates.iter().find_map(|index| {
        let field = ruleset.fields.get(index)?;
        let rest = key.strip_prefix(field.key)?;
        // A per-year figure ends in `_{year}`.
        let (rest, year) = if field.years > 0 {
            let (head, year) = rest.rsplit_once('_')?;
            (head, Some(year_of(year)?))
        } else {
            (rest, None)
        };
        if field.units.is_empty() {
            return rest.is_empty().then_some(Key { field: index, unit: 0, year });
        }
        let suffix = rest.strip_prefix('_')?;
        let unit = field.units.iter().position(|u| u.suffix == suffix)?;
        Some(Key { field: index, unit, year })
    })
}

/// The ruleset with this id.
pub fn find(id: &str) -> Option<&'static Ruleset> {
    RULESETS.iter().copied().find(|r| r.id == id)
}

/// The ruleset used when figures name none.
pub fn default_ruleset() -> &'static Ruleset {
    RULESETS.get(generated::DEFAULT_INDEX).copied().unwrap_or(&EMPTY)
}

/// The texts of a ruleset, for the native report.
pub fn texts_of(ruleset: &Ruleset) -> &'static RulesetTexts {
    RULESETS
        .iter()
        .position(|r| r.id == ruleset.id)
        .and_then(|i| RULESET_TEXTS.get(i).copied())
        .unwrap_or(&NO_TEXTS)
}

/// Only reachable if the build had no ruleset, which it refuses.
static EMPTY: Ruleset = Ruleset {
    roster: None,
    id: "",
    fields: &[],
    slots: 0,
    initials: [0; 64],
    conditions: &[],
    tiers: &[],
    messages: Messages {
        missing: Template { index: 0, params: &[] },
        invalid: Template { index: 0, params: &[] },
        tier_boundary: None,
        implausible: None,
    },
    texts: 0,
};

static NO_TEXTS: RulesetTexts = RulesetTexts {
    id: "",
    document: "",
    issued: "",
    title: Text { zh: "", en: "" },
    texts: &[],
    templates: &[],
    join: Text { zh: "、", en: ", " },
    conditions: &[],
    notes: &[],
    keys: &[],
};

/// The input key of a field given in one of its units (`land_area_mu`), and for a per-year
/// figure its year (`output_wan_2024`).
pub(crate) fn input_key(field: &Field, unit: usize, year: Option<u32>) -> String {
    let mut key = String::with_capacity(field.key.len() + 10);
    key.push_str(field.key);
    if let Some(u) = field.units.get(unit) {
        key.push('_');
        key.push_str(u.suffix);
    }
    if let Some(year) = year {
        key.push('_');
        crate::number::push_int(&mut key, u128::from(year));
    }
    key
}
