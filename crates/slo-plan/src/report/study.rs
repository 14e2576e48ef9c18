//! The Risk page's Monte Carlo study, cut into tasks that run on any number of workers.
//!
//! A study simulates the plan, the plan with each [`Lever`] pulled, then each scenario:
//! its simulations. Each simulation's windows are cut into blocks of
//! [`slo_engine::risk::BLOCK`]; a [`Task`] is one block of one simulation. Workers keep
//! the windows they simulated ([`Held`]) and answer a [`BlockTally`] per task, then
//! counts on grids ([`Question`]) over all they hold. [`StudyRun`] hands out the tasks,
//! adds up the answers and makes the figures. Sums of availabilities and credits are
//! added block by block in block order and everything else is a count, so the same seed
//! gives the same figures, to the bit, whatever the number of workers and whichever
//! worker ran which block.

use super::editable;
use super::risk::{cdf_chart, histogram, pct, target_edit, ScenarioColumn, StudyReport};
use crate::model::{Plan, ValidPlan};
use crate::risk::ValidRisk;
use serde::{Deserialize, Serialize};
use slo_engine::burn_rate::quality;
use slo_engine::explain::Explanation;
use slo_engine::formula::{Figure, Term, Working};
use slo_engine::notation::{grouped, human_duration, percent, trim_decimals};
use slo_engine::risk::{blocks, rough_quantile, Grid, Lever, Risk, QUANTILE_STEPS};
use std::rc::Rc;

/// Bins of the availability histogram.
pub const BINS: usize = 40;
/// Steps of the scenarios' curves.
pub const STEPS: usize = 80;

/// One plan to simulate: the current plan or a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Its name.
    pub name: String,
    /// The risk plan.
    pub risk: ValidRisk,
    /// The SLO target, a fraction.
    pub target: f64,
    /// The allowed downtime per window (the error budget of a time-based SLI), seconds.
    pub budget_seconds: f64,
    /// The first alert tier's time to fire at the plan's alert error rate, seconds.
    pub detection_seconds: Option<f64>,
    /// Instances needed now (when the capacity plan is complete).
    pub instances: Option<u64>,
    /// The plan's currency, which the SLA's revenue and credits are in.
    pub currency: String,
}

impl Variant {
    /// The variant of a valid plan named `name`.
    pub fn of(name: &str, v: &ValidPlan) -> Variant {
        let window = v.window.seconds();
        Variant {
            name: name.to_owned(),
            currency: v.currency.clone(),
            risk: v.risk.clone(),
            target: v.target.fraction(),
            budget_seconds: v.target.budget_fraction() * window,
            detection_seconds: v
                .tiers
                .first()
                .and_then(|t| quality(*t, v.target, window, v.alert_error_rate).time_to_fire),
            instances: v
                .capacity
                .as_ref()
                .ok()
                .map(|c| c.fleet.needed(c.demand.peak(0.0))),
        }
    }
}

/// What the page simulates: the plan, the plan with each [`Lever`] pulled, then each
/// scenario, all from the plan's seed (common random numbers: the levers' differences
/// are not sampling noise).
#[derive(Debug, Clone, PartialEq)]
pub struct Study {
    /// The plan first, then the scenarios.
    pub variants: Vec<Variant>,
    /// The targets the negotiation view compares, fractions: the plan's own windows
    /// are counted against each.
    pub compared: Vec<f64>,
}

/// One block of one simulation of a study.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// The simulation: 0 the plan, 1 to 3 its levers, then the scenarios.
    pub sim: usize,
    /// The block of its windows.
    pub block: usize,
}

/// What one block of windows gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlockTally {
    /// Windows simulated.
    pub windows: u64,
    /// The sum of their availabilities, added in window order.
    pub sum: f64,
    /// The lowest availability (1 for no window).
    pub lowest: f64,
    /// Windows at or above the variant's SLO target.
    pub meeting_slo: u64,
    /// Windows at or above the variant's SLA target.
    pub meeting_sla: u64,
    /// The sum of the credits the windows owe, fractions of a window's revenue, added in
    /// window order.
    pub credit: f64,
    /// Windows owing any credit.
    pub owing: u64,
    /// For the plan's own simulation, windows at or above each compared target (empty
    /// for the others).
    pub meeting_compared: Vec<u64>,
}

