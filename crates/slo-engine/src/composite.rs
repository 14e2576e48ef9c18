//! Composite availability of a service from its dependencies, evaluated exactly.
//!
//! Dependencies are assumed to fail independently. A [`Node`] is a dependency or a
//! group: **serial** (every member is needed: the product of availabilities),
//! **redundant** (any one member suffices: `1 − Π(1 − aᵢ)`), **k-of-n** (at least `k`
//! members up, computed exactly for members of different availabilities), or **soft**
//! (a failure degrades only a fraction `f` of requests: `1 − f·(1 − a)`).

use crate::error::{finite, EngineError};

/// The deepest nesting of groups accepted.
pub const MAX_DEPTH: usize = 16;

/// A dependency or a group of them.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// One dependency with its availability, a fraction in [0, 1].
    Dependency(f64),
    /// All members are needed.
    Serial(Vec<Node>),
    /// Any one member suffices.
    Redundant(Vec<Node>),
    /// At least `k` members must be up.
    KOfN {
        /// How many must be up.
        k: usize,
        /// The members.
        members: Vec<Node>,
    },
    /// A failure of `node` affects only `fraction` (in [0, 1]) of requests.
    Soft {
        /// The dependency or group.
        node: Box<Node>,
        /// The share of requests its failure affects.
        fraction: f64,
    },
}

impl Node {
    /// Checks every availability, fraction, quorum and the nesting depth.
    ///
    /// # Errors
    /// [`EngineError::DependencyOutOfRange`] naming what is wrong.
    pub fn validate(&self) -> Result<(), EngineError> {
        self.check(0)
    }

    fn check(&self, depth: usize) -> Result<(), EngineError> {
        let bad = |reason: &'static str| Err(EngineError::DependencyOutOfRange { reason });
        if depth > MAX_DEPTH {
            return bad("groups nest at most 16 deep");
        }
        match self {
            Node::Dependency(a) => {
                let a = finite(*a, "availability")?;
                if !(0.0..=1.0).contains(&a) {
                    return bad("an availability is between 0% and 100%");
                }
            }
            Node::Serial(members) | Node::Redundant(members) => {
                if members.is_empty() {
                    return bad("a group needs at least one member");
                }
                for m in members {
                    m.check(depth + 1)?;
                }
            }
            Node::KOfN { k, members } => {
                if *k == 0 || *k > members.len() {
                    return bad("a quorum k must be between 1 and the number of members");
                }
                for m in members {
                    m.check(depth + 1)?;
                }
            }
            Node::Soft { node, fraction } => {
                let f = finite(*fraction, "affected fraction")?;
                if !(0.0..=1.0).contains(&f) {
                    return bad("an affected fraction is between 0% and 100%");
                }
                node.check(depth + 1)?;
            }
        }
        Ok(())
    }

    /// The availability of this node, a fraction (call [`Node::validate`] first).
    pub fn availability(&self) -> f64 {
        match self {
            Node::Dependency(a) => *a,
            Node::Serial(members) => members.iter().map(Node::availability).product(),
            Node::Redundant(members) => 1.0 - members.iter().map(|m| 1.0 - m.availability()).product::<f64>(),
            Node::KOfN { k, members } => {
                // up[j]: probability that exactly j members are up.
                let mut up = vec![0.0; members.len() + 1];
                up[0] = 1.0;
                for (i, m) in members.iter().enumerate() {
                    let a = m.availability();
                    for j in (0..=i + 1).rev() {
                        let stay = up[j] * (1.0 - a);
                        let rise = if j > 0 { up[j - 1] * a } else { 0.0 };
                        up[j] = stay + rise;
                    }
                }
                up[*k..].iter().sum::<f64>().min(1.0)
            }
            Node::Soft { node, fraction } => 1.0 - fraction * (1.0 - node.availability()),
        }
    }

