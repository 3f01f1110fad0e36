//! Reading ruleset files: TOML → typed model → validated → compiled, with every problem of a
//! file reported at once, each with its file, line and column.

pub mod compile;
pub mod model;
pub mod reader;
pub mod validate;

use std::path::{Path, PathBuf};

pub use compile::CompiledRuleset;
use reader::{Problems, Table};

/// One problem of a ruleset file, where it is and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{column}: {place}: {message}")]
pub struct Diagnostic {
    /// The file, as named to [`load`].
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The key path.
    pub place: String,
    /// What is wrong.
    pub message: String,
}

/// Every problem of one file (at least one).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
pub struct Diagnostics(pub Vec<Diagnostic>);

fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Reads, validates and compiles one ruleset file.
///
/// # Errors
/// [`Diagnostics`] with every problem found: TOML syntax, shape (missing, misspelt or
/// mistyped keys), references, citations, placeholders.
pub fn load(file: &str, text: &str) -> Result<CompiledRuleset, Diagnostics> {
    let at = |span: core::ops::Range<usize>, place: String, message: String| {
        let (line, column) = position(text, span.start);
        Diagnostic {
            file: file.to_owned(),
            line,
            column,
            place,
            message,
        }
    };
    let (document, syntax) = toml::de::DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        return Err(Diagnostics(
            syntax
                .iter()
                .map(|e| at(e.span().unwrap_or(0..0), "(syntax)".to_owned(), e.message().trim().to_owned()))
                .collect(),
        ));
    }
    let problems = Problems::default();
    let def = model::read(Table::root(&document, &problems));
    validate::validate(&def, &problems);
    let compiled = compile::compile(def, &problems);
    if problems.is_empty() {
        Ok(compiled)
    } else {
        Err(Diagnostics(problems.into_sorted().into_iter().map(|p| at(p.span, p.place, p.message)).collect()))
    }
}

/// The ruleset files (`*.toml`) of some folders, in file-name order within each folder.
///
/// # Errors
/// A folder that cannot be read.
pub fn files(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut all = Vec::new();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        files.sort();
        all.extend(files);
    }
    Ok(all)
}

/// Loads every ruleset file of some folders and checks them together: each file named
/// after its id, no id twice, exactly one default ruleset.
///
/// # Errors
/// Every problem of every file, one per line.
pub fn load_all(dirs: &[PathBuf]) -> Result<Vec<CompiledRuleset>, String> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for path in files(dirs)? {
        let name = shown(&path);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                problems.push(format!("{name}: {e}"));
                continue;
            }
        };
        match load(&name, &text) {
            Ok(ruleset) => {
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                if stem != ruleset.def.id.value {
                    problems.push(format!("{name}: the file must be named after its id {:?}", ruleset.def.id.value));
                }
                if out.iter().any(|r: &CompiledRuleset| r.def.id.value == ruleset.def.id.value) {
                    problems.push(format!("{name}: ruleset id {:?} is used by another file", ruleset.def.id.value));
                }
                out.push(ruleset);
            }
            Err(Diagnostics(list)) => problems.extend(list.iter().map(ToString::to_string)),
        }
    }
    if problems.is_empty() {
        match out.iter().filter(|r| r.def.default).count() {
            1 => {}
            0 => problems.push("no ruleset file says `default = true`: one must".to_owned()),
            _ => problems.push("more than one ruleset file says `default = true`".to_owned()),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems.join("\n"))
    }
}

/// A path as messages show it: relative to the working folder when it is under it.
fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let relative = cwd.as_deref().and_then(|c| path.strip_prefix(c).ok()).unwrap_or(path);
    relative.display().to_string()
}