/// A count asked of every worker over the windows it holds: the windows of simulation
/// `sim` per cell of a grid (see [`Grid::count`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// The simulation.
    pub sim: usize,
    /// The grid's lowest value, a fraction.
    pub low: f64,
    /// Its cells' width, a fraction.
    pub width: f64,
    /// Its cells.
    pub cells: usize,
}

impl Question {
    fn on(sim: usize, grid: Grid) -> Question {
        Question {
            sim,
            low: grid.low,
            width: grid.width,
            cells: grid.cells,
        }
    }

    fn grid(&self) -> Grid {
        Grid {
            low: self.low,
            width: self.width,
            cells: self.cells,
        }
    }
}

/// The study of a valid plan and its scenarios.
pub fn study(valid: &ValidPlan) -> Study {
    let mut variants = vec![Variant::of("this plan", valid)];
    variants.extend(valid.scenarios.iter().map(|(name, v)| Variant::of(name, v)));
    Study {
        variants,
        compared: valid.compared.iter().map(|t| t.fraction()).collect(),
    }
}

/// The probability of meeting each of `plan`'s SLOs, each from its own simulated
/// windows alone (no levers or scenarios): for the SLO the Risk page shows, the same
/// figure as its study's. An SLO whose plan does not validate gives why.
pub fn probabilities_of_meeting(plan: &Plan) -> Vec<Result<f64, String>> {
    (0..plan.slos.len())
        .map(|i| {
            let valid = Plan {
                selected: i,
                scenarios: Vec::new(),
                ..plan.clone()
            }
            .validate()
            .map_err(|e| e.to_string())?;
            let study = Study {
                variants: vec![Variant::of("", &valid)],
                compared: Vec::new(),
            };
            let (mut held, mut meeting, mut windows) = (Held::default(), 0, 0);
            for block in 0..blocks(valid.risk.windows) {
                let tally = held.simulate(&study, Task { sim: 0, block });
                meeting += tally.meeting_slo;
                windows += tally.windows;
                held.blocks.clear();
            }
            Ok(if windows == 0 {
                0.0
            } else {
                meeting as f64 / windows as f64
            })
        })
        .collect()
}

impl Study {
    /// How many simulations: the plan, its levers and the scenarios.
    pub fn simulations(&self) -> usize {
        self.variants.len() + Lever::ALL.len()
    }

    /// Simulation `sim`'s model and the variant it belongs to.
    fn sim(&self, sim: usize) -> Option<(Risk, &Variant)> {
        let levers = Lever::ALL.len();
        let plan = self.variants.first()?;
        match sim {
            0 => Some((plan.risk.model, plan)),
            s if s <= levers => Some((plan.risk.model.pulled(Lever::ALL[s - 1]), plan)),
            s => self.variants.get(s - levers).map(|v| (v.risk.model, v)),
        }
    }

    /// Every task, the plan's own simulation first.
    pub fn tasks(&self) -> Vec<Task> {
        (0..self.simulations())
            .flat_map(|sim| {
                let windows = self.sim(sim).map_or(0, |(_, v)| v.risk.windows);
                (0..blocks(windows)).map(move |block| Task { sim, block })
            })
            .collect()
    }

    /// The simulations whose curves the scenarios chart draws: the plan and each
    /// scenario.
    fn curves(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(0).chain((1..self.variants.len()).map(|i| i + Lever::ALL.len()))
    }

    /// The whole study run here, its tasks dealt in turn to `workers` holders: for tests,
    /// benchmarks and anywhere without workers.
    pub fn run(self: &Rc<Self>, workers: usize) -> StudyReport {
        let mut held: Vec<Held> = (0..workers.max(1)).map(|_| Held::default()).collect();
        let mut run = StudyRun::new(self.clone());
        let mut turn = 0;
        while let Some(task) = run.next_task() {
            let n = held.len();
            let tally = held[turn % n].simulate(self, task);
            run.record(task, tally);
            turn += 1;
        }
        loop {
            match run.round() {
                Some(Round::Ask(questions)) => {
                    for h in &held {
                        run.answer(&h.count(&questions));
                    }
                }
                Some(Round::Done(report)) => return *report,
                None => unreachable!("every task is recorded"),
            }
        }
    }
}

