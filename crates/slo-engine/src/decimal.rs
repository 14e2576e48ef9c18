//! Exact conversions between `f64` and decimal text, both ways.
//!
//! The same results as the standard library's `{:.N}`, `{}` and `str::parse::<f64>()`
//! (property-tested against them), from exact integer arithmetic instead of the
//! standard library's lookup tables, which cost the browser download about 25 KB. A
//! double is `m × 2^e` exactly, so its decimal expansion is the digits of `m × 5^−e`
//! (or `m × 2^e`), and text is read by comparing it exactly with the halfway points
//! between neighbouring doubles.

use std::cmp::Ordering;

/// An unsigned big integer, 32-bit limbs, least significant first.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn add_small(&mut self, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            if carry == 0 {
                return;
            }
            let v = u64::from(*limb) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow5(&mut self, mut n: u32) {
        while n >= 13 {
            self.mul_small(1_220_703_125);
            n -= 13;
        }
        self.mul_small(5u32.pow(n));
    }

    fn shl(&mut self, n: u32) {
        let (words, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = v;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if !self.0.is_empty() {
            self.0.splice(0..0, std::iter::repeat_n(0, words));
        }
    }

    /// Divides in place by `d`, returning the remainder.
    fn div_small(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for limb in self.0.iter_mut().rev() {
            let v = (rem << 32) | u64::from(*limb);
            *limb = (v / u64::from(d)) as u32;
            rem = v % u64::from(d);
        }
        self.trim();
        rem as u32
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

/// A finite non-negative double as `(mantissa, exponent)`: the value is `m × 2^e`.
fn decompose(v: f64) -> (u64, i32) {
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    }
}

/// The exact decimal digits of a finite non-negative double and the power of ten of
/// the last one: the value is `digits × 10^exp10` (no leading zeros; "0" for zero).
fn exact_digits(v: f64) -> (Vec<u8>, i32) {
    if v == 0.0 {
        return (vec![0], 0);
    }
    let (m, e) = decompose(v);
    let mut n = Big::from_u64(m);
    let exp10 = if e >= 0 {
        n.shl(e as u32);
        0
    } else {
        n.mul_pow5((-e) as u32);
        e
    };
    let mut digits = Vec::new();
    while !n.0.is_empty() {
        let mut chunk = n.div_small(1_000_000_000);
        for _ in 0..9 {
            digits.push((chunk % 10) as u8);
            chunk /= 10;
        }
    }
    while digits.len() > 1 && digits.last() == Some(&0) {
        digits.pop();
    }
    if digits.is_empty() {
        digits.push(0);
    }
    digits.reverse();
    (digits, exp10)
}

/// `digits × 10^exp10` rounded to `keep` leading digits (which may be 0 or negative:
/// everything rounds away), ties to even or, with `ties_up`, up; returns the kept
/// digits and their exponent.
fn round(digits: &[u8], exp10: i32, keep: i64, ties_up: bool) -> (Vec<u8>, i32) {
    let len = digits.len() as i64;
    if keep >= len {
        return (digits.to_vec(), exp10);
    }
    let dropped = len - keep;
    let new_exp = exp10 + dropped as i32;
    let (kept, rest): (&[u8], &[u8]) = if keep > 0 {
        digits.split_at(keep as usize)
    } else {
        (&[], digits)
    };
    // The dropped part against one half of the last kept place.
    let half = if keep < 0 {
        Ordering::Less
    } else {
        match rest.first() {
            Some(d) if *d > 5 => Ordering::Greater,
            Some(5) if rest[1..].iter().any(|d| *d != 0) => Ordering::Greater,
            Some(5) => Ordering::Equal,
            _ => Ordering::Less,
        }
    };
    let mut out = kept.to_vec();
    let odd = out.last().is_some_and(|d| d % 2 == 1);
    if half == Ordering::Greater || (half == Ordering::Equal && (odd || ties_up)) {
        let mut i = out.len();
        loop {
            if i == 0 {
                out.insert(0, 1);
                break;
            }
            i -= 1;
            if out[i] == 9 {
                out[i] = 0;
            } else {
                out[i] += 1;
                break;
            }
        }
    }
    if out.is_empty() {
        out.push(0);
    }
    (out, new_exp)
}

/// `digits × 10^exp10` written without an exponent, at least `decimals` decimals.
fn write_plain(negative: bool, digits: &[u8], exp10: i32, decimals: usize) -> String {
    let mut s = String::new();
    if negative {
        s.push('-');
    }
    let len = digits.len() as i64;
    let int_len = len + i64::from(exp10);
    if int_len <= 0 {
        s.push('0');
    } else {
        for i in 0..int_len {
            s.push(char::from(b'0' + digits.get(i as usize).copied().unwrap_or(0)));
        }
    }
    let frac_digits = (-i64::from(exp10)).max(decimals as i64);
    if frac_digits > 0 {
        s.push('.');
        for i in int_len..int_len + frac_digits {
            let d = if i < 0 {
                0
            } else {
                digits.get(i as usize).copied().unwrap_or(0)
            };
            s.push(char::from(b'0' + d));
        }
    }
    s
}

fn special(v: f64) -> Option<String> {
    if v.is_nan() {
        Some("NaN".to_owned())
    } else if v.is_infinite() {
        Some(if v > 0.0 { "inf" } else { "-inf" }.to_owned())
    } else {
        None
    }
}

/// `v` with exactly `decimals` decimals, rounded half to even: `format!("{v:.decimals$}")`.
pub fn fixed(v: f64, decimals: usize) -> String {
    if let Some(s) = special(v) {
        return s;
    }
    let (digits, exp10) = exact_digits(v.abs());
    let keep = digits.len() as i64 + i64::from(exp10) + decimals as i64;
    let (digits, exp10) = round(&digits, exp10, keep, false);
    write_plain(v.is_sign_negative(), &digits, exp10, decimals)
}

/// The shortest text that reads back to `v`, without an exponent: `format!("{v}")`.
pub fn shortest(v: f64) -> String {
    if let Some(s) = special(v) {
        return s;
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0" } else { "0" }.to_owned();
    }
    let (digits, exp10) = exact_digits(v.abs());
    for p in 1..=17 {
        // The standard library's shortest form rounds a tie up.
        let (d, e) = round(&digits, exp10, p, true);
        if parse_digits(&d, e) == v.abs() {
            let (d, e) = strip(d, e);
            return write_plain(v < 0.0, &d, e, 0);
        }
    }
    let (d, e) = strip(digits, exp10);
    write_plain(v < 0.0, &d, e, 0)
}

fn strip(mut d: Vec<u8>, mut e: i32) -> (Vec<u8>, i32) {
    while d.len() > 1 && d.last() == Some(&0) {
        d.pop();
        e += 1;
    }
    (d, e)
}

/// The most significant digits read exactly; beyond them a sticky digit stands for
/// the rest (a halfway point between doubles has at most 767 significant digits).
const MAX_DIGITS: usize = 800;

/// Reads decimal text as `str::parse::<f64>()` does: an optional sign, digits with an
/// optional point, an optional exponent; also `inf`, `infinity` and `nan` in any case.
/// `None` when it is not a number.
pub fn parse(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let sign = |v: f64| if negative { -v } else { v };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Some(sign(f64::INFINITY));
    }
    if lower == "nan" {
        return Some(f64::NAN);
    }
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut digits = Vec::new();
    let mut exp10: i64 = 0;
    let mut seen = false;
    let mut sticky = false;
    let mut push = |d: u8, digits: &mut Vec<u8>, exp10: &mut i64, fraction: bool| {
        if digits.is_empty() && d == 0 {
            if fraction {
                *exp10 -= 1;
            }
            return;
        }
        if digits.len() < MAX_DIGITS {
            digits.push(d);
            if fraction {
                *exp10 -= 1;
            }
        } else {
            sticky |= d != 0;
            if !fraction {
                *exp10 += 1;
            }
        }
    };
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        push(bytes[i] - b'0', &mut digits, &mut exp10, false);
        seen = true;
        i += 1;
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            push(bytes[i] - b'0', &mut digits, &mut exp10, true);
            seen = true;
            i += 1;
        }
    }
    if !seen {
        return None;
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        let neg = match bytes.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            e = (e * 10 + i64::from(bytes[i] - b'0')).min(1_000_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp10 += if neg { -e } else { e };
    }
    if i != bytes.len() {
        return None;
    }
    if sticky {
        digits.push(1);
        exp10 -= 1;
    }
    let exp10 = exp10.clamp(-100_000, 100_000) as i32;
    Some(sign(parse_digits(&digits, exp10)))
}

