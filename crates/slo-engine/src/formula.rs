//! Sums a reader can redo: the numbers of an explanation as data.
//!
//! A [`Term`] is built from numbers as they are shown (each [`Term::Number`] holds its
//! text and the value that text states) combined by the operations the explanation
//! names. It renders as the text under a figure and evaluates to what a reader redoing
//! the sum with the shown numbers gets; a [`Figure`] is the result as shown, with the
//! precision it is shown to. A test evaluates every explanation of every page and checks
//! that the sum gives the figure.

use std::fmt;

use crate::notation::{grouped, human_duration, trim_decimals};
use crate::time::Instant;

/// An arithmetic expression over numbers as shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// A number as shown, with its unit (`2,592,000 s`, `99.9%`), and the value its text
    /// states, in the unit the sum is computed in (`99.9%` states 0.999).
    Number {
        /// The text shown.
        text: String,
        /// What the text states.
        value: f64,
    },
    /// `a + b + …`
    Sum(Vec<Term>),
    /// `a − b`
    Difference(Box<Term>, Box<Term>),
    /// `a × b × …`
    Product(Vec<Term>),
    /// `a ÷ b`
    Quotient(Box<Term>, Box<Term>),
    /// `(1 − a)`
    Complement(Box<Term>),
    /// `⌊a⌋`
    Floor(Box<Term>),
    /// `−log10(a)`
    NegativeLog10(Box<Term>),
    /// `ln(a)`
    Ln(Box<Term>),
    /// `max(0, a)`
    AtLeastZero(Box<Term>),
    /// `(a)`: parentheses a reader sees, where they group a product's factors.
    Group(Box<Term>),
    /// A term followed by words that are not arithmetic: `(…) working instances`.
    Words(Box<Term>, String),
    /// Words where a sum would be, for a figure no closed sum gives; states nothing.
    Text(String),
}

/// `value` rounded to `digits` significant digits.
fn significant(value: f64, digits: usize) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    format!("{value:.*e}", digits - 1).parse().unwrap_or(value)
}

/// How many decimals the shortest text that reads back as `value` has.
fn decimals_of(value: f64) -> usize {
    let text = format!("{value}");
    text.split_once('.').map_or(0, |(_, f)| f.len())
}

/// How tightly an operation binds, for parentheses.
fn binding(t: &Term) -> u8 {
    match t {
        Term::Sum(_) | Term::Difference(..) | Term::Words(..) => 1,
        Term::Product(_) | Term::Quotient(..) => 2,
        _ => 3,
    }
}

impl Term {
    /// A number rounded to at most `decimals` decimals, grouped, followed by `unit` (if
    /// any): `Term::number(2_592_000.0, 0, "s")` shows `2,592,000 s`.
    pub fn number(value: f64, decimals: usize, unit: &str) -> Term {
        let text = grouped(value, decimals);
        Term::Number {
            text: if unit.is_empty() {
                text
            } else {
                format!("{text} {unit}")
            },
            value: trim_decimals(value, decimals).parse::<f64>().unwrap_or(value),
        }
    }

    /// A whole count: `1,440 windows`.
    pub fn count(n: u64, unit: &str) -> Term {
        Term::number(n as f64, 0, unit)
    }

    /// A computed number as exactly as a reader can use it: twelve significant digits,
    /// which drop a computation's noise (0.000999999999999943 → 0.001) and keep what a
    /// sum needs (a relative 5 × 10⁻¹³); grouped, then `unit`.
    pub fn exact(value: f64, unit: &str) -> Term {
        Term::exact_in(value, unit, 1.0)
    }

    /// [`Term::exact`] in a unit `scale` times the sum's: `Term::exact_in(172.8, "s per
    /// day", 1.0 / 86_400.0)` shows `172.8 s per day` and states 0.002 (s per s).
    pub fn exact_in(value: f64, unit: &str, scale: f64) -> Term {
        let value = significant(value, 12);
        let text = grouped(value, decimals_of(value));
        Term::Number {
            text: if unit.is_empty() {
                text
            } else {
                format!("{text} {unit}")
            },
            value: value * scale,
        }
    }

    /// A percentage as entered (99.9, not 0.999), to fifteen significant digits (every
    /// digit a person types: the distance to 100 % of 99.9999991234% matters), stating
    /// its fraction: `99.95123456%` states 0.9995123456.
    pub fn percent(percent: f64) -> Term {
        let value = significant(percent, 15);
        Term::Number {
            text: format!("{}%", trim_decimals(value, decimals_of(value))),
            value: value / 100.0,
        }
    }

    /// An instant in UTC, stating its Unix seconds.
    pub fn instant(t: Instant) -> Term {
        Term::Number {
            text: t.to_string(),
            value: t.unix_seconds() as f64,
        }
    }