/// The windows a worker simulated, kept to answer [`Question`]s about them.
#[derive(Debug, Default)]
pub struct Held {
    blocks: Vec<(Task, Vec<f64>)>,
}

impl Held {
    /// Simulates `task` of `study`, keeps its windows and tallies them.
    pub fn simulate(&mut self, study: &Study, task: Task) -> BlockTally {
        let Some((model, variant)) = study.sim(task.sim) else {
            return BlockTally {
                windows: 0,
                sum: 0.0,
                lowest: 1.0,
                meeting_slo: 0,
                meeting_sla: 0,
                credit: 0.0,
                owing: 0,
                meeting_compared: Vec::new(),
            };
        };
        let r = &variant.risk;
        let windows = model.block(r.seed, task.block, r.windows);
        let (slo, sla) = (variant.target, r.sla.target());
        let credits = windows.iter().map(|a| r.sla.credit(*a));
        let tally = BlockTally {
            windows: windows.len() as u64,
            sum: windows.iter().sum(),
            lowest: windows.iter().copied().fold(1.0, f64::min),
            meeting_slo: windows.iter().filter(|a| **a >= slo).count() as u64,
            meeting_sla: windows.iter().filter(|a| **a >= sla).count() as u64,
            credit: credits.clone().sum(),
            owing: credits.filter(|c| *c > 0.0).count() as u64,
            meeting_compared: if task.sim == 0 {
                let count = |t: f64| windows.iter().filter(|a| **a >= t).count() as u64;
                study.compared.iter().map(|t| count(*t)).collect()
            } else {
                Vec::new()
            },
        };
        self.blocks.push((task, windows));
        tally
    }

    /// The counts each question asks, over the windows held: `cells + 1` per question,
    /// the first for the windows below the grid.
    pub fn count(&self, questions: &[Question]) -> Vec<Vec<u64>> {
        questions
            .iter()
            .map(|q| {
                let grid = q.grid();
                let mut counts = vec![0; q.cells + 1];
                for (task, windows) in &self.blocks {
                    if task.sim == q.sim {
                        grid.count(windows, &mut counts);
                    }
                }
                counts
            })
            .collect()
    }
}

/// What a finished simulation's blocks add up to.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Totals {
    windows: u64,
    mean: f64,
    lowest: f64,
    meeting_slo: u64,
    meeting_sla: u64,
    credit: f64,
    owing: u64,
}

impl Totals {
    /// The totals of `blocks`, in block order.
    fn of(blocks: &[Option<BlockTally>]) -> Totals {
        let mut t = Totals {
            windows: 0,
            mean: 0.0,
            lowest: 1.0,
            meeting_slo: 0,
            meeting_sla: 0,
            credit: 0.0,
            owing: 0,
        };
        let mut sum = 0.0;
        for b in blocks.iter().flatten() {
            t.windows += b.windows;
            sum += b.sum;
            t.lowest = t.lowest.min(b.lowest);
            t.meeting_slo += b.meeting_slo;
            t.meeting_sla += b.meeting_sla;
            t.credit += b.credit;
            t.owing += b.owing;
        }
        let n = t.windows.max(1) as f64;
        t.mean = if t.windows == 0 { 0.0 } else { sum / n };
        t.credit /= n;
        t
    }

    fn share(&self, count: u64) -> f64 {
        if self.windows == 0 {
            return 0.0;
        }
        count as f64 / self.windows as f64
    }
}

/// What the page does next with a study whose tasks are all recorded.
#[derive(Debug)]
pub enum Round {
    /// Ask every worker these questions and give each answer to [`StudyRun::answer`].
    Ask(Vec<Question>),
    /// The figures.
    Done(Box<StudyReport>),
}

#[derive(Debug)]
enum Stage {
    Simulating,
    /// Counts for the rough quantiles that place the charts' axis.
    Quantiles(Vec<Vec<u64>>),
    /// Counts for the charts from `low`, a fraction.
    Charts(f64, Vec<Vec<u64>>),
}

/// A study as the page runs it on its workers.
#[derive(Debug)]
pub struct StudyRun {
    study: Rc<Study>,
    tasks: Vec<Task>,
    next: usize,
    recorded: usize,
    tallies: Vec<Vec<Option<BlockTally>>>,
    stage: Stage,
}