/// The double nearest `digits × 10^exp10` (ties to even).
fn parse_digits(digits: &[u8], exp10: i32) -> f64 {
    if digits.iter().all(|d| *d == 0) {
        return 0.0;
    }
    let magnitude = digits.len() as i32 + exp10;
    if magnitude > 310 {
        return f64::INFINITY;
    }
    if magnitude < -330 {
        return 0.0;
    }
    // A guess within a few units in the last place, from the first 19 digits.
    let head: u64 = digits.iter().take(19).fold(0, |n, d| n * 10 + u64::from(*d));
    let head_exp = exp10 + digits.len().saturating_sub(19) as i32;
    if head_exp.abs() <= 22 && digits.len() <= 15 {
        // Exact operands, one rounding: the correctly rounded result.
        let p = 10f64.powi(head_exp.abs());
        return if head_exp < 0 {
            head as f64 / p
        } else {
            head as f64 * p
        };
    }
    // Powers of ten by exact factors of at most 10^22: a few units in the last place.
    let mut guess = head as f64;
    let mut e = head_exp;
    while e >= 22 && guess.is_finite() {
        guess *= 1e22;
        e -= 22;
    }
    while e <= -22 {
        guess /= 1e22;
        e += 22;
    }
    guess = if e >= 0 {
        guess * 10f64.powi(e)
    } else {
        guess / 10f64.powi(-e)
    };
    if !guess.is_finite() {
        guess = f64::MAX;
    }
    let mut x = Big::from_u64(0);
    for d in digits {
        x.mul_small(10);
        x.add_small(u32::from(*d));
    }
    // Walk to the double whose rounding interval holds the value.
    for _ in 0..64 {
        match compare_midpoint(&x, exp10, guess, next_up(guess)) {
            Ordering::Greater => {
                if guess == f64::MAX {
                    return f64::INFINITY;
                }
                guess = next_up(guess);
                continue;
            }
            Ordering::Equal => {
                let up = next_up(guess);
                return if decompose(guess).0 % 2 == 0 { guess } else { up };
            }
            Ordering::Less => {}
        }
        if guess == 0.0 {
            return 0.0;
        }
        let down = next_down(guess);
        match compare_midpoint(&x, exp10, down, guess) {
            Ordering::Less => guess = down,
            Ordering::Equal => return if decompose(guess).0 % 2 == 0 { guess } else { down },
            Ordering::Greater => return guess,
        }
    }
    guess
}

