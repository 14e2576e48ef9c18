//! Labelled input fields that keep what the user typed and say what is wrong with it.

use slo_engine::explain::Explanation;
use slo_plan::edit::PlanEdit;
use slo_plan::Plan;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of [`TextField`].
#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The input's id; also the prefix of its error's test id (`<id>-error`).
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// The plan's current value, as text.
    pub value: AttrValue,
    /// Reads typed text: the canonical text of the accepted value, or what is wrong.
    pub on_input: Callback<String, Result<AttrValue, String>>,
    /// A unit shown after the field.
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    /// A hint shown under the field.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The virtual keyboard to offer.
    #[prop_or(AttrValue::Static("decimal"))]
    pub inputmode: AttrValue,
    /// Lines of a multi-line field (a pasted table); `None` for one line.
    #[prop_or_default]
    pub rows: Option<u32>,
}

impl TextFieldProps {
    /// A field with a visible label, the plan's current value as text, and the reader of
    /// what is typed; a decimal keyboard, no unit and no hint.
    pub fn new(
        id: impl Into<AttrValue>,
        label: &'static str,
        value: impl Into<AttrValue>,
        on_input: Callback<String, Result<AttrValue, String>>,
    ) -> Self {
        TextFieldProps {
            id: id.into(),
            label: AttrValue::Static(label),
            value: value.into(),
            on_input,
            unit: None,
            hint: None,
            inputmode: AttrValue::Static("decimal"),
            rows: None,
        }
    }

    /// A multi-line field of `rows` lines, for pasted tables.
    pub fn lines(self, rows: u32) -> Self {
        TextFieldProps {
            rows: Some(rows),
            inputmode: AttrValue::Static("text"),
            ..self
        }
    }

    /// With a unit after the field.
    pub fn unit(self, unit: &'static str) -> Self {
        TextFieldProps {
            unit: Some(AttrValue::Static(unit)),
            ..self
        }
    }

    /// With a hint under the field.
    pub fn hint(self, hint: impl Into<AttrValue>) -> Self {
        TextFieldProps {
            hint: Some(hint.into()),
            ..self
        }
    }

    /// With another virtual keyboard (`text`, `numeric`).
    pub fn keyboard(self, inputmode: &'static str) -> Self {
        TextFieldProps {
            inputmode: AttrValue::Static(inputmode),
            ..self
        }
    }

    /// The field. Built in this one place, so the component's construction is not
    /// repeated at every use (it is the download's largest cost per field).
    pub fn html(self) -> Html {
        html! { <TextField ..self /> }
    }
}