impl StudyRun {
    /// A run of `study`, nothing simulated yet.
    pub fn new(study: Rc<Study>) -> StudyRun {
        let tasks = study.tasks();
        let mut tallies: Vec<Vec<Option<BlockTally>>> = vec![Vec::new(); study.simulations()];
        for t in &tasks {
            if let Some(sim) = tallies.get_mut(t.sim) {
                sim.push(None);
            }
        }
        StudyRun {
            study,
            tasks,
            next: 0,
            recorded: 0,
            tallies,
            stage: Stage::Simulating,
        }
    }

    /// The study.
    pub fn study(&self) -> &Rc<Study> {
        &self.study
    }

    /// The next task to hand to a worker, if any is left.
    pub fn next_task(&mut self) -> Option<Task> {
        let task = self.tasks.get(self.next).copied();
        self.next += usize::from(task.is_some());
        task
    }

    /// Records a worker's tally of `task` (a task recorded twice counts once).
    pub fn record(&mut self, task: Task, tally: BlockTally) {
        if let Some(slot) = self.tallies.get_mut(task.sim).and_then(|s| s.get_mut(task.block)) {
            self.recorded += usize::from(slot.is_none());
            *slot = Some(tally);
        }
    }

    /// The share of tasks recorded, in [0, 1].
    pub fn progress(&self) -> f64 {
        if self.tasks.is_empty() {
            return 1.0;
        }
        self.recorded as f64 / self.tasks.len() as f64
    }

    /// Whether the plan's own simulation is complete.
    pub fn plan_simulated(&self) -> bool {
        self.tallies
            .first()
            .is_some_and(|s| s.iter().all(Option::is_some))
    }

    /// Adds one worker's answer to the current round's questions.
    pub fn answer(&mut self, counts: &[Vec<u64>]) {
        if let Stage::Quantiles(sums) | Stage::Charts(_, sums) = &mut self.stage {
            for (sum, add) in sums.iter_mut().zip(counts) {
                for (s, a) in sum.iter_mut().zip(add) {
                    *s += a;
                }
            }
        }
    }

    /// Once every task is recorded: the next questions to ask every worker (after every
    /// worker answered the previous ones), then the figures.
    pub fn round(&mut self) -> Option<Round> {
        if self.recorded < self.tasks.len() {
            return None;
        }
        let totals: Vec<Totals> = self.tallies.iter().map(|s| Totals::of(s)).collect();
        let stage = std::mem::replace(&mut self.stage, Stage::Simulating);
        let (next, round) = match stage {
            Stage::Simulating => {
                let q: Vec<Question> = self
                    .study
                    .curves()
                    .map(|sim| Question::on(sim, Grid::points(totals[sim].lowest, 1.0, QUANTILE_STEPS)))
                    .collect();
                let counts = q.iter().map(|q| vec![0; q.cells + 1]).collect();
                (Stage::Quantiles(counts), Round::Ask(q))
            }
            Stage::Quantiles(counts) => {
                let plan = &self.study.variants[0];
                let low = self
                    .study
                    .curves()
                    .zip(&counts)
                    .map(|(sim, c)| rough_quantile(totals[sim].lowest, c, totals[sim].windows, 0.005))
                    .chain([plan.target, plan.risk.sla.target()])
                    .fold(1.0, f64::min);
                let low = (low - (1.0 - low) * 0.1).max(0.0);
                let q: Vec<Question> = std::iter::once(Question::on(0, Grid::bins(low, 1.0, BINS)))
                    .chain(
                        self.study
                            .curves()
                            .map(|sim| Question::on(sim, Grid::points(low, 1.0, STEPS))),
                    )
                    .collect();
                let counts = q.iter().map(|q| vec![0; q.cells + 1]).collect();
                (Stage::Charts(low, counts), Round::Ask(q))
            }
            Stage::Charts(low, counts) => (
                Stage::Simulating,
                Round::Done(Box::new(self.report(&totals, low, &counts))),
            ),
        };
        self.stage = next;
        Some(round)
    }