fn next_up(v: f64) -> f64 {
    if v == f64::MAX {
        // The midpoint towards 2^1024, for rounding to infinity.
        return f64::INFINITY;
    }
    f64::from_bits(v.to_bits() + 1)
}

fn next_down(v: f64) -> f64 {
    f64::from_bits(v.to_bits() - 1)
}

/// `x × 10^exp10` against the midpoint of the doubles `low` and `high` (its upper
/// neighbour, infinity standing for 2^1024).
fn compare_midpoint(x: &Big, exp10: i32, low: f64, high: f64) -> Ordering {
    let (ml, el) = decompose(low);
    let (mh, eh) = if high.is_infinite() {
        (1u64 << 53, 971)
    } else {
        decompose(high)
    };
    // Midpoint = (ml × 2^el + mh × 2^eh) / 2 = (ml + mh × 2^(eh − el)) × 2^(el − 1).
    let mut mid = Big::from_u64(mh);
    mid.shl((eh - el) as u32);
    let mut low_big = Big::from_u64(ml);
    // mid += low_big
    add(&mut mid, &mut low_big);
    let mut lhs = x.clone();
    let mut twos = -(el - 1);
    if exp10 >= 0 {
        lhs.mul_pow5(exp10 as u32);
    } else {
        mid.mul_pow5((-exp10) as u32);
    }
    twos += exp10;
    if twos >= 0 {
        lhs.shl(twos as u32);
    } else {
        mid.shl((-twos) as u32);
    }
    lhs.cmp(&mid)
}