    /// `a + b + …`
    pub fn sum(terms: Vec<Term>) -> Term {
        Term::Sum(terms)
    }

    /// `a × b × …`
    pub fn product(terms: Vec<Term>) -> Term {
        Term::Product(terms)
    }

    /// `a − b`
    pub fn minus(self, b: Term) -> Term {
        Term::Difference(Box::new(self), Box::new(b))
    }

    /// `a ÷ b`
    pub fn over(self, b: Term) -> Term {
        Term::Quotient(Box::new(self), Box::new(b))
    }

    /// `(1 − a)`
    pub fn complement(self) -> Term {
        Term::Complement(Box::new(self))
    }

    /// `⌊a⌋`
    pub fn floor(self) -> Term {
        Term::Floor(Box::new(self))
    }

    /// `−log10(a)`
    pub fn negative_log10(self) -> Term {
        Term::NegativeLog10(Box::new(self))
    }

    /// `ln(a)`
    pub fn ln(self) -> Term {
        Term::Ln(Box::new(self))
    }

    /// `max(0, a)`
    pub fn at_least_zero(self) -> Term {
        Term::AtLeastZero(Box::new(self))
    }

    /// `(a)`
    pub fn grouped(self) -> Term {
        Term::Group(Box::new(self))
    }

    /// The term followed by `words`.
    pub fn words(self, words: impl Into<String>) -> Term {
        Term::Words(Box::new(self), words.into())
    }

    /// What a reader redoing the sum with the numbers shown gets.
    pub fn value(&self) -> f64 {
        match self {
            Term::Number { value, .. } => *value,
            Term::Sum(terms) => terms.iter().map(Term::value).sum(),
            Term::Difference(a, b) => a.value() - b.value(),
            Term::Product(terms) => terms.iter().map(Term::value).product(),
            Term::Quotient(a, b) => a.value() / b.value(),
            Term::Complement(a) => 1.0 - a.value(),
            Term::Floor(a) => a.value().floor(),
            Term::NegativeLog10(a) => -a.value().log10(),
            Term::Ln(a) => a.value().ln(),
            Term::AtLeastZero(a) => a.value().max(0.0),
            Term::Group(a) | Term::Words(a, _) => a.value(),
            Term::Text(_) => f64::NAN,
        }
    }

    /// Every number shown in the term, in reading order.
    pub fn numbers(&self) -> Vec<(&str, f64)> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<(&'a str, f64)>) {
        match self {
            Term::Number { text, value } => out.push((text, *value)),
            Term::Sum(terms) | Term::Product(terms) => terms.iter().for_each(|t| t.collect(out)),
            Term::Difference(a, b) | Term::Quotient(a, b) => {
                a.collect(out);
                b.collect(out);
            }
            Term::Complement(a)
            | Term::Floor(a)
            | Term::NegativeLog10(a)
            | Term::Ln(a)
            | Term::AtLeastZero(a)
            | Term::Group(a)
            | Term::Words(a, _) => a.collect(out),
            Term::Text(_) => {}
        }
    }
}

/// Writes `t`, in parentheses when it binds more loosely than `at_least`.
fn operand(f: &mut fmt::Formatter<'_>, t: &Term, at_least: u8) -> fmt::Result {
    if binding(t) < at_least {
        write!(f, "({t})")
    } else {
        write!(f, "{t}")
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let joined = |f: &mut fmt::Formatter<'_>, terms: &[Term], sep: &str, at_least: u8| {
            for (i, t) in terms.iter().enumerate() {
                if i > 0 {
                    f.write_str(sep)?;
                }
                operand(f, t, at_least)?;
            }
            Ok(())
        };
        match self {
            Term::Number { text, .. } => f.write_str(text),
            Term::Sum(terms) => joined(f, terms, " + ", 2),
            Term::Difference(a, b) => {
                operand(f, a, 1)?;
                f.write_str(" − ")?;
                operand(f, b, 2)
            }
            Term::Product(terms) => joined(f, terms, " × ", 2),
            Term::Quotient(a, b) => {
                operand(f, a, 2)?;
                f.write_str(" ÷ ")?;
                operand(f, b, 3)
            }
            Term::Complement(a) => {
                f.write_str("(1 − ")?;
                operand(f, a, 2)?;
                f.write_str(")")
            }
            Term::Floor(a) => write!(f, "⌊{a}⌋"),
            Term::NegativeLog10(a) => write!(f, "−log10({a})"),
            Term::Ln(a) => write!(f, "ln({a})"),
            Term::AtLeastZero(a) => write!(f, "max(0, {a})"),
            Term::Group(a) => write!(f, "({a})"),
            Term::Words(a, words) => write!(f, "{a} {words}"),
            Term::Text(words) => f.write_str(words),
        }
    }
}

