//! The ruleset model of cluster-check, shared by the engine and its build.
//!
//! - [`number`]: exact decimals, read from what people type and printed back; the engine
//!   reads figures with it and the compiler reads thresholds with it.
//! - [`tables`]: a ruleset as the engine sees it — static data, generated at build time.
//! - [`messages`]: the engine's own message templates and words, which every catalog
//!   begins with.
//! - `load` and `emit` (feature `load`): reading ruleset files into a typed model,
//!   validating them with every problem reported at once (file, line, what is wrong), and
//!   writing from that one model the engine's tables, each ruleset's catalog and the
//!   package's TypeScript declarations. None of this is in the `.wasm`.

pub mod messages;
pub mod number;
pub mod tables;

#[cfg(feature = "load")]
pub mod emit;
#[cfg(feature = "load")]
pub mod load;
