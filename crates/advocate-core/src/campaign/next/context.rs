//! What the rules share: the map's snapshot, the searches from the home team and to the
//! audience, who is best placed to sway someone, and what moving someone is worth.

use rayon::prelude::*;

use super::{Input, Rule, Suggestion};
use crate::analysis::AnalysisError;
use crate::analysis::csr::Csr;
use crate::analysis::paths::{Direction, Limits, Search, dijkstra, dijkstra_until};
use crate::analysis::progress::Progress;
use crate::analysis::rank::willingness;
use crate::campaign::{key_of, name_of};
use crate::model::{Map, PersonId, PersonKey, Stance};
/// Everything the rules share: the snapshot, the searches from the home team and to the
/// audience, and each person's stance by dense index.
pub(super) struct Context<'a> {
    pub(super) map: &'a Map,
    pub(super) csr: Csr,
    pub(super) audience: Vec<PersonId>,
    pub(super) aud: Vec<u32>,
    pub(super) home: Vec<u32>,
    pub(super) is_home: Vec<bool>,
    pub(super) access: Option<Search>,
    /// Backward searches from each audience member.
    pub(super) to_audience: Vec<Search>,
    pub(super) stance: Vec<Stance>,
}

/// The best placed person to sway someone, and the chain.
pub(super) struct Sway {
    pub(super) via: u32,
    pub(super) chain: Vec<u32>,
    pub(super) reliability: f64,
    pub(super) score: f64,
}

impl<'a> Context<'a> {
    pub(super) fn new(map: &'a Map, progress: &Progress) -> Result<Context<'a>, AnalysisError> {
        let csr = Csr::from_map(map);
        let audience = map.audience();
        let aud = csr.indices(&audience);
        let home = csr.indices(&map.members(&map.home));
        let mut is_home = vec![false; csr.len()];
        for h in &home {
            is_home[*h as usize] = true;
        }
        progress.start(aud.len() as u64 + 1);
        let mut searches: Vec<Option<Search>> = std::iter::once(None)
            .chain(aud.iter().map(|a| Some(*a)))
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|member| {
                progress.check()?;
                let s = match member {
                    None if home.is_empty() => None,
                    None => Some(dijkstra(
                        &csr,
                        Direction::Forward,
                        &home,
                        &Limits::default(),
                    )),
                    Some(a) => Some(dijkstra(
                        &csr,
                        Direction::Backward,
                        &[a],
                        &Limits::default(),
                    )),
                };
                progress.advance(1)?;
                Ok(s)
            })
            .collect::<Result<_, AnalysisError>>()?;
        let to_audience = searches.split_off(1).into_iter().flatten().collect();
        let access = searches.pop().flatten();
        let stance = csr
            .ids
            .iter()
            .map(|id| map.person(*id).map_or(Stance::Neutral, |p| p.stance))
            .collect();
        Ok(Context {
            map,
            csr,
            audience,
            aud,
            home,
            is_home,
            access,
            to_audience,
            stance,
        })
    }

    pub(super) fn index(&self, p: PersonId) -> Option<u32> {
        self.csr.index.get(&p).copied()
    }

    pub(super) fn in_audience(&self, p: PersonId) -> bool {
        self.audience.binary_search(&p).is_ok()
    }

    /// The reliability of `v`'s chains to the audience members other than `v`, summed, over
    /// the audience's size.
    pub(super) fn carry_others(&self, v: u32) -> f64 {
        if self.aud.is_empty() {
            return 0.0;
        }
        let sum: f64 = self
            .to_audience
            .iter()
            .zip(&self.aud)
            .filter(|(_, a)| **a != v)
            .map(|(s, _)| s.reliability(v))
            .sum();
        sum / self.audience.len() as f64
    }

    /// What moving `p` from `from` to `to` is worth (see the module's doc), and in words.
    pub(super) fn worth(&self, p: PersonId, from: Stance, to: Stance) -> (f64, String) {
        let n = self.audience.len().max(1) as f64;
        let direct = if self.in_audience(p) {
            (to.value() - from.value()) as f64 / n
        } else {
            0.0
        };
        let carry = self.index(p).map_or(0.0, |v| self.carry_others(v));
        let dw = willingness(to) - willingness(from);
        let indirect = dw * carry;
        let name = name_of(self.map, p);
        let mut parts = Vec::new();
        if direct != 0.0 {
            parts.push(format!(
                "{name} is one of the {} in the audience: {from} → {to} moves its mean stance {:+.3}",
                self.audience.len(),
                direct
            ));
        }
        if indirect != 0.0 {
            parts.push(format!(
                "willingness {:.1} → {:.1} × carry {:.3} to the rest of the audience = {:+.3}",
                willingness(from),
                willingness(to),
                carry,
                indirect
            ));
        }
        if parts.is_empty() {
            parts.push(format!("{from} → {to} changes nothing the audience hears"));
        }
        (direct + indirect, parts.join("; "))
    }

