//! The Learn page: short lessons, each with a live example computed by the engine and a
//! button that carries its number into the user's plan, and the glossary that the
//! pages' cards link to.

use super::fields::TextFieldProps;
use slo_plan::lessons::Lesson;
use yew::prelude::*;

/// The lesson's text.
fn prose(lesson: Lesson) -> Html {
    match lesson {
        Lesson::Nines => {
            html! { <p>{ "An SLO target such as 99.9% is said in " }<em>{ "nines" }</em>{ ": three nines. Each extra nine divides the allowed downtime by ten, and 99.99% over 30 days leaves 4m 19s, less than the time it takes to notice most incidents. Move the target and watch the downtime per day, per 30 days and per year." }</p> }
        }
        Lesson::Budget => {
            html! { <p>{ "The " }<em>{ "error budget" }</em>{ " is what the target allows to fail: 0.1% of a 30-day window is 43m 12s. Incidents spend it; the " }<em>{ "budget policy" }</em>{ " says what the team does with what is left. This example's policy: above 50% ship as planned, above 25% ship with care, below that freeze risky changes. Type how many minutes of full outage the window has seen." }</p> }
        }
        Lesson::BurnRate => {
            html! { <p>{ "The " }<em>{ "burn rate" }</em>{ " is how fast errors spend the budget compared with spending it evenly: at 1 the budget lasts exactly the window, at 14.4 a 30-day budget is gone in about two days and 2% of it goes every hour. An alert on a long window alone is precise but slow to stop: it keeps firing long after the errors end. A short window (a twelfth of the long one) must agree, so the alert stops soon after the fix." }</p> }
        }
        Lesson::AlertQuality => {
            html! { <p>{ "Each tier of the SRE Workbook's policy trades four things. " }<em>{ "Recall" }</em>{ ": the lowest error rate it ever catches. " }<em>{ "Precision" }</em>{ ": the budget already spent when it fires, so that it only wakes someone for what matters. " }<em>{ "Detection time" }</em>{ ": how long the errors run before it fires. " }<em>{ "Reset time" }</em>{ ": how long it keeps firing after they stop. Change the error rate and read what each tier does." }</p> }
        }
        Lesson::Composite => {
            html! { <p>{ "A service that needs every one of its dependencies is at most as available as their product: three dependencies at 99.9% allow only 99.7%. Redundant copies, where any one will do, fail only together: two at 99.9% give 99.9999%. Move the availability of each dependency." }</p> }
        }
        Lesson::Queueing => {
            html! { <p>{ "A busy instance makes requests wait. With 8 workers taking 100 ms per request, the waits stay short at half load and grow steeply as utilisation nears 100%: this is why capacity is planned with " }<em>{ "headroom" }</em>{ ", a target utilisation well below full. The figures come from the M/M/c queue (Erlang C)." }</p> }
        }
    }
}

/// The glossary: (slug, term, definition); each term's `id` is `term-{slug}`, the slug
/// the cards link with.
const GLOSSARY: [(&str, &str, &str); 16] = [
    (
        "sli",
        "SLI (service level indicator)",
        "What is measured: the share of good events (requests that succeed, or are fast enough) or of good time (minutes or timeslices that meet a bar).",
    ),
    (
        "slo",
        "SLO (service level objective)",
        "The target for the SLI over a window, such as 99.9% of requests succeeding over a rolling 30 days.",
    ),
    (
        "sla",
        "SLA (service level agreement)",
        "The promise to customers, with credits owed when it is missed; set below the SLO so the team hears about trouble first.",
    ),
    (
        "nines",
        "Nines",
        "A target's count of nines: −log10(1 − target). 99.9% is three nines, 99.95% about 3.3.",
    ),
    (
        "window",
        "Window",
        "The period the SLO is judged over: rolling (the last N days of 86,400 s) or calendar (this month, quarter or year). To size a target, a year is the mean Gregorian year of 365.2425 days and a month a twelfth of it; the Error budget page counts the real calendar period.",
    ),
    (
        "error-budget",
        "Error budget",
        "What the SLO allows to fail: (1 − target) of the window's time or requests.",
    ),
    (
        "budget-policy",
        "Budget policy",
        "What the team agrees to do at each level of budget left, such as freezing risky releases below 25%.",
    ),
    (
        "burn-rate",
        "Burn rate",
        "How fast the budget is being spent compared with spending it evenly over the window: the error rate divided by (1 − target).",
    ),
    (
        "timeslice",
        "Timeslice",
        "A fixed interval (a minute, say) counted as good or bad by whether its error rate stays under a bar; the SLI is then the share of good slices.",
    ),
    (
        "precision",
        "Alert precision and recall",
        "Precision: how much of what an alert fires on is worth waking someone for. Recall: how much of what matters it catches. Detection time: how long errors run before it fires. Reset time: how long it fires after they stop.",
    ),
    (
        "mttd",
        "MTTD (mean time to detect)",
        "The average time from an incident's start to someone knowing about it: an alert firing, or a report.",
    ),
    (
        "mttr",
        "MTTR (mean time to repair)",
        "The average time from detection to the service working again. Incidents per window × (MTTD + MTTR) × impact is the downtime to expect.",
    ),
    (
        "composite",
        "Composite availability",
        "The availability the dependencies allow: the product of those all needed, 1 − the product of the unavailabilities of redundant ones.",
    ),
    (
        "headroom",
        "Headroom",
        "Capacity kept unused so that peaks, growth and lost instances do not push utilisation to where queues grow.",
    ),
    (
        "queueing",
        "Queueing (M/M/c, Erlang C)",
        "The model of c workers serving random arrivals: Erlang C gives the probability a request waits, and waits grow steeply as utilisation nears 100%.",
    ),
    (
        "usl",
        "Universal Scalability Law",
        "Throughput of N workers: λN ÷ (1 + σ(N − 1) + κN(N − 1)), with contention σ and coherency κ; it peaks at N_max.",
    ),
];

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