    /// The figures, from every simulation's totals and the charts' counts from `low`.
    fn report(&self, totals: &[Totals], low: f64, counts: &[Vec<u64>]) -> StudyReport {
        let study = &self.study;
        let plan = &study.variants[0];
        let base = totals[0];
        let sla = &plan.risk.sla;
        let probability_slo = base.share(base.meeting_slo);
        let budget_spent = (1.0 - base.mean) / (1.0 - plan.target);
        let credit = base.credit * plan.risk.revenue_per_window;
        let window = plan.risk.model.window();
        let levers: Vec<(String, f64, String)> = Lever::ALL
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let p = totals[i + 1].share(totals[i + 1].meeting_slo);
                let gain = (p - probability_slo) * 100.0;
                let sign = if gain >= 0.0 { "+" } else { "" };
                (
                    l.label().to_owned(),
                    p,
                    format!("{sign}{} pp", trim_decimals(gain, 2)),
                )
            })
            .collect();
        let best = levers
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .filter(|b| b.1 > probability_slo);
        let best = match best {
            Some((label, p, _)) => format!("{label} buys the most: {} → {}.", pct(probability_slo), pct(*p)),
            None => {
                "No single change raises the probability: it is already as high as these levers can take it."
                    .to_owned()
            }
        };
        let scenarios: Vec<ScenarioColumn> = study
            .curves()
            .zip(&study.variants)
            .map(|(sim, v)| {
                let t = totals[sim];
                ScenarioColumn {
                    name: v.name.clone(),
                    target: percent(v.target * 100.0),
                    budget_seconds: v.budget_seconds,
                    detection: v
                        .detection_seconds
                        .map_or("never fires".to_owned(), human_duration),
                    instances: v.instances.map_or("—".to_owned(), |n| grouped(n as f64, 0)),
                    probability: t.share(t.meeting_slo),
                    credit: t.credit * v.risk.revenue_per_window,
                }
            })
            .collect();
        let histogram_shares = Grid::shares(&counts[0], base.windows);
        let curves: Vec<(String, Vec<f64>)> = study
            .curves()
            .zip(&study.variants)
            .zip(&counts[1..])
            .map(|((sim, v), c)| (v.name.clone(), Grid::at_least(c, totals[sim].windows)))
            .collect();
        let probability_sla = base.share(base.meeting_sla);
        let compared = (0..study.compared.len())
            .map(|k| {
                let meeting = self.tallies[0]
                    .iter()
                    .flatten()
                    .map(|b| b.meeting_compared.get(k).copied().unwrap_or(0))
                    .sum();
                base.share(meeting)
            })
            .collect();
        StudyReport {
            compared,
            probability_slo,
            probability_sla,
            probability_credit: base.share(base.owing),
            mean: base.mean,
            budget_spent,
            credit,
            check: format!(
                "Simulated mean downtime {} per window; the closed form, rate × (mean detection + mean repair) × impact + maintenance, gives {}.",
                human_duration((1.0 - base.mean) * window),
                human_duration(plan.risk.model.expected_downtime())
            ),
            explained: Explanation {
                formula: "P(meet) = windows at or above the target ÷ windows; budget spent = (1 − mean availability) ÷ (1 − target); credit = mean credit owed × revenue per window".to_owned(),
                workings: vec![
                    Working::new(
                        Term::count(base.meeting_slo, "")
                            .over(Term::count(base.windows, "windows"))
                            .words(format!("at or above {}%", percent(plan.target * 100.0))),
                        Figure::percent(probability_slo, 2),
                    ),
                    Working::new(
                        Term::exact(base.mean, "")
                            .complement()
                            .over(Term::percent(plan.target * 100.0).complement()),
                        Figure::percent(budget_spent, 2).then(" of the budget"),
                    ),
                    Working::new(
                        Term::product(vec![
                            Term::exact(base.credit, ""),
                            crate::money::money_term(&plan.currency, plan.risk.revenue_per_window),
                        ]),
                        crate::money::money_figure(&plan.currency, credit).then(" per window"),
                    ),
                ],
                convention: Some("Revenue per window = revenue per month × window ÷ 30.436875 days.".to_owned()),
            },
            levers,
            best,
            histogram: editable(
                histogram(&histogram_shares, base.windows, low, (probability_slo, probability_sla), plan.target * 100.0, sla),
                target_edit,
            ),
            curves: editable(cdf_chart(&curves, low, plan.target * 100.0, sla), target_edit),
            scenarios,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::{Plan, ScenarioSpec};

    /// The default plan simulating `windows` windows, with a scenario of it at 99.5 %
    /// named "looser".
    pub(crate) fn with_looser_scenario(windows: u32) -> Plan {
        let mut plan = Plan::default();
        plan.risk.windows = windows;
        let looser = Plan {
            slos: vec![crate::SloSpec {
                target_percent: 99.5,
                ..plan.clone().slo().clone()
            }],
            ..plan.clone()
        };
        plan.scenarios.push(ScenarioSpec {
            name: "looser".to_owned(),
            plan: looser,
        });
        plan
    }

    fn study_of(windows: u32) -> Rc<Study> {
        Rc::new(study(&with_looser_scenario(windows).validate().unwrap()))
    }

    #[test]
    fn the_same_seed_gives_the_same_figures_on_any_number_of_workers() {
        let s = study_of(300_000);
        // Three blocks for each of five simulations.
        assert_eq!(s.tasks().len(), 15);
        let one = s.run(1);
        for workers in 2..=4 {
            assert_eq!(s.run(workers), one, "{workers} workers");
        }
        assert_eq!(one.explained.substituted().split(' ').nth(2), Some("300,000"));
        // The SLA's revenue and credit are in the plan's currency.
        assert!(
            one.explained.substituted().contains("USD "),
            "{}",
            one.explained.substituted()
        );
        assert!(one.explained.result().ends_with(" per window") && one.explained.result().contains("USD "));
        assert!(one.histogram.summary.contains("300,000 simulated windows"));
    }

    #[test]
    fn each_compared_target_is_met_as_often_as_a_scenario_with_that_target() {
        // The scenario "looser" is the plan at 99.5 %, simulated from the same seed.
        let report = study_of(200_000).run(2);
        assert_eq!(report.compared.len(), 3, "99.5, 99.9 and 99.95 %");
        assert_eq!(report.compared[0], report.scenarios[1].probability);
        assert_eq!(report.compared[1], report.probability_slo);
        assert!(report.compared[2] <= report.compared[1] && report.compared[1] <= report.compared[0]);
    }

    #[test]
    fn each_slo_is_met_as_often_as_its_own_risk_page_says() {
        let mut plan = with_looser_scenario(100_000);
        plan.slos.push(crate::SloSpec {
            name: "quarterly".to_owned(),
            target_percent: 99.0,
            window: crate::WindowSpec::CalendarQuarter,
            ..plan.slo().clone()
        });
        let odds = probabilities_of_meeting(&plan);
        for (i, p) in odds.iter().enumerate() {
            let page = Rc::new(study(
                &Plan {
                    selected: i,
                    ..plan.clone()
                }
                .validate()
                .unwrap(),
            ))
            .run(1);
            assert_eq!(*p, Ok(page.probability_slo), "SLO {i}");
        }
    }

    #[test]
    fn tallies_recorded_in_any_order_give_the_same_figures() {
        let s = study_of(140_000);
        let mut held = [Held::default(), Held::default()];
        let mut run = StudyRun::new(s.clone());
        let mut tasks = Vec::new();
        while let Some(t) = run.next_task() {
            tasks.push(t);
        }
        assert!(run.round().is_none(), "nothing is recorded yet");
        // The last task first, each on the other holder; one recorded twice.
        for (i, t) in tasks.iter().rev().enumerate() {
            let tally = held[i % 2].simulate(&s, *t);
            run.record(*t, tally.clone());
            if i == 0 {
                run.record(*t, tally);
                assert!(!run.plan_simulated());
            }
        }
        assert!(run.plan_simulated());
        assert_eq!(run.progress(), 1.0);
        let report = loop {
            match run.round().unwrap() {
                Round::Ask(q) => held.iter().for_each(|h| run.answer(&h.count(&q))),
                Round::Done(r) => break *r,
            }
        };
        assert_eq!(report, s.run(1));
        // Budget spent is the mean unavailability over the budget.
        let plan = &s.variants[0];
        let spent = (1.0 - report.mean) / (1.0 - plan.target);
        assert_eq!(report.budget_spent, spent);
    }
}