/// A result as shown, and what it states to the precision it is shown to.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The text shown (`2,592 s = 43m 12s`).
    pub text: String,
    /// The figure the text leads with, as computed (2,592), if it is a number a sum
    /// gives; `None` for words ("not within window") and for figures no closed sum gives
    /// (a fit, a bisection, a simulation).
    pub value: Option<f64>,
    /// Half a unit of the figure's last shown digit: a sum that gives the figure is
    /// within this of `value` and so shows the same digits, to one unit.
    pub resolution: f64,
}

impl Figure {
    /// Words, or a figure no closed sum gives.
    pub fn stated(text: impl Into<String>) -> Figure {
        Figure {
            text: text.into(),
            value: None,
            resolution: 0.0,
        }
    }

    /// `value` with at most `decimals` decimals, grouped, then `unit`.
    pub fn number(value: f64, decimals: usize, unit: &str) -> Figure {
        let text = grouped(value, decimals);
        Figure {
            text: if unit.is_empty() {
                text
            } else {
                format!("{text} {unit}")
            },
            value: Some(value),
            resolution: 0.5 * 10f64.powi(-(decimals as i32)),
        }
    }

    /// A whole number as [`crate::notation::number`] writes it: grouped, and as a power
    /// of ten with three significant digits from 10¹⁵ up.
    pub fn count(n: f64) -> Figure {
        Figure {
            text: crate::notation::number(n),
            value: Some(n),
            resolution: if n.abs() >= 1e15 { n.abs() * 5e-3 } else { 0.5 },
        }
    }

    /// A duration in seconds as [`human_duration`] writes it.
    pub fn duration(seconds: f64) -> Figure {
        Figure {
            text: human_duration(seconds),
            value: Some(seconds),
            resolution: duration_resolution(seconds),
        }
    }

    /// An instant, to within `resolution` seconds (the step of the series it was found on).
    pub fn instant(t: Instant, resolution: f64) -> Figure {
        Figure {
            text: t.to_string(),
            value: Some(t.unix_seconds() as f64),
            resolution: resolution.max(0.5),
        }
    }

    /// A share (0.4907) as a percentage with at most `decimals` decimals: `49.07%`.
    pub fn percent(fraction: f64, decimals: usize) -> Figure {
        Figure {
            text: format!("{}%", trim_decimals(fraction * 100.0, decimals)),
            value: Some(fraction),
            resolution: 0.005 * 10f64.powi(-(decimals as i32)),
        }
    }

    /// An availability or target (0.999) as [`crate::notation::percent`] writes it,
    /// to its last decimal: `99.9%`.
    pub fn availability(fraction: f64) -> Figure {
        let text = crate::notation::percent(fraction * 100.0);
        // `percent` rounds to 6 decimals at least, then trims zeros.
        let decimals = text.split_once('.').map_or(0, |(_, f)| f.len()).max(6);
        Figure {
            text: format!("{text}%"),
            value: Some(fraction),
            resolution: 0.005 * 10f64.powi(-(decimals as i32)),
        }
    }

    /// An availability (0.99918) next to its target (0.999), as
    /// [`crate::notation::percent_against`] writes it, to its last decimal: `99.918%`.
    pub fn availability_against(fraction: f64, target: f64) -> Figure {
        let text = crate::notation::percent_against(fraction * 100.0, target * 100.0);
        let decimals_of = |t: &str| t.split_once('.').map_or(0, |(_, f)| f.len());
        // Trailing zeros are trimmed: the target's decimals and two more are always shown.
        let decimals = decimals_of(&text).max(decimals_of(&crate::notation::percent(target * 100.0)) + 2);
        Figure {
            text: format!("{text}%"),
            value: Some(fraction),
            resolution: 0.005 * 10f64.powi(-(decimals as i32)),
        }
    }

    /// The same figure with `more` after its text.
    pub fn then(mut self, more: impl AsRef<str>) -> Figure {
        self.text.push_str(more.as_ref());
        self
    }

    /// The same figure with `before` ahead of its text.
    pub fn after(mut self, before: impl AsRef<str>) -> Figure {
        self.text.insert_str(0, before.as_ref());
        self
    }
}

/// Half a unit of the last digit [`human_duration`] shows for `seconds`.
pub fn duration_resolution(seconds: f64) -> f64 {
    let s = seconds.abs();
    if s < 0.9995 {
        0.0005
    } else if s < 59.95 {
        0.05
    } else if s >= 100.0 * 365.2425 * 86_400.0 {
        // Whole years, three significant digits from 10¹⁵ years up.
        (0.5 * 365.2425 * 86_400.0_f64).max(s * 5e-3)
    } else {
        0.5
    }
}

