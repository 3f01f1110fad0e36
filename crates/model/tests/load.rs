//! Reading ruleset files: the shipped ones load, and a broken file is refused with every
//! problem at once, each with its line and what is wrong.
#![cfg(feature = "load")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use cluster_check_model::load::{load, Diagnostic};

const HENAN: &str = include_str!("../../../src/rulesets/henan-2014.toml");

/// The problems of the Henan file with `from` replaced by `to` (each pair once).
fn broken(edits: &[(&str, &str)]) -> Vec<Diagnostic> {
    let mut text = HENAN.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "test edit not found: {from}");
        text = text.replacen(from, to, 1);
    }
    load("henan-2014.toml", &text).expect_err("a broken file must be refused").0
}

fn line_of(needle: &str) -> usize {
    HENAN.find(needle).map(|at| HENAN[..at].matches('\n').count() + 1).expect("needle in the file")
}

fn has(problems: &[Diagnostic], words: &[&str]) -> bool {
    problems.iter().any(|p| words.iter().all(|w| p.to_string().contains(w)))
}

#[test]
fn the_shipped_file_loads() {
    let r = load("henan-2014.toml", HENAN).unwrap();
    assert_eq!(r.def.conditions.len(), 6);
    assert_eq!(r.def.conditions.iter().map(|c| c.checks.len()).sum::<usize>(), 14);
    // The groups of the form come from the conditions: each field under the first that reads it.
    let groups: Vec<(&str, usize)> = r.groups.iter().map(|g| (g.id.as_str(), g.fields.len())).collect();
    assert_eq!(
        groups,
        [("management", 4), ("agglomeration", 5), ("competitiveness", 2), ("innovation", 1), ("green", 2), ("public_service", 3)]
    );
}

#[test]
fn every_problem_at_once_with_its_line() {
    let problems = broken(&[
        ("citation = \"研发投入占营业收入的比重不低于1%\"", "citation = \"研发投入占营业收入的比重不低于2%\""),
        ("rule = \"all_of\"", "rule = \"most_of\""),
        ("numerator = \"rd_expense\"", "numerator = \"rd_expenses\""),
        ("percent = true\nunit", "percnt = true\nunit"),
    ]);
    assert!(problems.len() >= 4, "{problems:#?}");
    assert!(has(&problems, &["rd_ratio", "verbatim"]));
    assert!(has(&problems, &["most_of"]));
    assert!(has(&problems, &["rd_expenses", "did you mean \"rd_expense\""]));
    assert!(has(&problems, &["unknown key \"percnt\"", "did you mean \"percent\""]));
    // Each names the file and the line it is on.
    let citation = problems.iter().find(|p| p.message.contains("verbatim")).unwrap();
    assert_eq!(citation.file, "henan-2014.toml");
    assert_eq!(citation.line, line_of("citation = \"研发投入占营业收入的比重不低于1%\""));
    assert!(citation.to_string().starts_with(&format!("henan-2014.toml:{}:", citation.line)));
}

#[test]
fn refuses_toml_that_is_not_a_ruleset() {
    let syntax = load("x.toml", "id = ").unwrap_err().0;
    assert_eq!(syntax[0].line, 1);
    assert!(syntax[0].place.contains("syntax"));
    let shape = load("x.toml", "id = \"x\"").unwrap_err().0;
    assert!(has(&shape, &["document is required"]));
    assert!(has(&shape, &["fields"]));
    assert!(has(&shape, &["conditions"]));
}

#[test]
fn refuses_unknown_fields_kinds_and_placeholders() {
    let problems = broken(&[
        ("低于 {threshold}%；按现有营业收入", "低于 {limit}%；按现有营业收入"),
        ("field = \"defined_area\"", "field = \"revenue\""),
        ("kind = \"set\"", "kind = \"sett\""),
    ]);
    assert!(has(&problems, &["{limit}", "allowed here"]));
    assert!(has(&problems, &["field \"revenue\" is a Decimal", "Bool"]));
    assert!(has(&problems, &["sett"]));
}

