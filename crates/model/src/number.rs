//! Exact decimal figures: parsing what people type, and printing it back.
//!
//! A figure is held as a whole number of millionths (six decimal places: 0.01 yuan when
//! the unit is 万元, 0.01 m² when it is 公顷) in an `i128`. The accepted range, 0 to 10^12
//! in the field's unit, keeps every product the rules need far inside `i128`, so no
//! comparison ever goes through binary floating point.
//!
//! Shared by the engine and by the ruleset compiler (which reads the thresholds of the
//! ruleset files with it), so that a threshold and a figure are read by the same rules.

use std::borrow::Cow;

/// Decimal places kept: a figure with more (non-zero) places is `too_precise`.
pub const PLACES: u32 = 6;
/// Millionths in one unit.
pub const SCALE: i128 = 1_000_000;
/// The largest accepted figure, in the field's unit.
pub const MAX_UNITS: i128 = 1_000_000_000_000;
/// Digits of `MAX_UNITS` before the decimal point.
const MAX_INT_DIGITS: i64 = 13;

/// An exact decimal with at most six places, at most 10^12 in size; negative only for a
/// field that is declared signed (or for a difference the engine computes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dec(i128);

/// Why a figure could not be read as a number. The order of the variants is the order in
/// which they are checked: the first that applies is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Not a decimal number in an accepted form (or NaN, ±Infinity).
    NotANumber,
    /// Below zero.
    Negative,
    /// Above 10^12.
    TooLarge,
    /// A count with a fractional part.
    NotWhole,
    /// More than six non-zero decimal places.
    TooPrecise,
}

impl NumberError {
    /// The stable error code of the interface.
    pub fn code(self) -> &'static str {
        match self {
            NumberError::NotANumber => "not_a_number",
            NumberError::Negative => "negative",
            NumberError::TooLarge => "too_large",
            NumberError::NotWhole => "not_whole",
            NumberError::TooPrecise => "too_precise",
        }
    }
}

impl Dec {
    /// Zero.
    pub const ZERO: Dec = Dec(0);

    /// The decimal with this many millionths.
    pub const fn from_micros(micros: i128) -> Dec {
        Dec(micros)
    }

    /// The whole number `n` (callers keep `n` within the accepted range).
    pub const fn from_units(n: i128) -> Dec {
        Dec(n.saturating_mul(SCALE))
    }

    /// This decimal in millionths.
    pub const fn micros(self) -> i128 {
        self.0
    }

    /// Whether it is zero.
    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// The normalised decimal text: no separators, no trailing zeros, `0` for zero.
    pub fn to_plain(self) -> Plain {
        fixed_to_plain(self.0, PLACES)
    }
}

/// Plain decimal text held inline, so that printing a figure, a ratio or a gap allocates
/// nothing. It is written from its last character to its first, each digit straight to its
/// place; an `i128` with up to nine places (sign, 39 digits, point) fits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Plain {
    start: u8,
    end: u8,
    bytes: [u8; 42],
}

impl Plain {
    const EMPTY: Plain = Plain { start: 42, end: 42, bytes: [0; 42] };

