//! Current against target: everyone below the stance we need them at, the largest gaps of the
//! most powerful people first (the engagement assessment matrix of stakeholder management, in
//! the map's words).
//!
//! A gap is `target − stance` on the five-point scale (champion +2 … blocker −2); its weight is
//! `power × gap`. People at or above their target are not listed.

use serde::Serialize;

use super::{Campaign, TargetSource};
use crate::model::{Map, Stance};

/// One person below target.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Gap {
    pub id: String,
    pub name: String,
    pub power: u8,
    pub stance: Stance,
    pub target: Stance,
    pub target_source: TargetSource,
    /// Steps on the stance scale between where they are and where we need them.
    pub gap: i64,
    /// `power × gap`: what the list is ordered by.
    pub weight: i64,
    pub decision_maker: bool,
    pub in_audience: bool,
}

/// Everyone below target, heaviest first (then by key).
pub fn gaps(map: &Map, campaign: &Campaign) -> Vec<Gap> {
    let audience = map.audience();
    let mut out: Vec<Gap> = Vec::new();
    let mut consider = |id| {
        let Some(p) = map.person(id) else { return };
        let Some((target, source)) = campaign.target_of(id, &audience) else {
            return;
        };
        let gap = target.value() - p.stance.value();
        if gap > 0 {
            out.push(Gap {
                id: p.key.clone(),
                name: p.name.clone(),
                power: p.power,
                stance: p.stance,
                target,
                target_source: source,
                gap,
                weight: i64::from(p.power) * gap,
                decision_maker: p.decision_maker,
                in_audience: audience.binary_search(&id).is_ok(),
            });
        }
    };
    // Only the audience and the people with a target set can have a target.
    for id in &audience {
        consider(*id);
    }
    for id in campaign.targets.keys() {
        if audience.binary_search(id).is_err() {
            consider(*id);
        }
    }
    out.sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.id.cmp(&b.id)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testmap;
    use crate::model::PersonId;

    #[test]
    fn gaps_are_ordered_by_power_times_gap_and_met_targets_are_left_out() {
        let mut m = testmap::map(5, &[]);
        m.goal.audience.people = vec![PersonId(1), PersonId(2), PersonId(3)];
        // p1: power 5, sceptic, default target supporter: gap 2, weight 10.
        // p2: power 3, blocker, target champion: gap 4, weight 12.
        // p3: power 4, supporter: meets the default target.
        // p4: not in the audience, target neutral, sceptic, power 2: gap 1, weight 2.
        // p5: not in the audience, no target: never listed.
        testmap::set_stance(&mut m, 1, Stance::Sceptic);
        testmap::set_stance(&mut m, 2, Stance::Blocker);
        testmap::set_stance(&mut m, 3, Stance::Supporter);
        testmap::set_stance(&mut m, 4, Stance::Sceptic);
        testmap::set_stance(&mut m, 5, Stance::Blocker);
        for (id, power) in [(1, 5), (2, 3), (3, 4), (4, 2)] {
            let mut p = m.person(PersonId(id)).unwrap().clone();
            p.power = power;
            m.put_person(p);
        }
        let mut c = Campaign::default();
        c.targets.insert(PersonId(2), Stance::Champion);
        c.targets.insert(PersonId(4), Stance::Neutral);
        let g = gaps(&m, &c);
        let rows: Vec<(&str, i64, i64)> =
            g.iter().map(|g| (g.id.as_str(), g.gap, g.weight)).collect();
        assert_eq!(rows, [("p2", 4, 12), ("p1", 2, 10), ("p4", 1, 2)]);
        assert_eq!(g[1].target_source, TargetSource::AudienceDefault);
        assert_eq!(g[0].target_source, TargetSource::Set);
        assert!(!g[2].in_audience);
        // A target below the current stance is no gap.
        c.targets.insert(PersonId(3), Stance::Neutral);
        assert!(gaps(&m, &c).iter().all(|g| g.id != "p3"));
    }
}