#[test]
fn refuses_bad_thresholds_tiers_and_comparisons() {
    let problems = broken(&[
        ("threshold = \"65\"", "threshold = \"sixty-five\""),
        ("threshold = \"500000\"", "threshold = \"5000000\""),
        ("compare = \">\"", "compare = \"=>\""),
    ]);
    assert!(has(&problems, &["sixty-five", "plain decimal"]));
    assert!(has(&problems, &["highest threshold down"]));
    assert!(has(&problems, &["=>"]));
    let share = broken(&[("threshold = \"65\"", "threshold = \"100\"")]);
    assert!(has(&share, &["below 100"]));
    // A float in the file is binary already: thresholds are written as text.
    let float = broken(&[("threshold = \"65\"", "threshold = 65.0")]);
    assert!(has(&float, &["expected a string, found a float"]));
}

#[test]
fn refuses_units_that_cannot_be_converted_exactly() {
    let problems = broken(&[
        ("{ id = \"mu\", zh = \"亩\", en = \"mu\", factor = \"1/15\", places = 2 }", "{ id = \"mu\", zh = \"亩\", en = \"mu\", factor = \"0\", places = 2 }"),
        ("{ id = \"yi\", zh = \"亿元\", en = \"yi yuan\", factor = \"10000\", key = false, places = 4 }", "{ id = \"yi\", zh = \"亿元\", en = \"yi yuan\", factor = \"1/3\", key = false, places = 7 }"),
    ]);
    assert!(has(&problems, &["factor \"0\""]));
    assert!(has(&problems, &["entry only", "decimal factor"]));
    // Shown decimals go no finer than the engine's millionths.
    assert!(has(&problems, &["places must be between 0 and 6"]));
}

#[test]
fn refuses_more_fields_than_the_engine_holds() {
    let extra: String = (0..48)
        .map(|i| format!("\n[[fields]]\nkey = \"extra_{i}\"\nkind = \"bool\"\nlabel = {{ zh = \"x\", en = \"x\" }}\n"))
        .collect();
    let problems = load("henan-2014.toml", &(HENAN.replacen("\n[[conditions]]", &(extra + "\n[[conditions]]"), 1))).unwrap_err().0;
    assert!(has(&problems, &["at most 64 fields"]));
}

#[test]
fn refuses_duplicates_and_missing_codes() {
    let problems = broken(&[("id = \"related_smes\"", "id = \"leading_enterprises\""), ("zero_error = \"zero_land\"\n", "")]);
    assert!(has(&problems, &["used twice"]));
    assert!(has(&problems, &["zero_error"]));
}

#[test]
fn refuses_plausibility_bounds_that_cannot_work() {
    // A check's bound at or below its threshold would warn about every result that meets it.
    let low = broken(&[("plausible_max = \"100\"\n", "plausible_max = \"1\"\n")]);
    assert!(has(&low, &["rd_ratio", "plausible_max must be above the threshold"]));
    // The bound and its warning go together.
    let alone = broken(&[("plausible_max = \"100\"\nimplausible = ", "plausible_max = \"100\"\nimplausible_x = ")]);
    assert!(has(&alone, &["plausible_max and implausible go together"]));
    // A threshold check has no check-level bound (its field has one).
    let threshold = broken(&[("field = \"revenue\"\ncompare = \">=\"\n", "field = \"revenue\"\ncompare = \">=\"\nplausible_max = \"300000\"\nimplausible = { zh = \"x\", en = \"x\" }\n")]);
    assert!(has(&threshold, &["for a ratio or a growth check"]));
    // The field warning names {hint}: a field with a plausible limit needs its hint, and a
    // hint without a limit is a mistake.
    let no_hint = broken(&[("plausible_hint = { zh = \"把元当成了万元\", en = \"yuan entered as wan yuan\" }\n", "")]);
    assert!(has(&no_hint, &["needs plausible_hint"]));
    let stray = broken(&[("key = \"policy_support\"\n", "key = \"policy_support\"\nplausible_hint = { zh = \"x\", en = \"x\" }\n")]);
    assert!(has(&stray, &["plausible_hint is for a field with plausible_max"]));
    // at_threshold is for a band that needs more than its threshold.
    let inclusive = broken(&[("id = \"over_20yi\"\ncompare = \">\"", "id = \"over_20yi\"\ncompare = \">=\"")]);
    assert!(has(&inclusive, &["at_threshold is for a band"]));
}

