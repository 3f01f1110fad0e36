//! Just enough JSON for the boundary: a reader that keeps numbers as the text they are
//! written in (so `0.1` stays one tenth), and a writer for reports.
//!
//! Why not `serde_json` here: inside the `.wasm` a general JSON library costs about as many
//! bytes as the whole engine (float formatting and parsing, error formatting), and the
//! figures never need more than flat objects of scalars and one list. The tests check this
//! reader and writer against `serde_json` on generated input.
//!
//! The reader builds no tree: its caller takes each value as it comes ([`Reader::begin`],
//! then [`Reader::items`] or [`Reader::members`]), so that a batch is evaluated one record
//! at a time straight from the text, and a string without escapes is borrowed from the
//! text rather than copied.

use std::borrow::Cow;

/// The start of a value: a scalar, read whole, or the opening of an array or an object,
/// whose contents are then read with [`Reader::items`] or [`Reader::members`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start<'a> {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, exactly as written.
    Number(&'a str),
    /// A string, unescaped.
    Str(Cow<'a, str>),
    /// `[`.
    Array,
    /// `{`.
    Object,
}

impl Start<'_> {
    /// What kind of value this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Start::Null => "null",
            Start::Bool(_) => "a boolean",
            Start::Number(_) => "a number",
            Start::Str(_) => "a string",
            Start::Array => "an array",
            Start::Object => "an object",
        }
    }
}

/// Why a text is not JSON: what was expected, and the byte offset where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// What was expected or found.
    pub what: &'static str,
    /// Byte offset into the text.
    pub offset: usize,
}

impl JsonError {
    /// `{what} at byte {offset}` (the `Display` text), without `core::fmt`.
    pub fn message(&self) -> String {
        let mut out = String::from(self.what);
        out.push_str(" at byte ");
        crate::number::push_int(&mut out, self.offset as u128);
        out
    }
}

impl core::fmt::Display for JsonError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for JsonError {}

/// Nesting deeper than this is refused (figures need two levels); it keeps adversarial
/// input from exhausting the stack.
const MAX_DEPTH: usize = 32;

