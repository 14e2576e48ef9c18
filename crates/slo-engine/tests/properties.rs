//! Property tests: invariants that hold for every valid input.

use proptest::prelude::*;
use slo_engine::notation::{grouped, human_duration, parse_duration};
use slo_engine::tolerance::close;
use slo_engine::{
    allowed_bad_requests, allowed_downtime, availability_for_downtime, Target, Traffic, Window,
};

fn target() -> impl Strategy<Value = Target> {
    (1e-6f64..99.999_999).prop_map(|p| Target::from_percent(p).unwrap())
}

fn window() -> impl Strategy<Value = Window> {
    prop_oneof![
        (1u32..=400).prop_map(|d| Window::rolling(d).unwrap()),
        Just(Window::CalendarMonth),
        Just(Window::CalendarQuarter),
        Just(Window::CalendarYear),
    ]
}

proptest! {
    #[test]
    fn a_larger_target_never_allows_more_downtime(a in target(), b in target(), w in window()) {
        let (low, high) = if a.percent() <= b.percent() { (a, b) } else { (b, a) };
        prop_assert!(allowed_downtime(high, w) <= allowed_downtime(low, w));
    }

    #[test]
    fn downtime_fits_in_the_window(t in target(), w in window()) {
        let d = allowed_downtime(t, w);
        prop_assert!(d > 0.0 && d < w.seconds());
    }

    #[test]
    fn downtime_and_availability_are_inverse(t in target(), w in window()) {
        let a = availability_for_downtime(allowed_downtime(t, w), w).unwrap();
        prop_assert!(close(a, t.fraction()), "{} vs {}", a, t.fraction());
    }

    #[test]
    fn bad_requests_scale_with_traffic(t in target(), w in window(), rate in 1e-3f64..1e6) {
        let one = allowed_bad_requests(t, w, Traffic::per_second(rate).unwrap());
        let two = allowed_bad_requests(t, w, Traffic::per_second(2.0 * rate).unwrap());
        prop_assert!(close(two, 2.0 * one));
    }

    #[test]
    fn nines_scale_round_trips(n in 1.0f64..5.0) {
        let t = Target::from_nines(n).unwrap();
        // Rounding the budget to three significant digits moves at most 0.5 % of it.
        prop_assert!((t.nines() - n).abs() < 0.0025);
    }

    #[test]
    fn written_durations_read_back(seconds in 60.0f64..1e9) {
        let back = parse_duration(&human_duration(seconds)).unwrap();
        prop_assert!((back - seconds).abs() <= 0.5);
    }

    #[test]
    fn reading_any_text_never_panics(text in ".{0,40}") {
        if let Ok(seconds) = parse_duration(&text) {
            prop_assert!(seconds.is_finite());
        }
    }

    #[test]
    fn writing_any_number_never_panics(x in any::<f64>(), decimals in 0usize..10) {
        let _ = human_duration(x);
        let _ = grouped(x, decimals);
    }
}

mod budgets {
    use proptest::prelude::*;
    use slo_engine::burn_down::{burn_down, Forecast, Plan};
    use slo_engine::incident::{Impact, Incident};
    use slo_engine::ledger::Account;
    use slo_engine::time::Instant;
    use slo_engine::tolerance::close;
    use slo_engine::{SliKind, Target, Timeslice, Traffic, Window};

    const NOV_1: i64 = 1_793_491_200; // 2026-11-01T00:00:00Z

    fn sli() -> impl Strategy<Value = SliKind> {
        prop_oneof![
            Just(SliKind::TimeBased),
            Just(SliKind::RequestBased),
            (1u32..=3600, 0.0f64..0.5)
                .prop_map(|(s, e)| SliKind::Timeslice(Timeslice::new(f64::from(s), e).unwrap())),
        ]
    }

    fn incident() -> impl Strategy<Value = Incident> {
        (
            0i64..40 * 86_400,
            1.0f64..86_400.0,
            0.001f64..1.0,
            any::<bool>(),
            0.0f64..1e6,
        )
            .prop_map(|(offset, duration, fraction, counted, count)| {
                let impact = if counted {
                    Impact::BadEvents(count)
                } else {
                    Impact::Fraction(fraction)
                };
                Incident::new(
                    Instant::from_unix_seconds(NOV_1 + offset).unwrap(),
                    duration,
                    impact,
                )
                .unwrap()
            })
    }