fn add(a: &mut Big, b: &mut Big) {
    let mut carry = 0u64;
    let n = a.0.len().max(b.0.len());
    a.0.resize(n, 0);
    for i in 0..n {
        let v = u64::from(a.0[i]) + u64::from(b.0.get(i).copied().unwrap_or(0)) + carry;
        a.0[i] = v as u32;
        carry = v >> 32;
    }
    if carry > 0 {
        a.0.push(carry as u32);
    }
}

/// A number shown in its shortest form (as `{}` shows an `f64`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&shortest(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert_eq!(fixed(0.125, 2), "0.12");
        assert_eq!(fixed(0.375, 2), "0.38");
        assert_eq!(fixed(2.5, 0), "2");
        assert_eq!(fixed(-0.001, 2), "-0.00");
        assert_eq!(fixed(99.95, 1), format!("{:.1}", 99.95));
        assert_eq!(fixed(1e21, 1), "1000000000000000000000.0");
        assert_eq!(shortest(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(shortest(1e-7), "0.0000001");
        assert_eq!(shortest(100.0), "100");
        assert_eq!(shortest(f64::MIN_POSITIVE), format!("{}", f64::MIN_POSITIVE));
        assert_eq!(parse("99.95"), Some(99.95));
        assert_eq!(parse("1e400"), Some(f64::INFINITY));
        assert_eq!(parse("4.9406564584124654e-324"), Some(5e-324));
        assert_eq!(parse("2.4703282292062327e-324"), Some(0.0));
        assert_eq!(parse("2.4703282292062328e-324"), Some(5e-324));
        assert_eq!(parse("."), None);
        assert_eq!(parse("1e"), None);
        assert_eq!(parse("1.5x"), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn the_same_as_the_standard_library(bits in any::<u64>(), decimals in 0usize..20) {
            let v = f64::from_bits(bits);
            prop_assert_eq!(shortest(v), format!("{v}"));
            prop_assert_eq!(fixed(v, decimals), format!("{v:.decimals$}"));
            if v.is_finite() {
                prop_assert_eq!(parse(&shortest(v)).map(f64::to_bits), Some(v.to_bits()));
            }
        }

        #[test]
        fn reading_matches_the_standard_library(
            int in "[0-9]{0,25}", frac in "[0-9]{0,25}", exp in -340i32..340, e in any::<bool>()
        ) {
            let text = if e { format!("{int}.{frac}e{exp}") } else { format!("{int}.{frac}") };
            let ours = parse(&text).map(f64::to_bits);
            let std = text.parse::<f64>().ok().map(f64::to_bits);
            prop_assert_eq!(ours, std, "{}", text);
        }

        #[test]
        fn plain_numbers_read_alike(v in -1e12f64..1e12, decimals in 0usize..8) {
            let text = format!("{v:.decimals$}");
            prop_assert_eq!(parse(&text), text.parse::<f64>().ok());
        }
    }
}