    /// The dependencies, depth first, with their availabilities.
    pub fn dependencies(&self) -> Vec<f64> {
        match self {
            Node::Dependency(a) => vec![*a],
            Node::Serial(m) | Node::Redundant(m) | Node::KOfN { members: m, .. } => {
                m.iter().flat_map(Node::dependencies).collect()
            }
            Node::Soft { node, .. } => node.dependencies(),
        }
    }

    /// For each dependency (depth first), the composite availability gained by giving it
    /// one more nine (`1 − a` divided by 10), the others unchanged: which one dominates.
    pub fn sensitivity(&self) -> Vec<f64> {
        let base = self.availability();
        (0..self.dependencies().len())
            .map(|i| {
                let mut improved = self.clone();
                improved.improve(&mut { i });
                improved.availability() - base
            })
            .collect()
    }

    /// Gives the `index`-th dependency (counting down as they are passed) one more nine.
    fn improve(&mut self, index: &mut usize) -> bool {
        match self {
            Node::Dependency(a) => {
                if *index == 0 {
                    *a = 1.0 - (1.0 - *a) / 10.0;
                    return true;
                }
                *index -= 1;
                false
            }
            Node::Serial(m) | Node::Redundant(m) | Node::KOfN { members: m, .. } => {
                m.iter_mut().any(|n| n.improve(index))
            }
            Node::Soft { node, .. } => node.improve(index),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tolerance::assert_close;

    #[test]
    fn serial_redundant_and_quorum_worked_examples() {
        // Hard dependencies multiply: 99.9 % × 99.95 % = 99.85005 %.
        assert_close(
            Node::Serial(vec![Node::Dependency(0.999), Node::Dependency(0.9995)]).availability(),
            0.998_500_5,
        );
        // Two redundant 99 % replicas: 1 − 0.01² = 99.99 %.
        assert_close(
            Node::Redundant(vec![Node::Dependency(0.99); 2]).availability(),
            0.9999,
        );
        // 2-of-3 at 99.9 %: 3a²(1 − a) + a³ = 99.9997002 %.
        let quorum = Node::KOfN {
            k: 2,
            members: vec![Node::Dependency(0.999); 3],
        };
        assert_close(quorum.availability(), 0.999_997_002);
    }

    #[test]
    fn soft_dependencies_and_nesting() {
        // A 99 % dependency whose failure touches 10 % of requests costs 0.1 %.
        let soft = Node::Soft {
            node: Box::new(Node::Dependency(0.99)),
            fraction: 0.1,
        };
        assert_close(soft.availability(), 0.999);
        // Two regions, each a serial chain of 99.9 % and 99.5 %, either one sufficing.
        let region = Node::Serial(vec![Node::Dependency(0.999), Node::Dependency(0.995)]);
        let both = Node::Redundant(vec![region.clone(), region]);
        let one = 0.999 * 0.995;
        assert_close(both.availability(), 1.0 - (1.0 - one) * (1.0 - one));
    }

    #[test]
    fn the_weakest_hard_dependency_dominates() {
        let chain = Node::Serial(vec![
            Node::Dependency(0.9999),
            Node::Dependency(0.99),
            Node::Dependency(0.999),
        ]);
        let gains = chain.sensitivity();
        assert_eq!(gains.len(), 3);
        assert!(gains[1] > gains[2] && gains[2] > gains[0], "{gains:?}");
    }

    #[test]
    fn impossible_trees_are_refused() {
        assert!(Node::Dependency(1.2).validate().is_err());
        assert!(Node::Serial(vec![]).validate().is_err());
        assert!(Node::KOfN {
            k: 4,
            members: vec![Node::Dependency(0.9); 3]
        }
        .validate()
        .is_err());
        assert!(Node::Soft {
            node: Box::new(Node::Dependency(0.9)),
            fraction: -0.1
        }
        .validate()
        .is_err());
        let mut deep = Node::Dependency(0.9);
        for _ in 0..20 {
            deep = Node::Serial(vec![deep]);
        }
        assert!(deep.validate().is_err());
    }
}
