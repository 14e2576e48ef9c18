//! The Learn page: the glossary that the pages' cards link to.

use super::fields::markup;
use yew::prelude::*;

/// The glossary: each term's `id` is `term-{slug}`, the slug the cards link with.
const GLOSSARY: &str = "<dl class=\"glossary\">\
<dt id=\"term-sli\" tabindex=\"-1\">SLI (service level indicator)</dt><dd>What is measured: the share of good events (requests that succeed, or are fast enough) or of good time (minutes or timeslices that meet a bar).</dd>\
<dt id=\"term-slo\" tabindex=\"-1\">SLO (service level objective)</dt><dd>The target for the SLI over a window, such as 99.9% of requests succeeding over a rolling 30 days.</dd>\
<dt id=\"term-sla\" tabindex=\"-1\">SLA (service level agreement)</dt><dd>The promise to customers, with credits owed when it is missed; set below the SLO so the team hears about trouble first.</dd>\
<dt id=\"term-nines\" tabindex=\"-1\">Nines</dt><dd>A target's count of nines: −log10(1 − target). 99.9% is three nines, 99.95% about 3.3.</dd>\
<dt id=\"term-window\" tabindex=\"-1\">Window</dt><dd>The period the SLO is judged over: rolling (the last N days of 86,400 s) or calendar (this month, quarter or year). To size a target, a year is the mean Gregorian year of 365.2425 days and a month a twelfth of it; the Error budget page counts the real calendar period.</dd>\
<dt id=\"term-error-budget\" tabindex=\"-1\">Error budget</dt><dd>What the SLO allows to fail: (1 − target) of the window's time or requests.</dd>\
<dt id=\"term-budget-policy\" tabindex=\"-1\">Budget policy</dt><dd>What the team agrees to do at each level of budget left, such as freezing risky releases below 25%.</dd>\
<dt id=\"term-burn-rate\" tabindex=\"-1\">Burn rate</dt><dd>How fast the budget is being spent compared with spending it evenly over the window: the error rate divided by (1 − target).</dd>\
<dt id=\"term-timeslice\" tabindex=\"-1\">Timeslice</dt><dd>A fixed interval (a minute, say) counted as good or bad by whether its error rate stays under a bar; the SLI is then the share of good slices.</dd>\
<dt id=\"term-precision\" tabindex=\"-1\">Alert precision and recall</dt><dd>Precision: how much of what an alert fires on is worth waking someone for. Recall: how much of what matters it catches. Detection time: how long errors run before it fires. Reset time: how long it fires after they stop.</dd>\
<dt id=\"term-mttd\" tabindex=\"-1\">MTTD (mean time to detect)</dt><dd>The average time from an incident's start to someone knowing about it: an alert firing, or a report.</dd>\
<dt id=\"term-mttr\" tabindex=\"-1\">MTTR (mean time to repair)</dt><dd>The average time from detection to the service working again. Incidents per window × (MTTD + MTTR) × impact is the downtime to expect.</dd>\
<dt id=\"term-composite\" tabindex=\"-1\">Composite availability</dt><dd>The availability the dependencies allow: the product of those all needed, 1 − the product of the unavailabilities of redundant ones.</dd>\
<dt id=\"term-headroom\" tabindex=\"-1\">Headroom</dt><dd>Capacity kept unused so that peaks, growth and lost instances do not push utilisation to where queues grow.</dd>\
<dt id=\"term-queueing\" tabindex=\"-1\">Queueing (M/M/c, Erlang C)</dt><dd>The model of c workers serving random arrivals: Erlang C gives the probability a request waits, and waits grow steeply as utilisation nears 100%.</dd>\
<dt id=\"term-usl\" tabindex=\"-1\">Universal Scalability Law</dt><dd>Throughput of N workers: λN ÷ (1 + σ(N − 1) + κN(N − 1)), with contention σ and coherency κ; it peaks at N_max.</dd>\
</dl>";

/// Each card heading that links to the glossary: (heading id, term's slug, term).
const CARD_TERMS: [(&str, &str, &str); 20] = [
    ("objective-heading", "slo", "SLO"),
    ("chart-heading", "nines", "nines"),
    ("reverse-heading", "nines", "nines"),
    ("budget-heading", "error-budget", "error budget"),
    ("budget-now-heading", "error-budget", "error budget"),
    ("what-if-heading", "error-budget", "error budget"),
    ("burn-down-heading", "burn-rate", "burn rate"),
    ("tiers-heading", "burn-rate", "burn rate"),
    ("policy-heading", "budget-policy", "budget policy"),
    ("incidents-heading", "mttr", "MTTR"),
    ("risk-heading", "mttr", "MTTR"),
    ("quality-heading", "precision", "precision and recall"),
    ("simulator-heading", "mttd", "MTTD"),
    ("rules-heading", "sli", "SLI"),
    ("demand-heading", "headroom", "headroom"),
    ("fleet-heading", "headroom", "headroom"),
    ("queue-heading", "queueing", "queueing"),
    ("usl-heading", "usl", "USL"),
    ("dependencies-heading", "composite", "composite availability"),
    ("sla-heading", "sla", "SLA"),
];

/// The glossary entry a card's heading links to: (slug, term).
pub fn term_of(heading_id: &str) -> Option<(&'static str, &'static str)> {
    CARD_TERMS
        .iter()
        .find(|(heading, _, _)| *heading == heading_id)
        .map(|&(_, slug, term)| (slug, term))
}

/// The Learn page: the glossary.
pub fn learn_page() -> Html {
    html! {
        <section class="card" aria-labelledby="glossary-heading" data-testid="glossary">
            <h2 id="glossary-heading">{ "Glossary" }</h2>
            { markup(GLOSSARY) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every term a card links to is in the glossary.
    #[test]
    fn every_linked_term_is_defined() {
        for (heading, slug, _) in CARD_TERMS {
            assert_eq!(term_of(heading).map(|t| t.0), Some(slug));
            assert!(GLOSSARY.contains(&format!("id=\"term-{slug}\"")), "{slug}");
        }
    }
}
