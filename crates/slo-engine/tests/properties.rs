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
