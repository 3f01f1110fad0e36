//! Evaluates one cluster's figures given as JSON and prints the report as JSON.
//!
//! ```sh
//! cargo run --example evaluate -- '{"revenue_wan": "226247", "rd_expense_wan": "2262.47"}'
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let input = std::env::args().nth(1).unwrap_or_else(|| "{}".to_owned());
    match cluster_check::evaluate_json(&input) {
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
