//! Just enough JSON for the boundary: a reader that keeps numbers as the text they are
//! written in (so `0.1` stays one tenth), and a writer for reports.
//!
//! Why not `serde_json` here: inside the `.wasm` a general JSON library costs about as many
//! bytes as the whole engine (float formatting and parsing, error formatting), and the
//! figures never need more than flat objects of scalars and one list. The tests check this
//! reader and writer against `serde_json` on generated input.

/// A parsed JSON value. Numbers keep their source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, exactly as written.
    Number(String),
    /// A string, unescaped.
    Str(String),
    /// An array.
    Array(Vec<Json>),
    /// An object's members, in order (a repeated key keeps its last value when read).
    Object(Vec<(String, Json)>),
}

/// Why a text is not JSON: what was expected, and the byte offset where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{what} at byte {offset}")]
pub struct JsonError {
    /// What was expected or found.
    pub what: &'static str,
    /// Byte offset into the text.
    pub offset: usize,
}

/// Nesting deeper than this is refused (figures need two levels); it keeps adversarial
/// input from exhausting the stack.
const MAX_DEPTH: usize = 32;

/// Parses one JSON text.
///
/// # Errors
/// [`JsonError`] naming the first problem and its offset.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut reader = Reader { bytes: text.as_bytes(), at: 0 };
    let value = reader.value(0)?;
    reader.space();
    if reader.at != reader.bytes.len() {
        return Err(reader.fail("end of input"));
    }
    Ok(value)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn fail(&self, what: &'static str) -> JsonError {
        JsonError { what, offset: self.at }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &'static str, value: Json) -> Result<Json, JsonError> {
        if self.bytes.get(self.at..self.at + word.len()) == Some(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.fail("a JSON value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.fail("less deeply nested input"));
        }
        self.space();
        match self.peek() {
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::Str),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(self.fail("',' or ']'")),
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                let mut members: Vec<(String, Json)> = Vec::new();
                self.space();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Ok(Json::Object(members));
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
                    let value = self.value(depth + 1)?;
                    members.push((key, value));
                    self.space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Json::Object(members));
                        }
                        _ => return Err(self.fail("',' or '}'")),
                    }
                }
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.fail("a JSON value")),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let int_start = self.at;
        let int_len = self.digits();
        if int_len == 0 || (int_len > 1 && self.bytes.get(int_start) == Some(&b'0')) {
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
        let text = self.bytes.get(start..self.at).unwrap_or_default();
        // Only ASCII digits, signs, '.', 'e' were consumed.
        Ok(Json::Number(String::from_utf8_lossy(text).into_owned()))
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

    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1; // the opening quote
        // Fast path: no escape before the closing quote, so the text is a slice of the input.
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        if let Some(end) = rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20) {
            if rest.get(end) == Some(&b'"') {
                let text = rest.get(..end).unwrap_or_default();
                self.at += end + 1;
                // A slice of a &str that ends before an ASCII quote is valid UTF-8.
                return core::str::from_utf8(text).map(str::to_owned).map_err(|_| self.fail("UTF-8"));
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
                                && self.bytes.get(self.at..self.at + 2) == Some(b"\\u")
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
        String::from_utf8(out).map_err(|_| self.fail("UTF-8"))
    }
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
