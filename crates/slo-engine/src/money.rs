//! What failing costs, and so what a budget is worth.
//!
//! A [`Price`] puts a figure on one second of full outage: the whole service failing
//! every request. Every budget converts to seconds of full outage (a time budget is
//! one already; bad requests at the mean traffic; bad timeslices by their length), so
//! one price values every SLO of a service alike.
//!
//! # Conventions
//! Revenue per month is lost at a steady rate while everything fails, over a mean
//! month of 30.436875 days (365.2425 / 12). Amounts are in the plan's currency; no
//! exchange, discounting or rounding to cents happens here.

use crate::error::EngineError;
use crate::ledger::Account;
use crate::objective::{BudgetUnit, SliKind};
use crate::traffic::Traffic;
use crate::window::Window;

/// The largest amount accepted for a cost or a revenue.
pub const MAX_AMOUNT: f64 = 1e15;

/// `amount` if it is an amount of money this module accepts: finite, from 0 to
/// [`MAX_AMOUNT`].
///
/// # Errors
/// [`EngineError::AmountOutOfRange`] otherwise.
pub fn check_amount(amount: f64) -> Result<f64, EngineError> {
    if amount.is_finite() && (0.0..=MAX_AMOUNT).contains(&amount) {
        Ok(amount)
    } else {
        Err(EngineError::AmountOutOfRange { amount })
    }
}

/// What one failure costs, as the user knows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cost {
    /// A minute of full outage costs this much.
    PerOutageMinute(f64),
    /// One failed request costs this much.
    PerFailedRequest(f64),
    /// The service earns this much a month, all of it lost while everything fails.
    RevenuePerMonth(f64),
}

/// The price of one second of full outage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Price {
    per_outage_second: f64,
}

impl Price {
    /// The price `cost` gives a second of full outage at `traffic`.
    ///
    /// # Errors
    /// [`EngineError::AmountOutOfRange`] for a negative, non-finite or absurd amount.
    pub fn new(cost: Cost, traffic: Traffic) -> Result<Price, EngineError> {
        check_amount(match cost {
            Cost::PerOutageMinute(a) | Cost::PerFailedRequest(a) | Cost::RevenuePerMonth(a) => a,
        })?;
        let per_outage_second = match cost {
            Cost::PerOutageMinute(a) => a / 60.0,
            Cost::PerFailedRequest(a) => a * traffic.requests_per_second(),
            Cost::RevenuePerMonth(a) => a / Window::CalendarMonth.seconds(),
        };
        Ok(Price { per_outage_second })
    }

    /// What one second of full outage costs.
    pub fn per_outage_second(self) -> f64 {
        self.per_outage_second
    }

    /// What `amount` of `account`'s budget unit is worth: seconds of full outage as
    /// they are, bad requests at the account's traffic, bad timeslices by their length.
    pub fn of(self, account: &Account, amount: f64) -> f64 {
        let outage_seconds = match account.unit() {
            BudgetUnit::Seconds => amount,
            BudgetUnit::Requests => amount / account.traffic().requests_per_second(),
            BudgetUnit::Slices => match account.sli() {
                SliKind::Timeslice(slice) => amount * slice.seconds(),
                _ => amount,
            },
        };
        outage_seconds * self.per_outage_second
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::{Target, Timeslice};

    fn account(sli: SliKind) -> Account {
        let month = 30.0 * 86_400.0;
        Account::new(
            Target::from_percent(99.9).unwrap(),
            sli,
            Traffic::per_second(100.0).unwrap(),
            month,
        )
    }

    #[test]
    fn one_price_values_every_kind_of_budget_alike() {
        // 99.9 % over 30 days at 100 req/s: 2,592 s, or 259,200 bad requests, or
        // 43.2 bad one-minute slices, all 43m 12s of full outage: at 50 a minute, 2,160.
        let price = Price::new(Cost::PerOutageMinute(50.0), Traffic::per_second(100.0).unwrap()).unwrap();
        for (sli, budget) in [
            (SliKind::TimeBased, 2_592.0),
            (SliKind::RequestBased, 259_200.0),
            (SliKind::Timeslice(Timeslice::new(60.0, 0.5).unwrap()), 43.2),
        ] {
            let worth = price.of(&account(sli), budget);
            assert!((worth - 2_160.0).abs() < 1e-9, "{sli:?}: {worth}");
        }
        // A failed request at 0.01 is 1 a second at 100 req/s.
        let per_request =
            Price::new(Cost::PerFailedRequest(0.01), Traffic::per_second(100.0).unwrap()).unwrap();
        assert!((per_request.per_outage_second() - 1.0).abs() < 1e-12);
        // 2,629,746 a month is 1 a second of a mean month.
        let revenue = Price::new(
            Cost::RevenuePerMonth(2_629_746.0),
            Traffic::per_second(1.0).unwrap(),
        )
        .unwrap();
        assert!((revenue.per_outage_second() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn nonsense_amounts_are_refused_with_the_range() {
        let traffic = Traffic::per_second(1.0).unwrap();
        for bad in [-1.0, f64::NAN, f64::INFINITY, 2e15] {
            let error = Price::new(Cost::PerOutageMinute(bad), traffic).unwrap_err();
            assert!(error.to_string().contains("from 0 to 1 × 10¹⁵"), "{error}");
        }
    }
}
