//! Queueing: from utilisation to waiting and response times, for an M/M/c service
//! (Poisson arrivals, exponential service times, `c` identical servers).
//!
//! # Formula
//! With offered load `A = λ × s` Erlangs (`λ` arrivals per second, `s` mean service
//! seconds) on `c` servers, Erlang B by the stable recursion
//! `B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1))` (no factorials, so hundreds of
//! servers are fine), then Erlang C, the probability of waiting,
//! `C = c·B / (c − A·(1 − B))`. The mean wait is `C·s / (c − A)`, and a response
//! time (wait plus service) exceeds `t` with probability
//! `(1 + K)·e^(−t/s) − K·e^(−(c − A)·t/s)`, `K = C / (c − 1 − A)`.

use crate::bounds::Bounded;
use crate::error::{finite, EngineError};

/// An M/M/c service with its load.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MMc {
    servers: u32,
    load: f64,
    service_time: f64,
    /// Erlang C, computed once: every figure below needs it.
    wait: f64,
}

/// The most servers accepted.
pub const MAX_SERVERS: u32 = 100_000;

impl MMc {
    /// `servers` servers taking `arrivals_per_second`, each request needing
    /// `service_seconds` on average.
    ///
    /// # Errors
    /// [`EngineError::QueueUnstable`] when the utilisation `λ·s / c` is 1 or more (the
    /// queue grows without bound), [`EngineError::QueueOutOfRange`] for no servers, a
    /// service time that is not positive, or a negative arrival rate.
    pub fn new(servers: u32, arrivals_per_second: f64, service_seconds: f64) -> Result<Self, EngineError> {
        let arrivals = finite(arrivals_per_second, "arrival rate")?;
        let service_time = finite(service_seconds, "service time")?;
        if servers == 0 || servers > MAX_SERVERS || service_time <= 0.0 || arrivals < 0.0 {
            return Err(EngineError::QueueOutOfRange);
        }
        let load = arrivals * service_time;
        if load >= f64::from(servers) {
            return Err(EngineError::QueueUnstable {
                utilisation: load / f64::from(servers),
            });
        }
        let c = f64::from(servers);
        let b = (1..=servers).fold(1.0, |b, k| load * b / (f64::from(k) + load * b));
        Ok(MMc {
            servers,
            load,
            service_time,
            wait: c * b / (c - load * (1.0 - b)),
        })
    }

    /// Offered load, Erlangs.
    pub fn load(self) -> f64 {
        self.load
    }

    /// Utilisation of each server, in [0, 1).
    pub fn utilisation(self) -> f64 {
        self.load / f64::from(self.servers)
    }

    /// Erlang C: the probability that a request waits.
    pub fn wait_probability(self) -> f64 {
        self.wait
    }

    /// Mean time in the queue, seconds.
    pub fn mean_wait(self) -> f64 {
        self.wait_probability() * self.service_time / (f64::from(self.servers) - self.load)
    }

    /// The probability that a response (wait plus service) takes longer than `t` seconds.
    pub fn response_exceeds(self, t: f64) -> f64 {
        let s = self.service_time;
        let drain = f64::from(self.servers) - self.load;
        let c = self.wait_probability();
        let gap = drain - 1.0;
        let p = if gap.abs() < 1e-9 {
            // Both rates equal: the limit of the formula below.
            (1.0 + c * t / s) * (-t / s).exp()
        } else {
            let k = c / gap;
            (1.0 + k) * (-t / s).exp() - k * (-drain * t / s).exp()
        };
        p.bounded(0.0, 1.0)
    }

    /// The response time that `quantile` of requests stay under (e.g. 0.99), seconds.
    pub fn response_percentile(self, quantile: f64) -> f64 {
        let q = quantile.bounded(0.0, 1.0 - 1e-12);
        let (mut lo, mut hi) = (0.0, self.service_time);
        while self.response_exceeds(hi) > 1.0 - q {
            hi *= 2.0;
        }
        for _ in 0..100 {
            let mid = 0.5 * (lo + hi);
            if self.response_exceeds(mid) > 1.0 - q {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        hi
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerance::assert_close;

    fn erlangs(load: f64, servers: u32) -> MMc {
        MMc::new(servers, load, 1.0).unwrap()
    }

    /// Worked examples of the Erlang C formula (call-centre tables): 10 Erlangs on 12
    /// agents wait with probability 0.4494; 48 Erlangs on 55 agents, 0.2387.
    #[test]
    fn erlang_c_worked_examples() {
        assert!((erlangs(10.0, 12).wait_probability() - 0.4494).abs() < 5e-5);
        assert!((erlangs(48.0, 55).wait_probability() - 0.2387).abs() < 5e-5);
    }

    #[test]
    fn hundreds_of_servers_do_not_overflow() {
        let q = erlangs(900.0, 1_000);
        let c = q.wait_probability();
        assert!(c.is_finite() && c > 0.0 && c < 1.0, "{c}");
    }

    #[test]
    fn a_single_server_is_m_m_1() {
        // M/M/1 at 50 %: P(wait) = ρ, mean wait = ρ·s/(1 − ρ), response ~ Exp(rate (1 − ρ)/s).
        let q = MMc::new(1, 5.0, 0.1).unwrap();
        assert_close(q.wait_probability(), 0.5);
        assert_close(q.mean_wait(), 0.1);
        assert_close(q.response_exceeds(0.3), (-0.3f64 * 5.0).exp());
        assert_close(q.response_percentile(0.99), -(0.01f64).ln() / 5.0);
    }

    proptest::proptest! {
        #[test]
        fn more_servers_never_raise_the_wait_probability(load in 0.0..500.0f64, extra in 1u32..50) {
            let fewest = load.floor() as u32 + 1;
            let (a, b) = (erlangs(load, fewest), erlangs(load, fewest + extra));
            proptest::prop_assert!(b.wait_probability() <= a.wait_probability() + 1e-12);
            proptest::prop_assert!(b.mean_wait() <= a.mean_wait() + 1e-12);
        }
    }

    #[test]
    fn overload_and_nonsense_are_refused() {
        assert_eq!(
            MMc::new(4, 40.0, 0.1),
            Err(EngineError::QueueUnstable { utilisation: 1.0 })
        );
        assert!(MMc::new(0, 1.0, 0.1).is_err());
        assert!(MMc::new(2, 1.0, 0.0).is_err());
        assert!(MMc::new(2, f64::NAN, 0.1).is_err());
    }
}
