//! The joint plan (达标方案): from the figures as given, every unmet numeric check's gap is
//! added at once (the largest where several want the same figure; a numerator that is part
//! of its denominator raises the denominator by as much, as the ruleset's
//! `gap_grows_denominator` says), the checks are judged again, and so on until every
//! numeric check is met or no figure can move. Nothing here names a field or a check: what
//! moves is what the checks' gaps name.

use super::{base_value, Evaluation, Reading, Status};
use crate::number::{Dec, MAX_UNITS, SCALE};
use crate::ruleset::{Compare, Rule, MAX_SLOTS};

/// The most rounds of a plan.
const ROUNDS: usize = 16;

/// A plan worked out: the readings as given (the evaluation's are then the plan's), and
/// the numeric checks not met with the plan, by their index among the ruleset's checks.
pub(crate) struct Trial {
    given: [Reading; MAX_SLOTS],
    pub remaining: Vec<usize>,
}

/// Whether a check compares a number (`Some`), and then whether adding to a figure can meet
/// it (a lower bound).
fn raises(rule: &Rule) -> Option<bool> {
    match *rule {
        Rule::Threshold { compare, .. } | Rule::Ratio { compare, .. } | Rule::EachYear { compare, .. } | Rule::Growth { compare, .. } => {
            Some(!compare.is_upper())
        }
        Rule::AnyCount { .. } => Some(true),
        _ => None,
    }
}

impl Evaluation<'_> {
    /// Works out the joint plan of these figures (see the module's text). Call it once all
    /// else is written: the readings become the plan's, and what the rounds find (errors,
    /// warnings) is the plan's own.
    pub fn plan(&mut self) -> Trial {
        let given = self.readings;
        let mut remaining = Vec::new();
        for round in 0..=ROUNDS {
            remaining.clear();
            // Per reading, the largest addition wanted this round, in millionths of its unit.
            let mut wants = [0_i128; MAX_SLOTS];
            for (at, check) in self.ruleset.checks().enumerate() {
                let Some(raises) = raises(&check.rule) else { continue };
                let o = self.check(check);
                if o.status == Status::Met {
                    continue;
                }
                remaining.push(at);
                let Some(gap) = o.gap.filter(|_| raises && o.status == Status::NotMet) else { continue };
                self.want(&mut wants, gap.field, gap.year, gap.micros);
                if let Rule::Ratio { denominator, gap_grows_denominator: true, .. } = check.rule {
                    // The same amount, in the unit the denominator is given in.
                    let den = usize::from(denominator);
                    let grown = self.ruleset.field(gap.field).and_then(|f| base_value(f, Dec::from_micros(gap.micros), gap.unit));
                    if let (Some(grown), Reading::Amount { unit, .. }) = (grown, self.reading(den, 0)) {
                        if let Some(g) = self.gap(den, unit, None, grown, Compare::AtLeast) {
                            self.want(&mut wants, den, self.year_of(den, 0), g.micros);
                        }
                    }
                }
            }
            // Adds what is wanted to the readings that can take it, until none moves.
            let mut moved = false;
            for (reading, &want) in self.readings.iter_mut().zip(&wants) {
                if let (Reading::Amount { value, unit }, true) = (*reading, want > 0) {
                    if let Some(to) = value.micros().checked_add(want).filter(|&to| to <= MAX_UNITS * SCALE) {
                        *reading = Reading::Amount { value: Dec::from_micros(to), unit };
                        moved = true;
                    }
                }
            }
            if round == ROUNDS || !moved {
                break;
            }
        }
        Trial { given, remaining }
    }

    /// Wants `micros` more of a field's reading (of `year` for a per-year field).
    fn want(&self, wants: &mut [i128; MAX_SLOTS], field: usize, year: Option<u32>, micros: i128) {
        let slot = self.ruleset.field(field).and_then(|f| self.slot_of(f, year));
        if let Some(want) = slot.and_then(|s| wants.get_mut(s)) {
            *want = (*want).max(micros);
        }
    }

    /// Hands each addition of a worked-out plan to `each`, in the order of the fields (a
    /// per-year field's earliest year first): field, the unit it is given in, its year, the
    /// figure as given and as planned.
    pub fn additions(&self, trial: &Trial, mut each: impl FnMut(usize, usize, Option<u32>, Dec, Dec)) {
        for (index, field) in self.ruleset.fields.iter().enumerate() {
            for back in (0..field.slots()).rev() {
                let slot = usize::from(field.slot) + back;
                if let (Some(Reading::Amount { value: from, unit }), Some(Reading::Amount { value: to, .. })) = (trial.given.get(slot), self.readings.get(slot)) {
                    if from != to {
                        each(index, *unit, self.year_of(index, back), *from, *to);
                    }
                }
            }
        }
    }
}