/// One sum of an explanation: its forms with the user's numbers (each gives the figure)
/// and the figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Working {
    /// The sum with the user's numbers, then any simpler forms of it, joined by `=`.
    pub forms: Vec<Term>,
    /// What it gives.
    pub result: Figure,
}

impl Working {
    /// A sum in one form and its figure.
    pub fn new(form: Term, result: Figure) -> Working {
        Working {
            forms: vec![form],
            result,
        }
    }

    /// A sum with forms that simplify it, and its figure.
    pub fn forms(forms: Vec<Term>, result: Figure) -> Working {
        Working { forms, result }
    }

    /// Words where a sum would be, for a figure no closed sum gives.
    pub fn words(text: impl Into<String>, result: Figure) -> Working {
        Working {
            forms: vec![Term::Text(text.into())],
            result: Figure {
                value: None,
                ..result
            },
        }
    }

    /// The forms, joined by ` = `.
    pub fn substituted(&self) -> String {
        self.forms
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" = ")
    }

    /// Whether each form gives the figure, to within its resolution; `None` if the
    /// figure is not one a sum gives.
    pub fn adds_up(&self) -> Option<Result<(), String>> {
        let figure = self.result.value?;
        for form in &self.forms {
            let got = form.value();
            // Floating point in the reader's sum: a relative 1e-9 on top of the shown precision.
            let slack = self.result.resolution + 1e-9 * figure.abs().max(got.abs());
            // NaN is never close: a sum that gives NaN does not add up.
            let close = (got - figure).abs() <= slack;
            if !close {
                return Some(Err(format!(
                    "{form} gives {got}, but the figure shown is {} ({figure} ± {})",
                    self.result.text, self.result.resolution
                )));
            }
        }
        Some(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_state_what_their_text_says() {
        let t = Term::number(2_592.123_456, 3, "s");
        assert_eq!(t.to_string(), "2,592.123 s");
        assert_eq!(t.value(), 2_592.123);
        let p = Term::percent(99.951_234_56);
        assert_eq!(p.to_string(), "99.95123456%");
        assert!((p.value() - 0.999_512_345_6).abs() < 1e-15);
        assert_eq!(Term::percent(99.9).to_string(), "99.9%");
        assert_eq!(Term::percent(0.37 * 100.0).to_string(), "37%");
        assert_eq!(Term::exact(1.0 - 0.999, "").to_string(), "0.001");
        assert_eq!(
            Term::exact(2_591_999.999_999_999_5, "s").to_string(),
            "2,592,000 s"
        );
        let per_day = Term::exact_in(172.8, "s per day", 1.0 / 86_400.0);
        assert_eq!(per_day.to_string(), "172.8 s per day");
        assert!((per_day.value() - 0.002).abs() < 1e-15);
    }

    #[test]
    fn operations_render_with_the_parentheses_a_reader_needs() {
        let t = Term::product(vec![
            Term::percent(99.9).complement(),
            Term::product(vec![Term::number(30.0, 0, "d"), Term::number(86_400.0, 0, "s/d")]).grouped(),
        ]);
        assert_eq!(t.to_string(), "(1 − 99.9%) × (30 d × 86,400 s/d)");
        assert!((t.value() - 2_592.0).abs() < 1e-9);
        let q = Term::sum(vec![Term::number(492.0, 3, "s"), Term::number(1_800.0, 3, "s")])
            .over(Term::number(172.8, 3, "s per day"));
        assert_eq!(q.to_string(), "(492 s + 1,800 s) ÷ 172.8 s per day");
        let d = Term::number(5.0, 0, "").minus(Term::number(2.0, 0, "").minus(Term::number(1.0, 0, "")));
        assert_eq!(d.to_string(), "5 − (2 − 1)");
        assert_eq!(d.value(), 4.0);
    }

    #[test]
    fn a_working_checks_its_forms_against_its_figure() {
        let w = Working::new(
            Term::product(vec![
                Term::number(0.001, 3, ""),
                Term::number(2_592_000.0, 0, "s"),
            ]),
            Figure::number(2_592.0, 3, "s"),
        );
        assert_eq!(w.adds_up(), Some(Ok(())));
        let wrong = Working::new(Term::number(2_593.0, 0, "s"), Figure::number(2_592.0, 3, "s"));
        assert!(matches!(wrong.adds_up(), Some(Err(_))));
        assert_eq!(
            Working::words("fitted", Figure::stated("σ = 0.1")).adds_up(),
            None
        );
    }

    #[test]
    fn durations_are_checked_to_the_digit_they_show() {
        assert_eq!(duration_resolution(2_592.0), 0.5);
        assert_eq!(duration_resolution(4.3), 0.05);
        assert_eq!(duration_resolution(0.864), 0.0005);
        assert_eq!(Figure::duration(2_592.0).text, "43m 12s");
    }
}