    /// The text's bytes: ASCII digits, `-` and `.` only.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(usize::from(self.start)..usize::from(self.end)).unwrap_or_default()
    }

    /// Appends the text to `out`.
    pub fn push_to(&self, out: &mut String) {
        out.push_str(self.as_str());
    }

    /// How many digits come before the point (the sign left out).
    pub fn int_digits(&self) -> usize {
        let bytes = self.as_bytes();
        let digits = bytes.strip_prefix(b"-").unwrap_or(bytes);
        digits.iter().position(|&b| b == b'.').unwrap_or(digits.len())
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits, '-' and '.' are ever written.
        let bytes = self.bytes.get(usize::from(self.start)..usize::from(self.end)).unwrap_or_default();
        core::str::from_utf8(bytes).unwrap_or_default()
    }

    fn prepend(&mut self, byte: u8) {
        if let Some(slot) = self.start.checked_sub(1) {
            if let Some(place) = self.bytes.get_mut(usize::from(slot)) {
                *place = byte;
                self.start = slot;
            }
        }
    }

    /// Prepends the digits of `value`, at least `width` of them (zeros in front). They are
    /// made nine at a time in 32-bit arithmetic, where dividing by ten is a multiplication:
    /// WebAssembly divides 64 bits slowly and 128 bits only in software.
    fn prepend_digits(&mut self, value: u128, mut width: usize) {
        const CHUNK: u128 = 1_000_000_000;
        // Where the text starts, kept here rather than in `self` while digits are written.
        let mut start = usize::from(self.start);
        let mut rest = value;
        'chunks: loop {
            // The lowest nine digits, and the number above them.
            let (high, low) = if rest < CHUNK { (0, rest) } else { div_rem(rest, CHUNK) };
            let mut low = low as u32;
            // All nine when more follow, else up to the first significant one.
            for _ in 0..9 {
                start = start.saturating_sub(1);
                if let Some(place) = self.bytes.get_mut(start) {
                    *place = b'0' + (low % 10) as u8;
                }
                low /= 10;
                width = width.saturating_sub(1);
                if high == 0 && low == 0 && width == 0 {
                    break 'chunks;
                }
            }
            rest = high;
        }
        self.start = u8::try_from(start).unwrap_or(0);
    }
}

