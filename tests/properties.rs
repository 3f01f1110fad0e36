//! Properties that must hold for any input: nothing panics, statuses obey the precedence
//! rules of the interface, and verdicts agree with exact arithmetic done another way.

// Test code may fail loudly: the no-panic lints are for the library.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use cluster_check::{evaluate, evaluate_with, Figures, Options, Report, Status, Value, Verdict};
use proptest::prelude::*;

const KEYS: &[&str] = &[
    "ruleset", "name", "year", "defined_area", "coordination_body", "development_plan", "policy_support",
    "leading_enterprises", "related_smes", "land_area_ha", "land_area_mu", "building_footprint_ha",
    "building_footprint_mu", "fixed_investment_wan", "revenue_wan", "leading_industry_revenue_wan",
    "rd_expense_wan", "audit_required", "audit_completed", "service_functions", "provincial_platform",
    "startup_base", "revenue", "land_area_acre",
];

fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,16}(\\.[0-9]{1,9})?",
        "-?[0-9]{0,4}[.,][0-9]{0,4}",
        "[0-9]{1,3}(,[0-9]{3}){0,5}(\\.[0-9]{1,7})?",
        "[０-９]{1,6}(．[０-９]{1,3})?",
        "-?[0-9]{1,3}(\\.[0-9]{1,3})?[eE][-+]?[0-9]{1,20}",
        Just("NaN".to_owned()),
        Just("Infinity".to_owned()),
        Just("-Infinity".to_owned()),
        ".{0,12}",
    ]
}

fn value() -> impl Strategy<Value = Value<'static>> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number_text().prop_map(|s| Value::Number(s.into())),
        number_text().prop_map(|s| Value::Text(s.into())),
        Just(Value::Object),
        prop::sample::select(vec!["rd_design", "testing", "training", "consulting", "ip", "financing", "exhibition", "logistics", "cooking", ""])
            .prop_map(|s| Value::Text(s.into())),
    ];
    leaf.prop_recursive(2, 12, 9, |inner| prop::collection::vec(inner, 0..9).prop_map(Value::List))
}

fn figures() -> impl Strategy<Value = Figures<'static>> {
    prop::collection::vec((prop::sample::select(KEYS), value()), 0..24).prop_map(|pairs| {
        let mut f = Figures::new();
        for (k, v) in pairs {
            f.set(k, v);
        }
        f
    })
}

fn rank(s: Status) -> u8 {
    match s {
        Status::Met => 0,
        Status::Missing => 1,
        Status::Invalid => 2,
        Status::NotMet => 3,
    }
}