/// Reads one JSON text, value by value.
pub struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader { text, at: 0 }
    }

    /// Reads the start of the value at `depth` (the top value is at 0, its elements or
    /// members at 1, …).
    ///
    /// # Errors
    /// [`JsonError`] naming the first problem and its offset.
    pub fn begin(&mut self, depth: usize) -> Result<Start<'a>, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.fail("less deeply nested input"));
        }
        self.space();
        match self.peek() {
            Some(b'n') => self.literal("null", Start::Null),
            Some(b't') => self.literal("true", Start::Bool(true)),
            Some(b'f') => self.literal("false", Start::Bool(false)),
            Some(b'"') => self.string().map(Start::Str),
            Some(b'[') => {
                self.at += 1;
                Ok(Start::Array)
            }
            Some(b'{') => {
                self.at += 1;
                Ok(Start::Object)
            }
            Some(b'-' | b'0'..=b'9') => self.number().map(Start::Number),
            _ => Err(self.fail("a JSON value")),
        }
    }

    /// Reads the rest of an array begun at `depth`: `item` reads each element, from
    /// `begin(depth + 1)` on.
    ///
    /// # Errors
    /// [`JsonError`], from the text or from `item`.
    pub fn items(&mut self, mut item: impl FnMut(&mut Self) -> Result<(), JsonError>) -> Result<(), JsonError> {
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.fail("',' or ']'")),
            }
        }
    }

    /// Reads the rest of an object begun at `depth`: `member` gets each name, in order,
    /// and reads its value, from `begin(depth + 1)` on.
    ///
    /// # Errors
    /// [`JsonError`], from the text or from `member`.
    pub fn members(&mut self, mut member: impl FnMut(&mut Self, Cow<'a, str>) -> Result<(), JsonError>) -> Result<(), JsonError> {
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return Err(self.fail("a member name"));
            }
            let key = self.string()?;
            self.space();
            if self.peek() != Some(b':') {
                return Err(self.fail("':'"));
            }
            self.at += 1;
            member(self, key)?;
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.fail("',' or '}'")),
            }
        }
    }

    /// Checks that nothing but white space follows the top value.
    ///
    /// # Errors
    /// [`JsonError`] at the first byte that follows.
    pub fn end(mut self) -> Result<(), JsonError> {
        self.space();
        if self.at == self.text.len() {
            Ok(())
        } else {
            Err(self.fail("end of input"))
        }
    }

    fn fail(&self, what: &'static str) -> JsonError {
        JsonError { what, offset: self.at }
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &'static str, value: Start<'a>) -> Result<Start<'a>, JsonError> {
        if self.bytes().get(self.at..self.at + word.len()) == Some(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.fail("a JSON value"))
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<&'a str, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let int_start = self.at;
        let int_len = self.digits();
        if int_len == 0 || (int_len > 1 && self.bytes().get(int_start) == Some(&b'0')) {
            return Err(self.fail("a number"));
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.fail("digits after '.'"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.fail("digits of an exponent"));
            }
        }
        // Only ASCII digits, signs, '.', 'e' were consumed.
        Ok(self.text.get(start..self.at).unwrap_or_default())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.fail("four hex digits")),
            };
            value = value * 16 + u32::from(digit);
            self.at += 1;
        }
        Ok(value)
    }

    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.at += 1; // the opening quote
        // Fast path: no escape before the closing quote, so the text is a slice of the input.
        let rest = self.bytes().get(self.at..).unwrap_or_default();
        if let Some(end) = plain_run(rest) {
            if rest.get(end) == Some(&b'"') {
                // Between two ASCII quotes: on character boundaries.
                let text = self.text.get(self.at..self.at + end);
                self.at += end + 1;
                return text.map(Cow::Borrowed).ok_or_else(|| self.fail("UTF-8"));
            }
        }
        let mut out = Vec::new();
        loop {
            let Some(b) = self.peek() else { return Err(self.fail("a closing '\"'")) };
            self.at += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    let Some(e) = self.peek() else { return Err(self.fail("an escape")) };
                    self.at += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first)
                                && self.bytes().get(self.at..self.at + 2) == Some(b"\\u")
                            {
                                let save = self.at;
                                self.at += 2;
                                let second = self.hex4()?;
                                if (0xDC00..0xE000).contains(&second) {
                                    0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                                } else {
                                    self.at = save;
                                    first
                                }
                            } else {
                                first
                            };
                            // A lone surrogate (valid in JS strings) becomes U+FFFD.
                            char::from_u32(code).unwrap_or('\u{FFFD}')
                        }
                        _ => return Err(self.fail("a valid escape")),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1F => return Err(self.fail("no raw control character in a string")),
                _ => out.push(b),
            }
        }
        // The input was a &str and escapes were encoded as UTF-8: this cannot fail.
        String::from_utf8(out).map(Cow::Owned).map_err(|_| self.fail("UTF-8"))
    }
}

/// The length of the run of string bytes that need no attention: up to the first `"`, `\\`
/// or control character. Eight bytes are tested at once while none of them is one: most of
/// a batch is text in strings, and testing byte by byte is what makes reading slow.
fn plain_run(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    // Whether any byte of `x` is below `n` (at most 128): its subtraction borrows.
    let any_below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS != 0;
    let mut at = 0;
    while let Some(word) = bytes.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        let word = u64::from_le_bytes(word);
        if any_below(word ^ (ONES * u64::from(b'"')), 1) || any_below(word ^ (ONES * u64::from(b'\\')), 1) || any_below(word, 0x20) {
            break;
        }
        at += 8;
    }
    let tail = bytes.get(at..).unwrap_or_default();
    tail.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).map(|end| at + end)
}

/// Appends `s` as a JSON string literal, copying runs that need no escape in one go.
pub fn push_str(out: &mut String, s: &str) {
    out.push('"');
    let mut run_start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1F => "",
            _ => continue,
        };
        out.push_str(s.get(run_start..i).unwrap_or(""));
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0')));
            out.push(char::from(HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0')));
        } else {
            out.push_str(escape);
        }
        run_start = i + 1;
    }
    out.push_str(s.get(run_start..).unwrap_or(""));
    out.push('"');
}

/// Appends an optional string, or `null`.
pub fn push_opt(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => push_str(out, s),
        None => out.push_str("null"),
    }
}