#[test]
fn the_roster_examples_load_and_reach_the_catalog() {
    let r = load("henan-2014.toml", HENAN).unwrap();
    let roster = r.def.roster.as_ref().unwrap();
    assert_eq!(roster.examples.len(), 5);
    let catalog = cluster_check_model::emit::catalog::catalog(&r);
    let examples = catalog["roster"]["examples"].as_array().unwrap();
    assert_eq!(examples.len(), 5);
    // Amounts stay exact text, counts numbers, yes/no booleans; a blank cell is a key left out.
    let second = &examples[1]["row"];
    assert_eq!(second["enterprise"], "乙零部件有限公司");
    assert_eq!(second["main_business_revenue_wan"], "5000");
    assert_eq!(second["employees"], 210);
    assert_eq!(second["leading_industry"], true);
    assert!(second.get("audit_completed").is_none());
    assert!(examples[1]["note"]["zh"].as_str().unwrap().contains("5000"));
}

#[test]
fn refuses_bad_roster_examples_all_at_once_with_their_lines() {
    let first = "row = { enterprise = \"甲装备制造有限公司\", main_business_revenue_wan = \"6200\"";
    let problems = broken(&[
        // An unknown column, close to a known key.
        (first, "row = { enterprise = \"甲装备制造有限公司\", main_busines_revenue_wan = \"6200\""),
        // An amount as a TOML number (binary, not the decimal written), a yes/no as text.
        ("operating_revenue_wan = \"5000\", leading_industry = true", "operating_revenue_wan = 5000, leading_industry = \"是\""),
        // A count that is not whole.
        ("employees = 150", "employees = 150.5"),
        // The same enterprise twice.
        ("enterprise = \"丁重工集团有限公司\"", "enterprise = \"丙包装材料有限公司\""),
        // No name.
        ("row = { enterprise = \"戊物流有限公司\", ", "row = { "),
        // An amount that is not a number, and a note without its Chinese.
        ("rd_expense_wan = \"10\"", "rd_expense_wan = \"10万\""),
        ("note = { zh = \"产业关联填“否”", "note = { zh = \"\", was = \"产业关联填“否”"),
    ]);
    assert!(has(&problems, &["roster.examples[0].row.main_busines_revenue_wan", "did you mean \"main_business_revenue_wan\""]), "{problems:#?}");
    assert!(has(&problems, &["roster.examples[1].row.operating_revenue_wan", "decimal text", "the integer 5000"]));
    assert!(has(&problems, &["roster.examples[1].row.leading_industry", "true or false", "the string \"是\""]));
    assert!(has(&problems, &["roster.examples[2].row.employees", "whole number", "a float"]));
    assert!(has(&problems, &["roster.examples[3]", "丙包装材料有限公司", "already an example (roster.examples[2])"]));
    assert!(has(&problems, &["roster.examples[4]", "names its enterprise"]));
    assert!(has(&problems, &["roster.examples[4].row.rd_expense_wan", "not_a_number"]));
    // Every one at once, each on its own line of the file.
    let unknown = problems.iter().find(|p| p.place.ends_with("main_busines_revenue_wan")).unwrap();
    assert_eq!(unknown.line, line_of(first));
    let float = problems.iter().find(|p| p.place.ends_with("employees")).unwrap();
    assert_eq!(float.line, line_of("employees = 150"));
    assert!(has(&problems, &["roster.examples[4].note", "the zh text is empty"]));
}
