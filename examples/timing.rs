//! Times the engine natively over a JSON array of figures (one argument: the file), as the
//! package's crossing does: `cargo run --release --example timing -- records.json`.
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut best = f64::MAX;
    let mut chars = 0;
    for _ in 0..5 {
        let start = Instant::now();
        let out = cluster_check::evaluate_many_compact(&text).unwrap_or_default();
        best = best.min(start.elapsed().as_secs_f64());
        chars = out.len();
    }
    let records = text.matches("\"name\"").count().max(1);
    println!("{records} records: {:.2} µs per record, {} characters of compact output per record", best / records as f64 * 1e6, chars / records);
}