    /// Who is best placed to sway `t` (see the module's doc), with the chain from the home team.
    ///
    /// A backward search from `t` meets people nearest first, and nobody's score exceeds the
    /// reliability of their best chain to `t` (access and willingness are at most 1, and our
    /// own tie is one of our chains): once that falls below the best score found (with a margin
    /// for rounding), nobody further can beat it and the search stops. Ties of score go to the
    /// lowest index whatever the order people are met in, so the answer is the one a search of
    /// the whole map gives.
    pub(super) fn best_sway(&self, t: u32) -> Option<Sway> {
        let mut best: Option<(f64, u32)> = None;
        let back = dijkstra_until(&self.csr, Direction::Backward, &[t], |v, d| {
            if let Some((b, _)) = best
                && (-d).exp() < b * (1.0 - 1e-9)
            {
                return false;
            }
            if v == t {
                return true;
            }
            let score = if self.is_home[v as usize] {
                // We speak for ourselves only where we have a tie of our own: a longer chain
                // from us is someone else speaking.
                match self.csr.tie(v, t) {
                    Some((_, strength)) => strength,
                    None => return true,
                }
            } else {
                let s = self.stance[v as usize];
                if s.is_opposed() {
                    return true;
                }
                let access = match &self.access {
                    Some(a) if a.dist[v as usize].is_finite() => a.reliability(v),
                    Some(_) => return true,
                    // Without a home team nobody's access is known: reach alone decides.
                    None => 1.0,
                };
                access * willingness(s) * (-d).exp()
            };
            if best.is_none_or(|(b, bv)| score > b || (score == b && v < bv)) {
                best = Some((score, v));
            }
            true
        });
        let (score, via) = best?;
        let chain = if self.is_home[via as usize] {
            vec![via, t]
        } else {
            let mut to_t = back.chain(via);
            to_t.reverse();
            let mut chain = match &self.access {
                Some(a) => a.chain(via),
                None => vec![via],
            };
            chain.extend(to_t.into_iter().skip(1));
            chain
        };
        let reliability = chain
            .windows(2)
            .map(|w| self.csr.tie(w[0], w[1]).map_or(0.0, |t| t.1))
            .product();
        Some(Sway {
            via,
            chain,
            reliability,
            score,
        })
    }

    /// `v` acting on `t` over their own tie: the chain from the home team to `v`, then to `t`.
    pub(super) fn through(&self, v: u32, t: u32) -> Option<Sway> {
        let (mut chain, access) = match (&self.access, self.is_home[v as usize]) {
            (Some(a), false) if a.dist[v as usize].is_finite() => (a.chain(v), a.reliability(v)),
            (Some(_), false) => return None,
            _ => (vec![v], 1.0),
        };
        let strength = self.csr.tie(v, t)?.1;
        chain.push(t);
        Some(Sway {
            via: v,
            reliability: access * strength,
            chain,
            score: access * willingness(self.stance[v as usize]) * strength,
        })
    }

    pub(super) fn keys(&self, chain: &[u32]) -> Vec<PersonKey> {
        chain
            .iter()
            .map(|v| PersonKey(key_of(self.map, self.csr.ids[*v as usize])))
            .collect()
    }
}

/// FNV-1a over the facts: stable across runs and builds.
pub(super) fn digest(facts: &[String]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in facts {
        for b in f.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

pub(super) fn input(name: &str, value: impl ToString) -> Input {
    Input {
        name: name.into(),
        value: value.to_string(),
    }
}

/// What a rule found, before the common parts are filled in.
pub(super) struct Found {
    pub(super) rule: Rule,
    /// The person the key is about (for Coverage: the decision-maker).
    pub(super) subject: PersonId,
    /// The person the step is about.
    pub(super) person: PersonId,
    pub(super) sway: Option<Sway>,
    pub(super) step: String,
    pub(super) why: String,
    pub(super) inputs: Vec<Input>,
    pub(super) facts: Vec<String>,
    pub(super) worth: (f64, String),
}

impl Context<'_> {
    pub(super) fn finish(&self, f: Found) -> Suggestion {
        let map = self.map;
        let via_id = f.sway.as_ref().map(|s| self.csr.ids[s.via as usize]);
        let mut facts = f.facts;
        facts.push(format!(
            "via={}",
            via_id.map(|v| key_of(map, v)).unwrap_or_default()
        ));
        Suggestion {
            key: format!("{}:{}", f.rule.slug(), key_of(map, f.subject)),
            rule: f.rule,
            person: PersonKey(key_of(map, f.person)),
            name: name_of(map, f.person),
            via: via_id.map(|v| PersonKey(key_of(map, v))),
            via_name: via_id.map(|v| name_of(map, v)),
            step: f.step,
            why: f.why,
            inputs: f.inputs,
            chain: f
                .sway
                .as_ref()
                .map(|s| self.keys(&s.chain))
                .unwrap_or_default(),
            chain_reliability: f.sway.as_ref().map(|s| s.reliability),
            worth: f.worth.0,
            worth_reason: f.worth.1,
            inputs_hash: digest(&facts),
            person_id: f.person,
            via_id,
        }
    }

    /// "Ask X to speak to T" or, when the home team is best placed, "Meet T yourselves".
    pub(super) fn ask(&self, sway: &Option<Sway>, t: PersonId, about: &str) -> String {
        let name = name_of(self.map, t);
        match sway {
            Some(s) if self.is_home[s.via as usize] => {
                format!("Meet {name} yourselves {about}")
            }
            Some(s) => format!(
                "Ask {} to speak to {name} {about}",
                name_of(self.map, self.csr.ids[s.via as usize])
            ),
            None => {
                format!("Find an introduction to {name} {about} (nobody on the map reaches them)")
            }
        }
    }

    pub(super) fn sway_inputs(&self, sway: &Option<Sway>, inputs: &mut Vec<Input>) {
        if let Some(s) = sway {
            let v = self.csr.ids[s.via as usize];
            inputs.push(input(
                "best placed",
                format!(
                    "{} ({}, score {:.3})",
                    crate::analysis::label_of(self.map, v),
                    if self.is_home[s.via as usize] {
                        "home team".to_string()
                    } else {
                        self.stance[s.via as usize].to_string()
                    },
                    s.score
                ),
            ));
        }
    }
}