    proptest! {
        #[test]
        fn spending_is_additive_over_time(
            sli in sli(), i in incident(), cut in 0.0f64..1.0,
        ) {
            let a = Account::new(Target::from_percent(99.9).unwrap(), sli, Traffic::per_second(50.0).unwrap(), 2_592_000.0);
            let (start, end) = i.span();
            let (from, to) = (start - 7_200.0, end + 7_200.0);
            let mid = from + cut * (to - from);
            let whole = a.spent_by(&i, from, to);
            prop_assert!(close(a.spent_by(&i, from, mid) + a.spent_by(&i, mid, to), whole));
            prop_assert!(whole >= 0.0 && whole.is_finite());
        }

        #[test]
        fn remaining_plus_spent_is_the_total_and_apart_incidents_add_up(
            sli in sli(), incidents in proptest::collection::vec(incident(), 0..6),
            days in 1u32..60, calendar in any::<bool>(), as_of in 0i64..45 * 86_400,
        ) {
            let window = if calendar { Window::CalendarMonth } else { Window::Rolling { days } };
            let b = burn_down(&Plan {
                target: Target::from_percent(99.5).unwrap(),
                sli,
                traffic: Traffic::per_second(20.0).unwrap(),
                window,
                as_of: Instant::from_unix_seconds(NOV_1 + as_of).unwrap(),
                incidents: &incidents,
                forecast: Forecast::FromHistory,
            });
            prop_assert!(close(b.remaining() + b.spent, b.account.total()));
            let apart: f64 = b.per_incident.iter().sum();
            let mut spans: Vec<(f64, f64)> = incidents.iter().map(|i| i.span()).collect();
            spans.sort_by(|x, y| x.0.total_cmp(&y.0));
            if spans.windows(2).all(|w| w[0].1 <= w[1].0) {
                prop_assert!(close(apart, b.spent), "{apart} apart, {} together", b.spent);
            }
            // Overlaps never spend more than the incidents apart (timeslices can: two
            // small failures together can make a slice bad), nor more than every
            // request failing for the whole time elapsed.
            let elapsed = b.as_of.unix_seconds() as f64 - b.period.start.unix_seconds() as f64;
            match sli {
                SliKind::Timeslice(slice) => {
                    prop_assert!(b.spent <= (elapsed / slice.seconds()).ceil() + 1.0);
                }
                _ => {
                    prop_assert!(b.spent <= apart * (1.0 + 1e-9) + 1e-9);
                    let all = if sli == SliKind::TimeBased { elapsed } else { 20.0 * elapsed };
                    prop_assert!(b.spent <= all * (1.0 + 1e-9) + 1e-9);
                }
            }
            prop_assert!(b.series.remaining.iter().all(|r| r.is_finite()));
            prop_assert!(b.remaining_percent().is_finite());
        }

        #[test]
        fn a_larger_target_never_gives_a_larger_budget(
            sli in sli(), low in 50.0f64..99.999, step in 0.0f64..0.0009,
        ) {
            let high = low + step;
            let account = |p: f64| Account::new(Target::from_percent(p).unwrap(), sli, Traffic::per_second(10.0).unwrap(), 604_800.0);
            prop_assert!(account(high).total() <= account(low).total());
        }
    }
}

mod alerts {
    use proptest::prelude::*;
    use slo_engine::burn_rate::{quality, simulate, workbook_tiers};
    use slo_engine::Target;

    const MONTH: f64 = 2_592_000.0;

    proptest! {
        #[test]
        fn simulated_firing_matches_the_closed_form(tier in 0usize..2, target in 99.0f64..99.99, scale in 1.0f64..50.0) {
            let target = Target::from_percent(target).unwrap();
            let tier = workbook_tiers(MONTH)[tier];
            let e = (tier.error_threshold(target) * scale).min(1.0);
            let expected = quality(tier, target, MONTH, e).time_to_fire.unwrap();
            let step = 30.0;
            let series = vec![e; (expected / step) as usize + 4];
            let fired = simulate(tier, target, &series, step).unwrap().fired_at;
            prop_assert!(fired >= expected - 1e-6 && fired < expected + step, "{} vs {}", fired, expected);
        }

        #[test]
        fn a_tier_spends_its_share_whatever_the_error_rate(target in 90.0f64..99.999, scale in 1.0f64..1e3) {
            let target = Target::from_percent(target).unwrap();
            for tier in workbook_tiers(MONTH) {
                let e = tier.error_threshold(target) * scale;
                if e <= 1.0 {
                    let q = quality(tier, target, MONTH, e);
                    prop_assert!((q.budget_spent_at_fire.unwrap() - tier.budget_share(MONTH)).abs() < 1e-9);
                }
            }
        }
    }
}
