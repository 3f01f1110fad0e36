//! Exact decimal figures: parsing what people type, and printing it back.
//!
//! A figure is held as a whole number of millionths (six decimal places: 0.01 yuan when
//! the unit is 万元, 0.01 m² when it is 公顷) in an `i128`. The accepted range, 0 to 10^12
//! in the field's unit, keeps every product the rules need far inside `i128`, so no
//! comparison ever goes through binary floating point.
//!
//! This file is also compiled into `build.rs`, which reads the thresholds of the ruleset
//! files with it; it must not depend on anything else in the crate.

/// Decimal places kept: a figure with more (non-zero) places is `too_precise`.
pub const PLACES: u32 = 6;
/// Millionths in one unit.
pub const SCALE: i128 = 1_000_000;
/// The largest accepted figure, in the field's unit.
pub const MAX_UNITS: i128 = 1_000_000_000_000;
/// Digits of `MAX_UNITS` before the decimal point.
const MAX_INT_DIGITS: i64 = 13;

/// An exact, non-negative decimal with at most six places, at most 10^12.
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
    pub fn to_plain(self) -> String {
        fixed_to_plain(self.0, PLACES)
    }
}

/// Appends the decimal digits of a whole number (without `core::fmt`, which is large in
/// `.wasm`, and without allocating). Values that fit 64 bits — nearly all — are divided in
/// 64-bit arithmetic: WebAssembly has no 128-bit division, and a software one per digit
/// would cost more than the rest of an evaluation.
pub fn push_int(out: &mut String, value: u128) {
    let mut digits = [0u8; 40];
    let mut start = digits.len();
    let mut push = |digit: u8| {
        start -= 1;
        if let Some(slot) = digits.get_mut(start) {
            *slot = b'0' + digit;
        }
    };
    match u64::try_from(value) {
        Ok(mut small) => loop {
            push((small % 10) as u8);
            small /= 10;
            if small == 0 {
                break;
            }
        },
        Err(_) => {
            let mut big = value;
            loop {
                push((big % 10) as u8);
                big /= 10;
                if big == 0 {
                    break;
                }
            }
        }
    }
    // Only ASCII digits were written.
    if let Some(text) = digits.get(start..).and_then(|d| core::str::from_utf8(d).ok()) {
        out.push_str(text);
    }
}

/// The decimal digits of a whole number.
pub fn int_text(value: u128) -> String {
    let mut out = String::with_capacity(8);
    push_int(&mut out, value);
    out
}

/// Prints `value / 10^places` as normalised decimal text (trailing zeros dropped).
pub fn fixed_to_plain(value: i128, places: u32) -> String {
    let digits = int_text(value.unsigned_abs());
    let places = places as usize;
    let (int_part, frac_part) = if digits.len() > places {
        digits.split_at(digits.len() - places)
    } else {
        ("", digits.as_str())
    };
    let mut out = String::with_capacity(digits.len() + 3);
    if value < 0 {
        out.push('-');
    }
    if int_part.is_empty() {
        out.push('0');
    } else {
        out.push_str(int_part);
    }
    let frac = frac_part.trim_end_matches('0');
    if !frac.is_empty() {
        out.push('.');
        for _ in frac_part.len()..places {
            out.push('0');
        }
        out.push_str(frac);
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
    let (int_part, frac_part) = match rest.find('.') {
        Some(at) => rest.split_at(at),
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
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => {
            let (m, e) = rest.split_at(at);
            (m, parse_exponent(e.get(1..).unwrap_or(""))?)
        }
        None => (rest, 0),
    };
    let (int_part, frac_part) = match mantissa.find('.') {
        Some(at) => (
            mantissa.get(..at).unwrap_or(""),
            mantissa.get(at + 1..).unwrap_or(""),
        ),
        None => (mantissa, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int_part.is_empty()
        || !all_digits(int_part)
        || !all_digits(frac_part)
        || (mantissa.contains('.') && frac_part.is_empty())
    {
        return Err(NumberError::NotANumber);
    }
    from_parts(negative, int_part, frac_part, exponent, whole)
}

/// Reads an exponent (`+5`, `-3`, `12`), saturating far beyond any accepted figure.
fn parse_exponent(text: &str) -> Result<i64, NumberError> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or("")),
        Some(b'+') => (false, text.get(1..).unwrap_or("")),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
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
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
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
    let (negative, rest) = match ascii.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, ascii.as_str()),
    };
    let (int_part, frac_part) = match rest.find('.') {
        Some(at) => (rest.get(..at).unwrap_or(""), rest.get(at + 1..)),
        None => (rest, None),
    };
    let int_digits = ungroup(int_part).ok_or(NumberError::NotANumber)?;
    let frac_part = match frac_part {
        None => "",
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => f,
        Some(_) => return Err(NumberError::NotANumber),
    };
    from_parts(negative, &int_digits, frac_part, 0, whole).map(Some)
}

