//! Exact fractions for the ratio checks: comparisons by cross-multiplication, display by
//! cutting (never rounding up across a threshold) and gaps by rounding up.
//!
//! Every operation is checked: an overflow gives `None`, which the engine reports as a
//! figure too large to judge rather than a wrong verdict. Within the accepted range of
//! figures (≤ 10^12 with six places) no overflow is reachable.
//!
//! Denominators are mostly powers of ten (millionths, percent), so where one denominator
//! divides the other the operations below keep it rather than multiply them: the numbers
//! then stay within 64 bits, which is what makes 128-bit arithmetic cheap (in WebAssembly
//! a 128-bit division is a long software routine).

use core::cmp::Ordering;

use cluster_check_model::number::{fixed_to_plain, Dec, Plain, SCALE};

/// `num / den`, with `den > 0`. Not kept in lowest terms: with the engine's magnitudes
/// (≤ 10^18 over ≤ 1.5 × 10^7) products of two fit `i128`, and reducing by a 128-bit gcd
/// on every step would cost more than all the rest of an evaluation. Only an operation
/// that would overflow reduces its operands first and tries again.
#[derive(Clone, Copy, Debug)]
pub struct Ratio {
    num: i128,
    den: i128,
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Ratio) -> bool {
        self.compare(*other) == Some(Ordering::Equal)
    }
}

/// `a × b`, checked. Two numbers that fit 32 bits multiply in one 64-bit instruction; two
/// of at most 126 significant bits between them cannot overflow and need no check. That is
/// nearly every product the engine makes: in WebAssembly a checked 128-bit product is a
/// slow library call.
fn mul(a: i128, b: i128) -> Option<i128> {
    if let (Ok(a), Ok(b)) = (i32::try_from(a), i32::try_from(b)) {
        return Some(i128::from(i64::from(a) * i64::from(b)));
    }
    let bits = |x: i128| 128 - x.unsigned_abs().leading_zeros();
    if bits(a) + bits(b) <= 126 {
        Some(a.wrapping_mul(b))
    } else {
        a.checked_mul(b)
    }
}

/// `a ÷ b` rounded toward zero, and the remainder; in 64-bit arithmetic when both fit, as
/// they nearly always do (WebAssembly has no 128-bit division). `None` when `b` is zero.
fn div_rem(a: i128, b: i128) -> Option<(i128, i128)> {
    // The remainder from the quotient: one division, where WebAssembly would make two.
    if let (Ok(a), Ok(b)) = (i64::try_from(a), i64::try_from(b)) {
        if let Some(q) = a.checked_div(b) {
            return Some((q.into(), (a - q * b).into()));
        }
    }
    let q = a.checked_div(b)?;
    Some((q, a - q * b))
}

/// `a ÷ b` when it is a whole number.
fn exact_quotient(a: i128, b: i128) -> Option<i128> {
    match div_rem(a, b)? {
        (quotient, 0) => Some(quotient),
        _ => None,
    }
}

/// The greatest common divisor, by Stein's algorithm: shifts and subtractions, where
/// Euclid's would divide 128 bits dozens of times (in software, in WebAssembly).
fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    if a == 0 || b == 0 {
        return i128::try_from(a | b).unwrap_or(1);
    }
    let twos = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        // Both odd: their difference is even, and shares their odd divisors.
        b >>= b.trailing_zeros();
        if a > b {
            core::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return i128::try_from(a << twos).unwrap_or(1);
        }
    }
}

