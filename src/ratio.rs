//! Exact fractions for the ratio checks: comparisons by cross-multiplication, display by
//! cutting (never rounding up across a threshold) and gaps by rounding up.
//!
//! Every operation is checked: an overflow gives `None`, which the engine reports as a
//! figure too large to judge rather than a wrong verdict. Within the accepted range of
//! figures (≤ 10^12 with six places) no overflow is reachable.

use core::cmp::Ordering;

use crate::number::{fixed_to_plain, Dec, SCALE};

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

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
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
        if let (Some(num), Some(den)) = (self.num.checked_mul(other.num), self.den.checked_mul(other.den)) {
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
        self.mul(Ratio::new(other.den, other.num)?)
    }

    /// `self + other`.
    pub fn add(self, other: Ratio) -> Option<Ratio> {
        let direct = || -> Option<Ratio> {
            if self.den == other.den {
                return Some(Ratio { num: self.num.checked_add(other.num)?, den: self.den });
            }
            let left = self.num.checked_mul(other.den)?;
            let right = other.num.checked_mul(self.den)?;
            Ratio::new(left.checked_add(right)?, self.den.checked_mul(other.den)?)
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
        let cross = |a: Ratio, b: Ratio| Some(a.num.checked_mul(b.den)?.cmp(&b.num.checked_mul(a.den)?));
        cross(self, other).or_else(|| cross(self.reduced(), other.reduced()))
    }

    /// Decimal text cut (toward zero) to at most `places` decimals, so that a value shown
    /// never reaches a threshold that the exact value does not.
    pub fn cut(self, places: u32) -> Option<String> {
        let scale = 10_i128.checked_pow(places)?;
        let scaled = match self.num.checked_mul(scale) {
            Some(scaled) => scaled / self.den,
            None => {
                let r = self.reduced();
                r.num.checked_mul(scale)? / r.den
            }
        };
        Some(fixed_to_plain(scaled, places))
    }

    /// The value rounded up (toward +∞) to whole millionths, so that a gap of that size
    /// really reaches the threshold.
    pub fn ceil_micros(self) -> Option<i128> {
        let r = if self.num.checked_mul(SCALE).is_some() { self } else { self.reduced() };
        let scaled = r.num.checked_mul(SCALE)?;
        let quotient = scaled.div_euclid(r.den);
        Some(if scaled.rem_euclid(r.den) == 0 {
            quotient
        } else {
            quotient.checked_add(1)?
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::PLACES;

    fn ceil_text(x: Ratio) -> String {
        fixed_to_plain(x.ceil_micros().unwrap(), PLACES)
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
        assert_eq!(r(1, 3).mul(Ratio::int(100)).unwrap().cut(4).unwrap(), "33.3333");
        assert_eq!(r(6_499_996, 100_000).cut(4).unwrap(), "64.9999");
        assert_eq!(ceil_text(r(10, 3)), "3.333334");
        assert_eq!(ceil_text(r(452, 10)), "45.2");
        assert_eq!(ceil_text(r(-1, 3)), "-0.333333");
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