impl core::ops::Deref for Plain {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl core::fmt::Debug for Plain {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// `a ÷ b` and `a mod b`, in 64-bit arithmetic when both fit (nearly always): WebAssembly
/// divides 128 bits only in software. Zero for `b = 0`.
fn div_rem(a: u128, b: u128) -> (u128, u128) {
    // The remainder from the quotient: one division, where WebAssembly would make two.
    let q = match (u64::try_from(a), u64::try_from(b)) {
        (Ok(a), Ok(b)) if b > 0 => u128::from(a / b),
        _ => a.checked_div(b).unwrap_or(0),
    };
    (q, a - q * b)
}

/// Appends the decimal digits of a whole number (without `core::fmt`, which is large in
/// `.wasm`, and without allocating).
pub fn push_int(out: &mut String, value: u128) {
    // Most numbers written are small (codes, indexes): their digits go straight in.
    match u16::try_from(value) {
        Ok(n @ 0..=9) => out.push(digit(n)),
        Ok(n @ 10..=99) => {
            out.push(digit(n / 10));
            out.push(digit(n % 10));
        }
        Ok(n @ 100..=999) => {
            out.push(digit(n / 100));
            out.push(digit(n / 10 % 10));
            out.push(digit(n % 10));
        }
        _ => int_text(value).push_to(out),
    }
}

/// The ASCII digit of `n` (below ten).
fn digit(n: u16) -> char {
    char::from(b'0' + (n % 10) as u8)
}

/// The decimal digits of a whole number.
pub fn int_text(value: u128) -> Plain {
    let mut out = Plain::EMPTY;
    out.prepend_digits(value, 1);
    out
}

/// Prints `value / 10^places` as normalised decimal text (trailing zeros dropped); `places`
/// is at most 9.
pub fn fixed_to_plain(value: i128, places: u32) -> Plain {
    // All the digits, with a zero before the point if need be; the last `places` of them
    // are the fraction. Its trailing zeros go, and the integer part moves one place to the
    // left to make room for the point if any of the fraction is left.
    let mut out = Plain::EMPTY;
    let point = usize::from(out.end).saturating_sub(places.min(9) as usize);
    out.prepend_digits(value.unsigned_abs(), usize::from(out.end) - point + 1);
    while usize::from(out.end) > point && out.bytes.get(usize::from(out.end) - 1) == Some(&b'0') {
        out.end -= 1;
    }
    if usize::from(out.end) > point {
        for at in usize::from(out.start)..point {
            let digit = out.bytes.get(at).copied().unwrap_or(b'0');
            if let Some(place) = out.bytes.get_mut(at - 1) {
                *place = digit;
            }
        }
        if let Some(place) = out.bytes.get_mut(point - 1) {
            *place = b'.';
        }
        out.start -= 1;
    }
    if value < 0 {
        out.prepend(b'-');
    }
    out
}

/// Inserts thousands separators into the integer part of plain decimal text
/// (`"226247.5"` → `"226,247.5"`), for explanations meant to be read.
pub fn grouped(plain: &str) -> String {
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (int_part, frac_part) = match rest.bytes().position(|b| b == b'.') {
        Some(at) => (rest.get(..at).unwrap_or(""), rest.get(at..).unwrap_or("")),
        None => (rest, ""),
    };
    let mut out = String::with_capacity(plain.len() + int_part.len() / 3);
    out.push_str(sign);
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(frac_part);
    out
}

/// Reads a JSON number as the decimal it is written as (`0.1` is one tenth; `1e5` is
/// 100000). `NaN`, `Infinity` and `-Infinity` (which JavaScript can hand over) are
/// [`NumberError::NotANumber`].
///
/// # Errors
/// The first [`NumberError`] that applies; `whole` asks for a count.
pub fn parse_json_number(text: &str, whole: bool) -> Result<Dec, NumberError> {
    parse_json_number_as(text, Accept { whole, signed: false })
}

/// What a figure may be: whole (a count), and signed (a decimal that may be negative).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accept {
    /// A count: a fractional part is [`NumberError::NotWhole`].
    pub whole: bool,
    /// A value below zero is a value, not [`NumberError::Negative`].
    pub signed: bool,
}

/// [`parse_json_number`] for a figure of any [`Accept`].
///
/// # Errors
/// The first [`NumberError`] that applies.
pub fn parse_json_number_as(text: &str, accept: Accept) -> Result<Dec, NumberError> {
    match plain_decimal(text, accept.whole) {
        Some(value) => Ok(value),
        None => json_number(text, accept),
    }
}

/// The figures nearly all records hold, read in one pass: digits (at most 12, so below
/// [`MAX_UNITS`]), perhaps a point and one to six more (none for a count); no sign,
/// exponent or separator. `None` for anything else, which the general reading decides —
/// with the same value for what this reads (a test compares them).
fn plain_decimal(text: &str, whole: bool) -> Option<Dec> {
    const POWERS: [u64; 7] = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
    let (mut value, mut int_digits, mut places) = (0_u64, 0_usize, None::<usize>);
    for &b in text.as_bytes() {
        match (b, places) {
            (b'0'..=b'9', None) if int_digits < 12 => int_digits += 1,
            (b'0'..=b'9', Some(n)) if n < 6 && !whole => places = Some(n + 1),
            (b'.', None) if int_digits > 0 => {
                places = Some(0);
                continue;
            }
            _ => return None,
        }
        value = value * 10 + u64::from(b - b'0');
    }
    if int_digits == 0 || places == Some(0) {
        return None;
    }
    let scale = POWERS.get(places.unwrap_or(0)).copied()?;
    Some(Dec(i128::from(value * scale)))
}

/// [`parse_json_number_as`] for any number.
fn json_number(text: &str, accept: Accept) -> Result<Dec, NumberError> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match split_at_byte(rest, |b| b == b'e' || b == b'E') {
        (mantissa, Some(exponent)) => (mantissa, parse_exponent(exponent)?),
        (mantissa, None) => (mantissa, 0),
    };
    let (int_part, frac_part) = split_at_byte(mantissa, |b| b == b'.');
    if !is_digits(int_part) || frac_part.is_some_and(|f| !is_digits(f)) {
        return Err(NumberError::NotANumber);
    }
    from_parts(negative, mantissa, frac_part.map_or(0, str::len), exponent, accept)
}

/// The text before the first byte that `at` picks, and the text after it (`None` when there
/// is no such byte). The byte is ASCII, so both parts are whole characters.
fn split_at_byte(text: &str, at: impl Fn(u8) -> bool) -> (&str, Option<&str>) {
    match text.bytes().position(at) {
        Some(i) => (text.get(..i).unwrap_or(""), Some(text.get(i + 1..).unwrap_or(""))),
        None => (text, None),
    }
}