fn check_precedence(report: &Report) -> Result<(), TestCaseError> {
    for condition in &report.conditions {
        let worst = condition.checks.iter().map(|c| c.status).max_by_key(|s| rank(*s)).unwrap_or(Status::Met);
        prop_assert_eq!(condition.status, worst, "condition {}", condition.id);
        for check in &condition.checks {
            let judged = matches!(check.status, Status::Met | Status::NotMet);
            prop_assert!(check.gap.is_none() || check.status == Status::NotMet, "gap only when not met: {}", check.id);
            prop_assert_eq!(check.gap.is_some(), check.gap_field.is_some(), "gap and gap_field together: {}", check.id);
            if !judged {
                prop_assert!(check.value.is_none(), "no value when {:?}: {}", check.status, check.id);
            }
            prop_assert!(!check.explanation.zh.is_empty() && !check.explanation.en.is_empty());
            prop_assert!(!check.explanation.zh.contains('{') && !check.explanation.en.contains('{'), "unfilled placeholder in {}", check.id);
        }
    }
    let statuses: Vec<Status> = report.conditions.iter().map(|c| c.status).collect();
    let expected = if statuses.contains(&Status::NotMet) {
        Verdict::NotMet
    } else if statuses.iter().all(|s| *s == Status::Met) {
        Verdict::Met
    } else {
        Verdict::Incomplete
    };
    prop_assert_eq!(report.status, expected);
    prop_assert_eq!(report.eligible, expected == Verdict::Met);
    prop_assert_eq!(report.conditions.len(), 6);
    // An invalid check always has an error to point at.
    let any_invalid = report.conditions.iter().flat_map(|c| &c.checks).any(|c| c.status == Status::Invalid);
    prop_assert!(!any_invalid || !report.errors.is_empty());
    for error in &report.errors {
        prop_assert!(!error.message.zh.is_empty() && !error.message.en.is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn any_figures_give_a_consistent_report(f in figures()) {
        let report = evaluate(&f);
        check_precedence(&report)?;
        prop_assert!(serde_json::to_string(&report).is_ok());
    }

    /// Valid amounts: the R&D verdict agrees with integer cross-multiplication done here,
    /// and adding the gap really meets the threshold.
    #[test]
    fn rd_ratio_is_exact(revenue in 1u64..=1_000_000_000_000_000u64, rd in 0u64..=1_000_000_000_000_000u64) {
        let text = |micros: u64| format!("{}.{:06}", micros / 1_000_000, micros % 1_000_000);
        let f = Figures::new()
            .with("revenue_wan", Value::Text(text(revenue).into()))
            .with("rd_expense_wan", Value::Text(text(rd).into()));
        let report = evaluate(&f);
        let check = report.check("rd_ratio").unwrap();
        let met = u128::from(rd) * 100 >= u128::from(revenue);
        prop_assert_eq!(check.status, if met { Status::Met } else { Status::NotMet });
        if let Some(gap) = &check.gap {
            let gap_micros: u128 = {
                let (int, frac) = gap.split_once('.').unwrap_or((gap, ""));
                int.parse::<u128>().unwrap() * 1_000_000 + format!("{frac:0<6}").parse::<u128>().unwrap()
            };
            prop_assert!((u128::from(rd) + gap_micros) * 100 >= u128::from(revenue), "gap {} too small", gap);
            prop_assert!((u128::from(rd) + gap_micros - 1) * 100 < u128::from(revenue), "gap {} not the smallest", gap);
        }
    }

    /// Land in 亩 and footprint in 公顷 (or the reverse): the verdict matches
    /// footprint_ha × 2 ≥ land_ha computed in whole millionths of a mu.
    #[test]
    fn density_across_units(land_mu in 1u64..=10_000_000_000u64, fp_ha in 0u64..=1_000_000_000u64) {
        let text = |micros: u64| format!("{}.{:06}", micros / 1_000_000, micros % 1_000_000);
        let f = Figures::new()
            .with("land_area_mu", Value::Text(text(land_mu).into()))
            .with("building_footprint_ha", Value::Text(text(fp_ha).into()));
        let report = evaluate(&f);
        let check = report.check("building_density").unwrap();
        // footprint / land ≥ 1/2  ⇔  fp_ha·15·2 ≥ land_mu (both in millionths).
        let over = u128::from(fp_ha) * 15 > u128::from(land_mu);
        let expected = if over { Status::Invalid } else if u128::from(fp_ha) * 30 >= u128::from(land_mu) { Status::Met } else { Status::NotMet };
        prop_assert_eq!(check.status, expected);
        if let Some(value) = &check.value {
            let places = value.split_once('.').map_or(0, |(_, f)| f.len());
            prop_assert!(places <= 4, "value {} has more than 4 places", value);
        }
    }

    /// The joint plan: when it says the numeric checks are met after it, the figures with
    /// its additions (each `to` as the figure) meet every numeric check, and have no plan left.
    #[test]
    fn plan_meets_what_it_says(
        henan in prop::bool::ANY,
        amounts in prop::collection::vec(prop::option::weighted(0.9, (0u64..=400_000_000_000u64, 0u32..=6)), 9),
        mu in prop::collection::vec(prop::bool::ANY, 2),
    ) {
        let text = |(micros, places): (u64, u32)| {
            let step = 10u64.pow(6 - places);
            let m = micros / step * step;
            format!("{}.{:06}", m / 1_000_000, m % 1_000_000)
        };
        let count = |(micros, _): (u64, u32)| Value::Number((micros % 40).to_string().into());
        let mut f = Figures::new();
        let numeric: &[&str] = if henan {
            let keys = [
                if mu[0] { "land_area_mu" } else { "land_area_ha" },
                if mu[1] { "building_footprint_mu" } else { "building_footprint_ha" },
                "fixed_investment_wan", "revenue_wan", "leading_industry_revenue_wan", "rd_expense_wan",
            ];
            for (key, amount) in keys.iter().zip(&amounts) {
                if let Some(a) = amount {
                    f.set(*key, Value::Text(text(*a).into()));
                }
            }
            for (key, amount) in ["leading_enterprises", "related_smes", "audit_completed"].iter().zip(&amounts[6..]) {
                if let Some(a) = amount {
                    f.set(*key, count(*a));
                }
            }
            f.set("audit_required", Value::Number("9".into()));
            &["leading_enterprises", "related_smes", "building_density", "investment_intensity", "revenue", "leading_industry_share", "rd_ratio", "audit_rate"]
        } else {
            f.set("ruleset", Value::Text("miit-2022-core".into()));
            f.set("year", Value::Number("2024".into()));
            let keys = ["output_wan_2022", "output_wan_2023", "output_wan_2024", "sme_output_wan", "leading_industry_output_wan", "area_km2"];
            for (key, amount) in keys.iter().zip(&amounts) {
                if let Some(a) = amount {
                    f.set(*key, Value::Text(text(*a).into()));
                }
            }
            for (key, amount) in ["top_enterprises", "certified_smes"].iter().zip(&amounts[6..]) {
                if let Some(a) = amount {
                    f.set(*key, count(*a));
                }
            }
            &["output_each_year", "sme_output_share", "leading_industry_share", "output_growth", "area", "quality_smes"]
        };
        let report = evaluate_with(&f, Options { plan: true });
        let plan = report.plan.clone().unwrap();
        prop_assert_eq!(plan.met_after, plan.remaining.is_empty());
        for a in &plan.additions {
            prop_assert!(!a.add.starts_with('-') && a.add != "0", "addition {} to {}", a.add, a.field);
        }
        if plan.met_after {
            let mut after = f.clone();
            for a in &plan.additions {
                after.set(a.field.clone(), Value::Text(a.to.clone().into()));
            }
            let again = evaluate_with(&after, Options { plan: true });
            for id in numeric {
                prop_assert_eq!(again.check(id).unwrap().status, Status::Met, "{} after the plan {:?}", id, plan.additions);
            }
            let left = again.plan.unwrap();
            prop_assert!(left.additions.is_empty() && left.met_after, "a plan after the plan: {:?}", left);
        }
        // Without the option, no plan.
        prop_assert!(evaluate(&f).plan.is_none());
    }
}
