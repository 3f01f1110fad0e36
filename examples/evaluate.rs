//! Evaluates figures given as JSON — one object, or an array of them — and prints the
//! report(s) as JSON. The figures come from the first argument, or from standard input
//! when that argument is `-`.
//!
//! ```sh
//! cargo run --example evaluate -- '{"revenue_wan": "226247", "rd_expense_wan": "2262.47"}'
//! echo '[{"revenue_wan": 180000}, {}]' | cargo run --example evaluate -- -
//! ```

use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut input = std::env::args().nth(1).unwrap_or_else(|| "{}".to_owned());
    if input == "-" {
        input.clear();
        if let Err(e) = std::io::stdin().read_to_string(&mut input) {
            eprintln!("cannot read standard input: {e}");
            return ExitCode::FAILURE;
        }
    }
    let result = if input.trim_start().starts_with('[') {
        cluster_check::evaluate_many_json(&input)
    } else {
        cluster_check::evaluate_json(&input)
    };
    match result {
        Ok(json) => {
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