/// Whether a text is one or more ASCII digits.
fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Reads an exponent (`+5`, `-3`, `12`), saturating far beyond any accepted figure.
fn parse_exponent(text: &str) -> Result<i64, NumberError> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or("")),
        Some(b'+') => (false, text.get(1..).unwrap_or("")),
        _ => (false, text),
    };
    if !is_digits(digits) {
        return Err(NumberError::NotANumber);
    }
    let magnitude = digits.bytes().fold(0_i64, |acc, b| {
        acc.saturating_mul(10)
            .saturating_add(i64::from(b - b'0'))
            .min(1_000_000_000)
    });
    Ok(if negative { -magnitude } else { magnitude })
}

/// Reads a figure typed as text: digits with an optional decimal point, optional
/// thousands separators in groups of three, surrounding white space; full-width digits,
/// `．`, `，` and `－` read as their ASCII forms. A leading minus sign is read so that the
/// figure can be called negative. An empty or all-blank text is `Ok(None)`: not given.
///
/// # Errors
/// The first [`NumberError`] that applies; `whole` asks for a count.
pub fn parse_text(text: &str, whole: bool) -> Result<Option<Dec>, NumberError> {
    parse_text_as(text, Accept { whole, signed: false })
}

/// [`parse_text`] for a figure of any [`Accept`].
///
/// # Errors
/// The first [`NumberError`] that applies.
pub fn parse_text_as(text: &str, accept: Accept) -> Result<Option<Dec>, NumberError> {
    let trimmed = trim(text);
    if trimmed.is_empty() {
        return Ok(None);
    }
    match plain_decimal(trimmed, accept.whole) {
        Some(value) => Ok(Some(value)),
        None => text_number(trimmed, accept),
    }
}

/// [`parse_text_as`] for any trimmed, non-empty text.
fn text_number(trimmed: &str, accept: Accept) -> Result<Option<Dec>, NumberError> {
    // Only a text with full-width forms is copied.
    let ascii: Cow<'_, str> = if trimmed.is_ascii() {
        Cow::Borrowed(trimmed)
    } else {
        let mut ascii = String::with_capacity(trimmed.len());
        for c in trimmed.chars() {
            ascii.push(match c {
                '０'..='９' => char::from(b'0' + (u32::from(c) - u32::from('０')) as u8),
                '．' => '.',
                '，' => ',',
                '－' => '-',
                c if c.is_ascii() => c,
                _ => return Err(NumberError::NotANumber),
            });
        }
        Cow::Owned(ascii)
    };
    let (negative, rest) = match ascii.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, &*ascii),
    };
    let (int_part, frac_part) = split_at_byte(rest, |b| b == b'.');
    if !is_grouped(int_part) || frac_part.is_some_and(|f| !is_digits(f)) {
        return Err(NumberError::NotANumber);
    }
    from_parts(negative, rest, frac_part.map_or(0, str::len), 0, accept).map(Some)
}