/// One lesson: its text, its number, its figures and "try it in your plan".
/// `value` is the learner's number (kept by the app while it runs, not in the plan).
fn lesson_card(
    lesson: Lesson,
    value: f64,
    on_value: &Callback<(Lesson, f64)>,
    on_try: &Callback<(Lesson, f64)>,
) -> Html {
    let input = lesson.input();
    let on_input = {
        let on_value = on_value.clone();
        Callback::from(move |text: String| {
            let value = lesson.read(&text)?;
            on_value.emit((lesson, value));
            Ok(AttrValue::from(value.to_string()))
        })
    };
    let slug = lesson.slug();
    let figures = lesson.figures(value).unwrap_or_default();
    let on_try = on_try.reform(move |_: MouseEvent| (lesson, value));
    let heading = format!("lesson-{slug}-heading");
    html! {
        <section class="card lesson" aria-labelledby={heading.clone()} data-testid={format!("lesson-{slug}")}>
            <h2 id={heading}>{ lesson.title() }</h2>
            { prose(lesson) }
            <div class="form-grid">
                { TextFieldProps::new(format!("lesson-{slug}-input"), input.label, value.to_string(), on_input).unit(input.unit).html() }
            </div>
            <dl class="figures" aria-live="polite" data-testid={format!("lesson-{slug}-figures")}>
                { for figures.into_iter().map(|(label, text)| html! { <><dt>{ label }</dt><dd>{ text }</dd></> }) }
            </dl>
            <button type="button" data-testid={format!("lesson-{slug}-try")} onclick={on_try}>
                { format!("Try it in your plan ({} page)", lesson.page()) }
            </button>
        </section>
    }
}

/// The Learn page: the lessons with the learner's numbers (`values`, in the order of
/// [`Lesson::ALL`]), then the glossary.
pub fn learn_page(
    values: &[f64; Lesson::ALL.len()],
    on_value: &Callback<(Lesson, f64)>,
    on_try: &Callback<(Lesson, f64)>,
) -> Html {
    html! {
        <>
            { for Lesson::ALL.iter().zip(values).map(|(&lesson, &value)| lesson_card(lesson, value, on_value, on_try)) }
            <section class="card" aria-labelledby="glossary-heading" data-testid="glossary">
                <h2 id="glossary-heading">{ "Glossary" }</h2>
                <dl class="glossary">
                    { for GLOSSARY.iter().map(|(slug, term, definition)| html! { <>
                        <dt id={format!("term-{slug}")} tabindex="-1">{ *term }</dt>
                        <dd>{ *definition }</dd>
                    </> }) }
                </dl>
            </section>
        </>
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
            assert!(GLOSSARY.iter().any(|(defined, _, _)| *defined == slug), "{slug}");
        }
    }

    /// "Try it in your plan" finds the page it names among the tabs.
    #[test]
    fn every_lesson_opens_a_page_that_exists() {
        for lesson in Lesson::ALL {
            let page = lesson.page();
            assert!(
                super::super::Page::ALL.iter().any(|p| p.title() == page),
                "{page}"
            );
        }
    }
}