/// Appends `"key":`, after a comma unless it is the first member.
pub fn push_key(out: &mut String, key: &str, first: bool) {
    if !first {
        out.push(',');
    }
    push_str(out, key);
    out.push(':');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the reader reads, as a tree, to compare with `serde_json`'s.
    #[derive(Clone, Debug, PartialEq, Eq)]
    enum Json {
        Null,
        Bool(bool),
        Number(String),
        Str(String),
        Array(Vec<Json>),
        Object(Vec<(String, Json)>),
    }

    fn tree(r: &mut Reader<'_>, depth: usize) -> Result<Json, JsonError> {
        Ok(match r.begin(depth)? {
            Start::Null => Json::Null,
            Start::Bool(b) => Json::Bool(b),
            Start::Number(n) => Json::Number(n.to_owned()),
            Start::Str(s) => Json::Str(s.into_owned()),
            Start::Array => {
                let mut items = Vec::new();
                r.items(|r| {
                    items.push(tree(r, depth + 1)?);
                    Ok(())
                })?;
                Json::Array(items)
            }
            Start::Object => {
                let mut members = Vec::new();
                r.members(|r, key| {
                    members.push((key.into_owned(), tree(r, depth + 1)?));
                    Ok(())
                })?;
                Json::Object(members)
            }
        })
    }

    fn parse(text: &str) -> Result<Json, JsonError> {
        let mut reader = Reader::new(text);
        let value = tree(&mut reader, 0)?;
        reader.end()?;
        Ok(value)
    }

    #[test]
    fn reads_values() {
        assert_eq!(parse(" null ").unwrap(), Json::Null);
        assert_eq!(parse("[true,false]").unwrap(), Json::Array(vec![Json::Bool(true), Json::Bool(false)]));
        assert_eq!(parse("0.1").unwrap(), Json::Number("0.1".into()));
        assert_eq!(parse("-1.5e+3").unwrap(), Json::Number("-1.5e+3".into()));
        assert_eq!(parse(r#""a\"b\u4e2d\ud83d\ude00""#).unwrap(), Json::Str("a\"b中😀".into()));
        assert_eq!(parse(r#""\ud800x""#).unwrap(), Json::Str("\u{FFFD}x".into()));
        assert_eq!(
            parse(r#"{"a":1,"b":[]}"#).unwrap(),
            Json::Object(vec![("a".into(), Json::Number("1".into())), ("b".into(), Json::Array(vec![]))])
        );
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in ["", "nul", "01", "1.", ".5", "+1", "1e", "[1,]", "{\"a\"}", "{a:1}", "\"\u{1}\"", "\"abc", "[1] x", "NaN"] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(parse(&deep).unwrap_err().what, "less deeply nested input");
    }

    fn arbitrary_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| serde_json::json!(f)),
            any::<i64>().prop_map(|i| serde_json::json!(i)),
            any::<String>().prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    fn same(ours: &Json, theirs: &serde_json::Value) -> bool {
        match (ours, theirs) {
            (Json::Null, serde_json::Value::Null) => true,
            (Json::Bool(a), serde_json::Value::Bool(b)) => a == b,
            (Json::Number(a), serde_json::Value::Number(b)) => *a == b.to_string(),
            (Json::Str(a), serde_json::Value::String(b)) => a == b,
            (Json::Array(a), serde_json::Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
            (Json::Object(a), serde_json::Value::Object(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w)))
            }
            _ => false,
        }
    }

    proptest::proptest! {
        /// Whatever serde_json writes (compact or pretty), this reader reads the same, and
        /// a string written by `push_str` reads back unchanged.
        #[test]
        fn agrees_with_serde_json(value in arbitrary_json(), text in proptest::prelude::any::<String>()) {
            let compact = serde_json::to_string(&value).unwrap();
            let pretty = serde_json::to_string_pretty(&value).unwrap();
            proptest::prop_assert!(same(&parse(&compact).unwrap(), &value), "{}", compact);
            proptest::prop_assert!(same(&parse(&pretty).unwrap(), &value), "{}", pretty);
            let mut written = String::new();
            push_str(&mut written, &text);
            proptest::prop_assert_eq!(serde_json::from_str::<String>(&written).unwrap(), text.clone());
            proptest::prop_assert_eq!(parse(&written).unwrap(), Json::Str(text));
        }
    }

    #[test]
    fn writes_escaped_strings() {
        let mut out = String::new();
        push_str(&mut out, "a\"\\\n\u{1}中");
        assert_eq!(out, r#""a\"\\\n\u0001中""#);
    }
}