/// The text without white space around it, as [`str::trim`]; but a text that begins and
/// ends with a visible ASCII character, as nearly all do, is known to have none without
/// decoding a character.
pub fn trim(text: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b.is_ascii());
    let bytes = text.as_bytes();
    if visible(bytes.first()) && visible(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

/// Whether an integer part is written plainly (`300000`) or in groups of three
/// (`300,000`); not `1,2,3`, `3000,000` or empty.
fn is_grouped(int_part: &str) -> bool {
    match split_at_byte(int_part, |b| b == b',') {
        (digits, None) => is_digits(digits),
        // After the first separator: three digits, then a separator and three more, …
        (first, Some(groups)) => {
            first.len() <= 3
                && is_digits(first)
                && groups.len() % 4 == 3
                && groups.bytes().enumerate().all(|(i, b)| if i % 4 == 3 { b == b',' } else { b.is_ascii_digit() })
        }
    }
}

/// The value of `number × 10^exponent`, checked in the documented order. `number` is
/// checked digits, perhaps in groups, perhaps with a point and then `frac_len` digits.
fn from_parts(negative: bool, number: &str, frac_len: usize, exponent: i64, accept: Accept) -> Result<Dec, NumberError> {
    let whole = accept.whole;
    // The separators and the point are skipped: the digits alone, in order.
    let digits = || number.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0');
    // Where the significant digits are: after the leading zeros, before the trailing ones.
    let (mut total, mut leading, mut trailing) = (0_usize, 0_usize, 0_usize);
    for digit in digits() {
        total += 1;
        if digit != 0 {
            trailing = 0;
        } else {
            trailing += 1;
            if leading + 1 == total {
                leading += 1;
            }
        }
    }
    if leading == total {
        return Ok(Dec::ZERO); // -0 is zero
    }
    if negative && !accept.signed {
        return Err(NumberError::Negative);
    }
    let significant_len = total - leading - trailing;
    // The power of ten of the last significant digit, and how many digits come before the
    // decimal point.
    let low_exponent = exponent
        .saturating_sub(frac_len as i64)
        .saturating_add(trailing as i64);
    let int_len = (significant_len as i64).saturating_add(low_exponent);
    if int_len > MAX_INT_DIGITS {
        return Err(NumberError::TooLarge);
    }
    // The value of the significant digits before the point (at most 13: exact), and of all
    // of them, which is used only when the checks below find at most 19, so that 64 bits
    // hold it exactly (wrapping arithmetic saves checking until then).
    let head_len = if int_len <= 0 { 0 } else { (int_len as usize).min(significant_len) };
    let (mut head, mut all) = (0_u64, 0_u64);
    for (at, digit) in digits().enumerate().skip(leading).take(significant_len) {
        all = all.wrapping_mul(10).wrapping_add(u64::from(digit));
        if at < leading + head_len {
            head = all;
        }
    }
    let int_value = if int_len <= 0 { 0 } else { head * 10_u64.pow(int_len as u32 - head_len as u32) };
    let has_fraction = low_exponent < 0;
    let int_value = i128::from(int_value);
    if int_value > MAX_UNITS || (int_value == MAX_UNITS && has_fraction) {
        return Err(NumberError::TooLarge);
    }
    if whole && has_fraction {
        return Err(NumberError::NotWhole);
    }
    if low_exponent < -(PLACES as i64) {
        return Err(NumberError::TooPrecise);
    }
    // Now at most 13 + 6 digits, the significant ones and the zeros after them: the value
    // fits 64 bits (and at most 10^18 millionths are left).
    let shift = (low_exponent + PLACES as i64) as u32;
    let micros = i128::from(all * 10_u64.pow(shift));
    Ok(Dec(if negative { -micros } else { micros }))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 5000, ..proptest::prelude::ProptestConfig::default() })]

        /// What the one-pass reading reads, the general reading reads the same, as JSON and
        /// as text; and it reads the plainest figures at all.
        #[test]
        fn plain_decimals_read_as_in_general(t in "[0-9]{0,14}(\\.[0-9]{0,8})?|[-+.,e0-9 ]{0,10}", whole in proptest::prelude::any::<bool>()) {
            let accept = Accept { whole, signed: false };
            if let Some(value) = plain_decimal(&t, whole) {
                proptest::prop_assert_eq!(json_number(&t, accept), Ok(value), "{}", t);
                proptest::prop_assert_eq!(text_number(&t, accept), Ok(Some(value)), "{}", t);
            }
            let simple = t.len() <= 12 && !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
            proptest::prop_assert!(!simple || plain_decimal(&t, whole).is_some(), "{}", t);
        }
    }

    fn plain(d: Dec) -> String {
        d.to_plain().as_str().to_owned()
    }

    fn text(s: &str) -> Result<Option<String>, &'static str> {
        parse_text(s, false)
            .map(|d| d.map(plain))
            .map_err(NumberError::code)
    }

    fn json(s: &str) -> Result<String, &'static str> {
        parse_json_number(s, false)
            .map(plain)
            .map_err(NumberError::code)
    }

    #[test]
    fn reads_text_forms() {
        assert_eq!(text("226247"), Ok(Some("226247".into())));
        assert_eq!(text(" 300,000.5 "), Ok(Some("300000.5".into())));
        assert_eq!(text("３００，０００"), Ok(Some("300000".into())));
        assert_eq!(text("２２６２．４７"), Ok(Some("2262.47".into())));
        assert_eq!(text("\u{3000}7\u{3000}"), Ok(Some("7".into())));
        assert_eq!(text("007.50"), Ok(Some("7.5".into())));
        assert_eq!(text("-0"), Ok(Some("0".into())));
        assert_eq!(text("   "), Ok(None));
        assert_eq!(text(""), Ok(None));
    }

    #[test]
    fn refuses_what_it_does_not_guess() {
        for bad in ["1e5", "+5", ".5", "5.", "1,2,3", "3000,000", "1,000.", "abc", "NaN", "1 000", "--5", "-", "5%"] {
            assert_eq!(text(bad), Err("not_a_number"), "{bad}");
        }
        assert_eq!(text("-5"), Err("negative"));
        assert_eq!(text("－５"), Err("negative"));
    }

    #[test]
    fn bounds_and_precision() {
        assert_eq!(text("1000000000000"), Ok(Some("1000000000000".into())));
        assert_eq!(text("1000000000000.000001"), Err("too_large"));
        assert_eq!(text("1000000000001"), Err("too_large"));
        assert_eq!(text("0.000001"), Ok(Some("0.000001".into())));
        assert_eq!(text("0.0000001"), Err("too_precise"));
        assert_eq!(text("1.0000000"), Ok(Some("1".into())));
        assert_eq!(parse_text("2.0", true).map(|d| d.map(plain)), Ok(Some("2".into())));
        assert_eq!(parse_text("2.5", true), Err(NumberError::NotWhole));
        assert_eq!(parse_text("2.00000001", true), Err(NumberError::NotWhole));
        assert_eq!(parse_text("5000000000000.5", true), Err(NumberError::TooLarge));
    }

    #[test]
    fn reads_signed_figures_only_where_allowed() {
        let signed = Accept { whole: false, signed: true };
        let read = |s: &str| parse_text_as(s, signed).map(|d| d.map(plain));
        assert_eq!(read("-5.5"), Ok(Some("-5.5".into())));
        assert_eq!(read("－１，０００"), Ok(Some("-1000".into())));
        assert_eq!(read("-0"), Ok(Some("0".into())));
        assert_eq!(read("-1000000000001"), Err(NumberError::TooLarge));
        assert_eq!(read("+5"), Err(NumberError::NotANumber));
        assert_eq!(parse_json_number_as("-2.25", signed).map(plain), Ok("-2.25".into()));
        assert_eq!(parse_json_number_as("-2.25", Accept::default()), Err(NumberError::Negative));
    }

    #[test]
    fn reads_json_numbers_as_written() {
        assert_eq!(json("0.1"), Ok("0.1".into()));
        assert_eq!(json("1e5"), Ok("100000".into()));
        assert_eq!(json("1.5E+3"), Ok("1500".into()));
        assert_eq!(json("-0"), Ok("0".into()));
        assert_eq!(json("0e999999999999"), Ok("0".into()));
        assert_eq!(json("1e999999999999999999"), Err("too_large"));
        assert_eq!(json("1e-999999999999999999"), Err("too_precise"));
        assert_eq!(json("9007199254740993"), Err("too_large"));
        assert_eq!(json("0.30000000000000004"), Err("too_precise"));
        assert_eq!(json("-3"), Err("negative"));
        assert_eq!(json("NaN"), Err("not_a_number"));
        assert_eq!(json("-Infinity"), Err("not_a_number"));
        assert_eq!(json("1."), Err("not_a_number"));
    }

    #[test]
    fn prints_plain_and_grouped() {
        assert_eq!(int_text(0).as_str(), "0");
        assert_eq!(int_text(u128::MAX).as_str(), u128::MAX.to_string());
        assert_eq!(fixed_to_plain(1_500, 6).as_str(), "0.0015");
        assert_eq!(fixed_to_plain(-2_500_000, 6).as_str(), "-2.5");
        assert_eq!(fixed_to_plain(i128::MIN, 6).as_str(), "-170141183460469231731687303715884.105728");
        assert_eq!(grouped("226247.5"), "226,247.5");
        assert_eq!(grouped("1000"), "1,000");
        assert_eq!(grouped("100"), "100");
        assert_eq!(grouped("-1234567"), "-1,234,567");
    }
}