/// A text field for a value of the plan. Every keystroke is read; an accepted value
/// updates the plan at once, a rejected one shows its message and leaves the plan as
/// it was. A change made elsewhere (a slider, an opened link) replaces the text.
#[function_component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let text = use_state(|| props.value.to_string());
    let error = use_state(|| None::<String>);
    let committed = use_mut_ref(|| props.value.clone());
    {
        let (text, error, committed) = (text.clone(), error.clone(), committed.clone());
        use_effect_with(props.value.clone(), move |value| {
            if *committed.borrow() != *value {
                *committed.borrow_mut() = value.clone();
                text.set(value.to_string());
                error.set(None);
            }
        });
    }
    let oninput = {
        let (text, error, on_input) = (text.clone(), error.clone(), props.on_input.clone());
        Callback::from(move |event: InputEvent| {
            // An input or a textarea: both have a `value` (web-sys reads it by name).
            let raw = event.target_unchecked_into::<HtmlInputElement>().value();
            text.set(raw.clone());
            match on_input.emit(raw) {
                Ok(canonical) => {
                    *committed.borrow_mut() = canonical;
                    error.set(None);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let error_id = format!("{}-error", props.id);
    let hint_id = format!("{}-hint", props.id);
    let described_by = match (&*error, &props.hint) {
        (Some(_), _) => Some(error_id.clone()),
        (None, Some(_)) => Some(hint_id.clone()),
        (None, None) => None,
    };
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <div class="input-row">
                if let Some(rows) = props.rows {
                    <textarea id={props.id.clone()} rows={rows.to_string()} class="code"
                        spellcheck="false" value={(*text).clone()} {oninput}
                        aria-invalid={error.is_some().then_some("true")}
                        aria-describedby={described_by} />
                } else {
                    <input id={props.id.clone()} type="text" inputmode={props.inputmode.clone()}
                        autocomplete="off" spellcheck="false"
                        value={(*text).clone()} {oninput}
                        aria-invalid={error.is_some().then_some("true")}
                        aria-describedby={described_by} />
                }
                if let Some(unit) = &props.unit { <span class="unit">{ unit.clone() }</span> }
            </div>
            if let Some(message) = &*error {
                <p class="field-error" id={error_id.clone()} role="alert" data-testid={error_id}>{ message.clone() }</p>
            } else if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint.clone() }</p>
            }
        </div>
    }
}

/// A labelled drop-down list: `options` are (value, text); `on_change` gets the chosen
/// value. A plain function rather than a component: it keeps no state, and each
/// component type costs the download several kilobytes.
pub fn choice(
    id: AttrValue,
    label: &'static str,
    selected: &str,
    on_change: Callback<String>,
    options: Vec<(AttrValue, AttrValue)>,
) -> Html {
    let onchange = Callback::from(move |event: Event| {
        on_change.emit(event.target_unchecked_into::<HtmlSelectElement>().value());
    });
    html! {
        <div class="field">
            <label for={id.clone()}>{ label }</label>
            <select {id} {onchange}>
                { for options.into_iter().map(|(value, text)| {
                    let chosen = value == selected;
                    html! { <option {value} selected={chosen}>{ text }</option> }
                }) }
            </select>
        </div>
    }
}

/// The browser's date and time picker for an instant, read as UTC: `iso` is the
/// instant shown (`2026-11-16T09:30:00Z`), `on_pick` gets the picked one in the same
/// form. Beside the instant's text field, which stays the way to type seconds.
pub fn utc_picker(id: String, label: String, iso: &str, on_pick: Callback<String>) -> Html {
    let onchange = Callback::from(move |event: Event| {
        let value = event.target_unchecked_into::<HtmlInputElement>().value();
        if let Ok(instant) = slo_plan::input::instant(&value) {
            on_pick.emit(instant);
        }
    });
    // The picker's form: minutes, no zone.
    let value = iso.get(..16).unwrap_or_default().to_owned();
    html! {
        <div class="field">
            <label for={id.clone()}>{ label }</label>
            <input {id} type="datetime-local" step="60" {value} {onchange} />
        </div>
    }
}

/// A button that adds to a list of `plan` with `edit`; at the list's cap it is disabled
/// and says why. `label` is what it shows, `name` what it is called when `label` alone
/// does not say where it adds (several such buttons on a page).
pub fn add_button(
    plan: &Plan,
    label: &'static str,
    name: Option<String>,
    test_id: impl Into<AttrValue>,
    edit: PlanEdit,
    on_edit: &Callback<PlanEdit>,
) -> Html {
    let test_id = test_id.into();
    let cap = plan.cap(&edit);
    let onclick = on_edit.reform(move |_: MouseEvent| edit.clone());
    let reason = format!("{test_id}-cap");
    html! { <>
        <button type="button" data-testid={test_id} aria-label={name} disabled={cap.is_some()} aria-describedby={cap.is_some().then(|| reason.clone())} {onclick}>{ label }</button>
        if let Some(cap) = cap {
            <span class="hint" id={reason.clone()} data-testid={reason}>{ " " }{ cap }</span>
        }
    </> }
}

/// A page's card: a section titled by its heading (whose id is `heading_id`).
/// Its heading links to the glossary entry of the card's main term, if it has one.
pub fn card(heading_id: &'static str, title: &'static str, body: Html) -> Html {
    let term = super::learn::term_of(heading_id);
    html! {
        <section class="card" aria-labelledby={heading_id}>
            <h2 id={heading_id}>{ title }
                if let Some((slug, name)) = term {
                    <a class="term" href={format!("#term-{slug}")} data-term={slug}>{ format!("What is {name}?") }</a>
                }
            </h2>
            { body }
        </section>
    }
}

/// A "how is this computed?" disclosure with the formula and the user's numbers;
/// `summary` is the disclosure's text.
pub fn explain(e: &Explanation, summary: &'static str) -> Html {
    html! {
        <details class="explain">
            <summary>{ summary }</summary>
            <p class="formula">{ &e.formula }</p>
            { for e.workings.iter().map(|w| html! { <>
                <p class="formula"><span class="sr-only">{ "With your numbers: " }</span>{ w.substituted() }</p>
                <p class="formula result">{ "= " }{ &w.result.text }</p>
            </> }) }
            if let Some(convention) = &e.convention { <p class="hint">{ convention }</p> }
        </details>
    }
}

/// A text-field reader that turns accepted text into an edit.
pub fn reader<T: 'static>(
    on_edit: &Callback<PlanEdit>,
    parse: impl Fn(&str) -> Result<T, String> + 'static,
    edit: impl Fn(T) -> (PlanEdit, String) + 'static,
) -> Callback<String, Result<AttrValue, String>> {
    read_with(on_edit, Box::new(move |text| parse(text).map(&edit)))
}

/// Reads typed text into an edit and the text to show for it, or says what is wrong.
type ReadText = Box<dyn Fn(&str) -> Result<(PlanEdit, String), String>>;

/// [`reader`] without its type parameters: the callback is built once for every field
/// rather than once per kind of field.
#[inline(never)]
fn read_with(on_edit: &Callback<PlanEdit>, read: ReadText) -> Callback<String, Result<AttrValue, String>> {
    let on_edit = on_edit.clone();
    Callback::from(move |text: String| {
        let (change, canonical) = read(&text)?;
        on_edit.emit(change);
        Ok(AttrValue::from(canonical))
    })
}