impl Ratio {
    /// `num / den`; `None` when `den` is zero.
    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        match den {
            0 => None,
            d if d < 0 => Some(Ratio { num: num.checked_neg()?, den: d.checked_neg()? }),
            _ => Some(Ratio { num, den }),
        }
    }

    /// The whole number `n`.
    pub const fn int(n: i128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    /// The exact value of a decimal figure.
    pub fn dec(d: Dec) -> Ratio {
        Ratio { num: d.micros(), den: SCALE }
    }

    /// The same value in lowest terms.
    fn reduced(self) -> Ratio {
        let g = gcd(self.num, self.den).max(1);
        Ratio { num: self.num / g, den: self.den / g }
    }

    /// `self × other`.
    pub fn mul(self, other: Ratio) -> Option<Ratio> {
        if let (Some(num), Some(den)) = (mul(self.num, other.num), mul(self.den, other.den)) {
            return Some(Ratio { num, den });
        }
        // Cross-reduce, then try again.
        let (a, b) = (self.reduced(), other.reduced());
        let g1 = gcd(a.num, b.den).max(1);
        let g2 = gcd(b.num, a.den).max(1);
        Ratio::new((a.num / g1).checked_mul(b.num / g2)?, (a.den / g2).checked_mul(b.den / g1)?)
    }

    /// `self ÷ other`; `None` when `other` is zero.
    pub fn div(self, other: Ratio) -> Option<Ratio> {
        if other.num == 0 {
            return None;
        }
        if self.den == other.den {
            return Ratio::new(self.num, other.num);
        }
        self.mul(Ratio::new(other.den, other.num)?)
    }

    /// `self + other`.
    pub fn add(self, other: Ratio) -> Option<Ratio> {
        let direct = || -> Option<Ratio> {
            if self.den == other.den {
                return Some(Ratio { num: self.num.checked_add(other.num)?, den: self.den });
            }
            // Only the larger denominator can be a multiple of the other.
            if other.den > self.den {
                if let Some(factor) = exact_quotient(other.den, self.den) {
                    return Some(Ratio { num: mul(self.num, factor)?.checked_add(other.num)?, den: other.den });
                }
            } else if let Some(factor) = exact_quotient(self.den, other.den) {
                return Some(Ratio { num: self.num.checked_add(mul(other.num, factor)?)?, den: self.den });
            }
            let left = mul(self.num, other.den)?;
            let right = mul(other.num, self.den)?;
            Ratio::new(left.checked_add(right)?, mul(self.den, other.den)?)
        };
        direct().or_else(|| {
            let (a, b) = (self.reduced(), other.reduced());
            let g = gcd(a.den, b.den).max(1);
            let left = a.num.checked_mul(b.den / g)?;
            let right = b.num.checked_mul(a.den / g)?;
            Ratio::new(left.checked_add(right)?, (a.den / g).checked_mul(b.den)?)
        })
    }

    /// `self − other`.
    pub fn sub(self, other: Ratio) -> Option<Ratio> {
        self.add(Ratio { num: other.num.checked_neg()?, den: other.den })
    }

    /// Exact comparison by cross-multiplication.
    pub fn compare(self, other: Ratio) -> Option<Ordering> {
        if self.den == other.den {
            return Some(self.num.cmp(&other.num));
        }
        let cross = |a: Ratio, b: Ratio| Some(mul(a.num, b.den)?.cmp(&mul(b.num, a.den)?));
        cross(self, other).or_else(|| cross(self.reduced(), other.reduced()))
    }

    /// Decimal text cut to at most `places` (≤ 9) decimals: down (toward −∞), or up
    /// (toward +∞) when `up`. Cut toward the side that fails its threshold — down for a
    /// lower bound, up for an upper bound — a value shown never meets a threshold that the
    /// exact value does not.
    pub fn cut(self, places: u32, up: bool) -> Option<Plain> {
        let scale = i128::from(10_i64.pow(places.min(9)));
        // `num × scale ÷ den`: in 64 bits when the product fits; else, when `den` is a
        // multiple of `scale`, as `num ÷ (den ÷ scale)`, which stays small.
        let (quotient, remainder) = match mul(self.num, scale) {
            Some(scaled) if i64::try_from(scaled).is_ok() => div_rem(scaled, self.den)?,
            scaled => match (exact_quotient(self.den, scale), scaled) {
                (Some(den), _) => div_rem(self.num, den)?,
                (None, Some(scaled)) => div_rem(scaled, self.den)?,
                (None, None) => {
                    let r = self.reduced();
                    div_rem(mul(r.num, scale)?, r.den)?
                }
            },
        };
        // The quotient is toward zero and `den > 0`: the remainder has the sign of what was cut.
        let shown = match (up, remainder.signum()) {
            (false, -1) => quotient.checked_sub(1)?,
            (true, 1) => quotient.checked_add(1)?,
            _ => quotient,
        };
        Some(fixed_to_plain(shown, places))
    }

    /// `self` to the power `n`.
    pub fn pow(self, n: u32) -> Option<Ratio> {
        let mut out = Ratio::int(1);
        for _ in 0..n {
            out = out.mul(self)?;
        }
        Some(out)
    }

    /// The value rounded up (toward +∞) to whole millionths, so that a gap of that size
    /// really reaches the threshold.
    pub fn ceil_micros(self) -> Option<i128> {
        // `num × SCALE ÷ den`; as `num ÷ (den ÷ SCALE)` when `den` is a multiple of
        // `SCALE`, as it usually is.
        let (num, den) = match exact_quotient(self.den, SCALE) {
            Some(den) => (self.num, den),
            None => {
                let r = if mul(self.num, SCALE).is_some() { self } else { self.reduced() };
                (mul(r.num, SCALE)?, r.den)
            }
        };
        // Toward zero, then up by one when something positive was cut off (`den > 0`).
        let (quotient, remainder) = div_rem(num, den)?;
        if remainder > 0 {
            quotient.checked_add(1)
        } else {
            Some(quotient)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cluster_check_model::number::PLACES;

    fn ceil_text(x: Ratio) -> String {
        fixed_to_plain(x.ceil_micros().unwrap(), PLACES).as_str().to_owned()
    }

    fn r(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d).unwrap()
    }

    #[test]
    fn float_trap_is_exact() {
        // 2262.47 / 226247 is exactly one hundredth.
        let rd = r(226_247, 100);
        let revenue = Ratio::int(226_247);
        assert_eq!(rd.div(revenue).unwrap().compare(r(1, 100)), Some(Ordering::Equal));
    }

    #[test]
    fn cut_and_ceil() {
        assert_eq!(r(1, 3).mul(Ratio::int(100)).unwrap().cut(4, false).unwrap().as_str(), "33.3333");
        assert_eq!(r(6_499_996, 100_000).cut(4, false).unwrap().as_str(), "64.9999");
        assert_eq!(r(1, 3).cut(4, true).unwrap().as_str(), "0.3334");
        assert_eq!(r(-1, 3).cut(4, false).unwrap().as_str(), "-0.3334");
        assert_eq!(r(-1, 3).cut(4, true).unwrap().as_str(), "-0.3333");
        assert_eq!(r(10_000_001, 100_000).cut(4, true).unwrap().as_str(), "100.0001");
        assert_eq!(Ratio::int(7).cut(4, true).unwrap().as_str(), "7");
        assert_eq!(ceil_text(r(10, 3)), "3.333334");
        assert_eq!(ceil_text(r(452, 10)), "45.2");
        assert_eq!(ceil_text(r(-1, 3)), "-0.333333");
    }

    #[test]
    fn greatest_common_divisors() {
        for (a, b, g) in [(0, 0, 0), (0, 7, 7), (-12, 0, 12), (12, 18, 6), (-48, 180, 12), (17, 5, 1), (1 << 100, 3 << 90, 1 << 90)] {
            assert_eq!(gcd(a, b), g, "gcd({a}, {b})");
        }
    }

    #[test]
    fn powers() {
        assert_eq!(r(11, 10).pow(2), Some(r(121, 100)));
        assert_eq!(r(11, 10).pow(0), Some(Ratio::int(1)));
        assert!(Ratio::int(i128::MAX / 2).pow(2).is_none());
    }

    #[test]
    fn arithmetic() {
        assert_eq!(r(1, 6).add(r(1, 3)), Some(r(1, 2)));
        assert_eq!(r(1, 2).sub(r(1, 3)), Some(r(1, 6)));
        assert_eq!(r(1, 2).div(Ratio::int(0)), None);
        assert_eq!(Ratio::new(1, 0), None);
        assert!(Ratio::int(i128::MAX).mul(Ratio::int(2)).is_none());
        // Products that overflow unreduced are reduced and tried again.
        let big = r(10_i128.pow(20), 3 * 10_i128.pow(20));
        assert_eq!(big.mul(big), Some(r(1, 9)));
        assert_eq!(big.add(big), Some(r(2, 3)));
        assert_eq!(big.compare(r(1, 3)), Some(Ordering::Equal));
    }
}