/// The digits of an integer part written plainly (`300000`) or in groups of three
/// (`300,000`); `None` for anything else (`1,2,3`, `3000,000`, empty).
fn ungroup(int_part: &str) -> Option<String> {
    if int_part.is_empty() {
        return None;
    }
    let mut groups = int_part.split(',');
    let first = groups.next()?;
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !is_digits(first) {
        return None;
    }
    let mut digits = String::from(first);
    if int_part.contains(',') {
        if first.len() > 3 {
            return None;
        }
        for group in groups {
            if group.len() != 3 || !is_digits(group) {
                return None;
            }
            digits.push_str(group);
        }
    }
    Some(digits)
}

/// The value `int_part.frac_part × 10^exponent`, checked in the documented order.
fn from_parts(
    negative: bool,
    int_part: &str,
    frac_part: &str,
    exponent: i64,
    whole: bool,
) -> Result<Dec, NumberError> {
    // All significant digits, and the power of ten of the last one.
    let joined = format_digits(int_part, frac_part);
    let digits = joined.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(Dec::ZERO); // -0 is zero
    }
    if negative {
        return Err(NumberError::Negative);
    }
    let significant = digits.trim_end_matches('0');
    let low_exponent = exponent
        .saturating_sub(frac_part.len() as i64)
        .saturating_add((digits.len() - significant.len()) as i64);
    let int_len = (significant.len() as i64).saturating_add(low_exponent);
    if int_len > MAX_INT_DIGITS {
        return Err(NumberError::TooLarge);
    }
    // At most 13 digits before the point: read them exactly.
    let int_value = if int_len <= 0 {
        0
    } else {
        let head_len = (int_len as usize).min(significant.len());
        let head = significant.get(..head_len).unwrap_or("");
        let padding = int_len as u32 - head_len as u32;
        digits_value(head).saturating_mul(10_i128.pow(padding))
    };
    let has_fraction = low_exponent < 0;
    if int_value > MAX_UNITS || (int_value == MAX_UNITS && has_fraction) {
        return Err(NumberError::TooLarge);
    }
    if whole && has_fraction {
        return Err(NumberError::NotWhole);
    }
    if low_exponent < -(PLACES as i64) {
        return Err(NumberError::TooPrecise);
    }
    // Now at most 13 + 6 significant digits: the value fits easily.
    let shift = (low_exponent + PLACES as i64) as u32;
    Ok(Dec(digits_value(significant).saturating_mul(10_i128.pow(shift))))
}

fn format_digits(int_part: &str, frac_part: &str) -> String {
    let mut all = String::with_capacity(int_part.len() + frac_part.len());
    all.push_str(int_part);
    all.push_str(frac_part);
    all
}

/// The value of a run of ASCII digits (callers pass at most 19 of them).
fn digits_value(digits: &str) -> i128 {
    digits.bytes().fold(0_i128, |acc, b| {
        acc.saturating_mul(10).saturating_add(i128::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Result<Option<String>, &'static str> {
        parse_text(s, false)
            .map(|d| d.map(Dec::to_plain))
            .map_err(NumberError::code)
    }

    fn json(s: &str) -> Result<String, &'static str> {
        parse_json_number(s, false)
            .map(Dec::to_plain)
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
        assert_eq!(parse_text("2.0", true).map(|d| d.map(Dec::to_plain)), Ok(Some("2".into())));
        assert_eq!(parse_text("2.5", true), Err(NumberError::NotWhole));
        assert_eq!(parse_text("2.00000001", true), Err(NumberError::NotWhole));
        assert_eq!(parse_text("5000000000000.5", true), Err(NumberError::TooLarge));
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
        assert_eq!(int_text(0), "0");
        assert_eq!(int_text(u128::MAX), u128::MAX.to_string());
        assert_eq!(fixed_to_plain(1_500, 6), "0.0015");
        assert_eq!(fixed_to_plain(-2_500_000, 6), "-2.5");
        assert_eq!(grouped("226247.5"), "226,247.5");
        assert_eq!(grouped("1000"), "1,000");
        assert_eq!(grouped("100"), "100");
        assert_eq!(grouped("-1234567"), "-1,234,567");
    }
}
