//! What failing costs the service, as entered: a currency and one way to price a
//! failure. Every budget of the plan gets its money equivalent from it
//! ([`slo_engine::money`]).

use crate::model::PlanError;
use serde::{Deserialize, Serialize};
use slo_engine::formula::{Figure, Term};
use slo_engine::money::{Cost, Price};
use slo_engine::notation::{grouped, number};
use slo_engine::Traffic;

/// The currency and the price of failure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoneySpec {
    /// An ISO 4217 code: three capital letters, e.g. `USD`, `EUR`.
    pub currency: String,
    /// How a failure is priced.
    pub cost: CostSpec,
}

/// How a failure is priced.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum CostSpec {
    /// Not priced: no money figures.
    Unpriced,
    /// A minute of full outage costs this much.
    PerOutageMinute(f64),
    /// One failed request costs this much.
    PerFailedRequest(f64),
    /// The Risk page's revenue per month, all of it lost while everything fails.
    FromRevenue,
}

impl Default for MoneySpec {
    /// US dollars, not priced.
    fn default() -> Self {
        MoneySpec {
            currency: "USD".to_owned(),
            cost: CostSpec::Unpriced,
        }
    }
}

/// A checked price of failure in its currency.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidMoney {
    /// The ISO 4217 code.
    pub currency: String,
    /// The price of a second of full outage.
    pub price: Price,
}

impl ValidMoney {
    /// `amount` of this currency for reading: `USD 2,160`, `EUR 0.50`; whole units from
    /// 100 up, cents below.
    pub fn format(&self, amount: f64) -> String {
        money(&self.currency, amount)
    }
}

/// `amount` of `currency` for reading: `USD 2,160`, `EUR 0.50`; whole units from 100 up,
/// cents below; powers of ten beyond 10¹⁵.
pub fn money(currency: &str, amount: f64) -> String {
    // Nothing spent is 0, never -0.00.
    let amount = if amount.abs() < 0.005 { 0.0 } else { amount };
    let figure = if amount.abs() >= 1e15 || !amount.is_finite() {
        number(amount)
    } else if amount.abs() >= 100.0 {
        grouped(amount.round(), 0)
    } else {
        format!("{amount:.2}")
    };
    format!("{currency} {figure}")
}

/// `amount` of `currency` as a term of a sum, as exactly as [`Term::exact`]:
/// `USD 1,234.5678`.
pub fn money_term(currency: &str, amount: f64) -> Term {
    match Term::exact(amount, "") {
        Term::Number { text, value } => Term::Number {
            text: format!("{currency} {text}"),
            value,
        },
        other => other,
    }
}

/// `amount` of `currency` as [`money`] writes it, checked to its last digit.
pub fn money_figure(currency: &str, amount: f64) -> Figure {
    let magnitude = amount.abs();
    Figure {
        text: money(currency, amount),
        value: Some(amount),
        resolution: if magnitude >= 1e15 {
            magnitude * 5e-3
        } else if magnitude >= 100.0 {
            0.5
        } else {
            0.005
        },
    }
}

/// Whether `code` has the form of an ISO 4217 currency code.
pub(crate) fn currency_ok(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

impl MoneySpec {
    /// Whether this is the default (left out of the JSON then).
    pub fn is_default(&self) -> bool {
        *self == MoneySpec::default()
    }

    /// The checked price, or `None` when failures are not priced.
    ///
    /// # Errors
    /// A currency that is not three capital letters, or an amount out of range.
    pub fn validate(
        &self,
        traffic: Traffic,
        revenue_per_month: f64,
    ) -> Result<Option<ValidMoney>, PlanError> {
        if !currency_ok(&self.currency) {
            return Err(PlanError::Value {
                field: "money.currency",
                message: format!(
                    "a currency is an ISO 4217 code of three capital letters, such as USD, EUR or JPY (got \"{}\").",
                    self.currency.chars().take(12).collect::<String>()
                ),
            });
        }
        let cost = match self.cost {
            CostSpec::Unpriced => return Ok(None),
            CostSpec::PerOutageMinute(a) => Cost::PerOutageMinute(a),
            CostSpec::PerFailedRequest(a) => Cost::PerFailedRequest(a),
            CostSpec::FromRevenue => Cost::RevenuePerMonth(revenue_per_month),
        };
        let price = Price::new(cost, traffic).map_err(|error| PlanError::Field {
            field: "money.cost",
            error,
        })?;
        Ok(Some(ValidMoney {
            currency: self.currency.clone(),
            price,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_money() {
        assert_eq!(money("USD", 2_160.4), "USD 2,160");
        assert_eq!(money("EUR", 0.5), "EUR 0.50");
        assert_eq!(money("JPY", 99.999), "JPY 100.00");
        assert_eq!(money("USD", 3e20), "USD 3 × 10²⁰");
        assert_eq!(money("USD", -0.0), "USD 0.00");
    }

    #[test]
    fn a_currency_is_three_capital_letters_and_an_amount_is_in_range() {
        let traffic = Traffic::per_second(100.0).unwrap();
        let spec = |currency: &str, cost| MoneySpec {
            currency: currency.to_owned(),
            cost,
        };
        assert_eq!(MoneySpec::default().validate(traffic, 0.0), Ok(None));
        for bad in ["usd", "US", "EURO", "€"] {
            let error = spec(bad, CostSpec::PerOutageMinute(1.0))
                .validate(traffic, 0.0)
                .unwrap_err();
            assert!(error.to_string().contains("three capital letters"), "{error}");
        }
        let error = spec("EUR", CostSpec::PerFailedRequest(-1.0))
            .validate(traffic, 0.0)
            .unwrap_err();
        assert!(error.to_string().contains("from 0 to"), "{error}");
        let from_revenue = spec("EUR", CostSpec::FromRevenue)
            .validate(traffic, 2_629_746.0)
            .unwrap()
            .unwrap();
        assert!((from_revenue.price.per_outage_second() - 1.0).abs() < 1e-12);
    }
}
