//! The price of failure: a currency and how a failure is priced, which every budget
//! of the plan is valued by.

use super::fields::{card, choice, reader, TextFieldProps};
use slo_engine::notation::trim_decimals;
use slo_plan::edit::PlanEdit;
use slo_plan::input;
use slo_plan::money::{CostSpec, MoneySpec};
use yew::prelude::*;

fn basis_key(cost: CostSpec) -> &'static str {
    match cost {
        CostSpec::Unpriced => "unpriced",
        CostSpec::PerOutageMinute(_) => "outage-minute",
        CostSpec::PerFailedRequest(_) => "failed-request",
        CostSpec::FromRevenue => "revenue",
    }
}

/// The card with the price-of-failure fields; `worth` is what the budget is worth, in
/// a sentence, when it is priced.
pub fn money_card(money: &MoneySpec, worth: Option<&str>, on_edit: &Callback<PlanEdit>) -> Html {
    let currency = money.currency.clone();
    let on_basis = {
        let (on_edit, currency, cost) = (on_edit.clone(), currency.clone(), money.cost);
        Callback::from(move |key: String| {
            let amount = match cost {
                CostSpec::PerOutageMinute(a) | CostSpec::PerFailedRequest(a) => a,
                _ => 0.0,
            };
            let cost = match key.as_str() {
                "outage-minute" => CostSpec::PerOutageMinute(amount),
                "failed-request" => CostSpec::PerFailedRequest(amount),
                "revenue" => CostSpec::FromRevenue,
                _ => CostSpec::Unpriced,
            };
            on_edit.emit(PlanEdit::Money {
                money: MoneySpec {
                    currency: currency.clone(),
                    cost,
                },
            });
        })
    };
    let cost = money.cost;
    let currency_field = TextFieldProps::new(
        "currency",
        "Currency",
        currency.clone(),
        reader(on_edit, input::currency, move |code: String| {
            (
                PlanEdit::Money {
                    money: MoneySpec {
                        currency: code.clone(),
                        cost,
                    },
                },
                code,
            )
        }),
    )
    .hint("An ISO 4217 code: USD, EUR, GBP, JPY…")
    .keyboard("text")
    .html();
    let amount_field = |amount: f64, unit: &'static str, make: fn(f64) -> CostSpec| {
        let currency = currency.clone();
        TextFieldProps::new(
            "cost-amount",
            "Cost",
            trim_decimals(amount, 6),
            reader(on_edit, input::amount, move |a| {
                (
                    PlanEdit::Money {
                        money: MoneySpec {
                            currency: currency.clone(),
                            cost: make(a),
                        },
                    },
                    trim_decimals(a, 6),
                )
            }),
        )
        .unit(unit)
        .html()
    };
    html! {
        { card("money-heading", "What failing costs", html! { <>
            <p class="hint">{ "Price a failure to see every budget in money: the figure to negotiate a target with. A minute of full outage is the whole service failing every request." }</p>
            <div class="form-grid">
                { currency_field }
                { choice(AttrValue::from("cost-basis"), "Priced by", basis_key(money.cost), on_basis, vec![
                    (AttrValue::Static("unpriced"), AttrValue::Static("Not priced")),
                    (AttrValue::Static("outage-minute"), AttrValue::Static("Cost of a minute of full outage")),
                    (AttrValue::Static("failed-request"), AttrValue::Static("Cost of a failed request")),
                    (AttrValue::Static("revenue"), AttrValue::Static("Revenue per month (Risk page), all lost in an outage")),
                ]) }
                { match money.cost {
                    CostSpec::PerOutageMinute(a) => amount_field(a, "per minute", CostSpec::PerOutageMinute),
                    CostSpec::PerFailedRequest(a) => amount_field(a, "per request", CostSpec::PerFailedRequest),
                    CostSpec::Unpriced | CostSpec::FromRevenue => html! {},
                } }
            </div>
            if let Some(worth) = worth {
                <p data-testid="budget-money">{ worth }</p>
            }
        </> }) }
    }
}
