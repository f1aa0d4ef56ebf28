//! The analysis answers as text: people by name (their key only where the name is not enough),
//! each score with the parts and the chains behind it. `--json` answers skip this room and
//! serialise the core's records as they are.

use std::fmt::Write as _;

use advocate_core::Map;
use advocate_core::analysis::coalition::Board;
use advocate_core::analysis::grid::{Grid, Quadrant};
use advocate_core::analysis::label_of;
use advocate_core::analysis::metrics::Metrics;
use advocate_core::analysis::paths::Path;
use advocate_core::analysis::rank::Ranking;
use advocate_core::analysis::whatif::Outcome;

/// A person named by key in an answer, as text names them: by name, with the key only where the
/// name is not enough.
fn label(map: &Map, key: &str) -> String {
    map.person_by_key(key)
        .map_or_else(|| key.to_string(), |p| label_of(map, p.id))
}

pub(crate) fn chain<K: AsRef<str>>(map: &Map, keys: &[K]) -> String {
    keys.iter()
        .map(|k| label(map, k.as_ref()))
        .collect::<Vec<_>>()
        .join(" > ")
}

/// How many audience members a text answer names one by one; a larger audience (a whole
/// division named by its department) is summed up after them, and `--json` lists everyone.
const NAMED: usize = 10;

fn audience_text(map: &Map, keys: &[String]) -> String {
    let mut text = keys
        .iter()
        .take(NAMED)
        .map(|k| label(map, k))
        .collect::<Vec<_>>()
        .join(", ");
    if keys.len() > NAMED {
        let _ = write!(text, " and {} more", keys.len() - NAMED);
    }
    text
}

pub(super) fn rank_text(map: &Map, r: &Ranking) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Audience: {}", audience_text(map, &r.audience));
    if r.advocates.is_empty() {
        let _ = writeln!(
            out,
            "Nobody we can reach carries to this audience and is willing to speak for us."
        );
    }
    let _ = writeln!(
        out,
        "score = access × willingness × carry\n  #  {:<34} {:>7} {:>7} {:>7} {:>7}",
        "advocate", "score", "access", "willing", "carry"
    );
    for (i, a) in r.advocates.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>3}  {:<34} {:>7.4} {:>7.3} {:>7.2} {:>7.3}",
            i + 1,
            format!("{} ({})", label(map, &a.id), a.stance),
            a.score,
            a.access,
            a.willingness,
            a.carry
        );
        let _ = writeln!(out, "       reached by: {}", chain(map, &a.access_path));
        // In the audience's order; past [`NAMED`] of them, the strongest.
        let mut paths: Vec<_> = a.audience_paths.iter().collect();
        if paths.len() > NAMED {
            paths.sort_by(|x, y| y.reliability.total_cmp(&x.reliability));
        }
        for p in paths.iter().take(NAMED) {
            let _ = writeln!(
                out,
                "       carries to {} ({:.3}): {}",
                label(map, &p.to),
                p.reliability,
                chain(map, &p.path)
            );
        }
        if paths.len() > NAMED {
            let _ = writeln!(
                out,
                "       and to {} more of the audience (--json lists every chain)",
                paths.len() - NAMED
            );
        }
    }
    if !r.to_win_over.is_empty() {
        let _ = writeln!(
            out,
            "To win over (sceptics and blockers whose word carries):"
        );
        for a in &r.to_win_over {
            let _ = writeln!(
                out,
                "     {:<34} worth {:.4} (access {:.3} × carry {:.3})",
                format!("{} ({})", label(map, &a.id), a.stance),
                a.score,
                a.access,
                a.carry
            );
        }
    }
    if !r.direct.is_empty() {
        let _ = writeln!(
            out,
            "Asking the audience ourselves (the direct approach, not advocacy):"
        );
        // In the audience's order; past [`NAMED`] of them, the ones we reach best.
        let mut direct: Vec<_> = r.direct.iter().collect();
        if direct.len() > NAMED {
            direct.sort_by(|x, y| y.access.total_cmp(&x.access));
        }
        for d in direct.iter().take(NAMED) {
            if d.access_path.is_empty() {
                let _ = writeln!(
                    out,
                    "     {} ({}): no chain of introductions from us",
                    label(map, &d.id),
                    d.stance
                );
            } else {
                let _ = writeln!(
                    out,
                    "     {} ({}): {:.3} by {}",
                    label(map, &d.id),
                    d.stance,
                    d.access,
                    chain(map, &d.access_path)
                );
            }
        }
        if direct.len() > NAMED {
            let out_of_reach = direct.iter().filter(|d| d.access_path.is_empty()).count();
            let _ = writeln!(
                out,
                "     and {} more of the audience ({out_of_reach} with no chain from us; --json lists everyone)",
                direct.len() - NAMED
            );
        }
    }
    out.trim_end().to_string()
}

pub(super) fn path_text(map: &Map, paths: &[Path]) -> String {
    let mut out = String::new();
    for (i, p) in paths.iter().enumerate() {
        let heading = if i == 0 {
            "Best chain".to_string()
        } else {
            format!("Alternative {i}")
        };
        let _ = writeln!(
            out,
            "{heading}: reliability {:.4} ({:.1}%)",
            p.reliability,
            100.0 * p.reliability
        );
        if p.steps.is_empty() {
            let _ = writeln!(
                out,
                "  {} is already on our side of the chain",
                chain(map, &p.people)
            );
        }
        for s in &p.steps {
            let _ = writeln!(
                out,
                "  {} > {}  ({}, {:.2})",
                label(map, &s.from),
                label(map, &s.to),
                s.kind,
                s.strength
            );
        }
    }
    out.trim_end().to_string()
}

/// A share as a percentage, "under 0.1%" rather than "0.0%" for a small one.
fn percent(share: f64) -> String {
    if share > 0.0 && share < 0.0005 {
        "under 0.1%".to_string()
    } else {
        format!("{:.1}%", 100.0 * share)
    }
}

pub(super) fn board_text(map: &Map, b: &Board) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Audience: {}", audience_text(map, &b.audience));
    let _ = writeln!(
        out,
        "Board of advocates (each recruited with chance access × willingness; their word spreads \
         tie by tie with the ties' strengths as chances):"
    );
    if b.board.is_empty() {
        let _ = writeln!(
            out,
            "  nobody: no one we can reach is willing and reaches the audience"
        );
    }
    for (i, m) in b.board.iter().enumerate() {
        let seats: Vec<&str> = m.seats.iter().map(|s| s.label()).collect();
        let role = if seats.is_empty() {
            m.function.label().to_string()
        } else {
            seats.join(", ")
        };
        let _ = writeln!(
            out,
            "{:>3}  {} ({}; {role})  adds {} of the audience",
            i + 1,
            label(map, &m.id),
            m.stance,
            percent(m.marginal_gain)
        );
        let _ = writeln!(
            out,
            "       recruited at {:.1}% = access {:.3} × willingness {:.1}, reached by {}",
            100.0 * m.recruitment,
            m.access,
            m.willingness,
            chain(map, &m.access_path)
        );
        for p in &m.reaches {
            let _ = writeln!(
                out,
                "       reaches {} ({:.3}): {}",
                label(map, &p.to),
                p.reliability,
                chain(map, &p.path)
            );
        }
    }
    let _ = writeln!(
        out,
        "Expected reach: {:.1}% of the audience ({:.2} people), ± {:.1}% (standard error, {} samples)",
        100.0 * b.expected_reach,
        b.expected_people,
        100.0 * b.standard_error,
        b.sets
    );
    let _ = writeln!(out, "Seats:");
    for s in &b.seats {
        if !s.filled_by.is_empty() {
            let _ = writeln!(out, "  {}: {}", s.label, audience_text(map, &s.filled_by));
            continue;
        }
        match &s.best_candidate {
            Some(c) => {
                let _ = writeln!(
                    out,
                    "  {}: open; best candidate {} ({}, recruited at {:.1}%): adding them adds \
                     {} (reach {:.1}% → {:.1}%)",
                    s.label,
                    label(map, &c.id),
                    c.stance,
                    100.0 * c.recruitment,
                    percent(c.adds),
                    100.0 * b.expected_reach,
                    100.0 * c.reach_with
                );
            }
            None => {
                let _ = writeln!(out, "  {}: open; nobody we can recruit sits there", s.label);
            }
        }
    }
    out.trim_end().to_string()
}

pub(super) fn outcome_text(map: &Map, o: &Outcome) -> String {
    match o {
        Outcome::Rank(r) => rank_text(map, r),
        Outcome::Path(p) => path_text(map, p),
        Outcome::Coalition(b) => board_text(map, b),
        Outcome::NoAnswer(e) => format!("no answer: {e}"),
    }
}

pub(super) fn metrics_text(map: &Map, m: &Metrics) -> String {
    let mut out = String::new();
    let mut people: Vec<_> = m.people.iter().collect();
    people.sort_by(|a, b| b.influence_pagerank.total_cmp(&a.influence_pagerank));
    let _ = writeln!(
        out,
        "Most influential first. influence = PageRank against the ties (whose word spreads), \
         reach = closeness over the chains they start, broker = betweenness, swayed by = PageRank \
         along the ties (who is most advised); in/out = strength of the ties reaching/leaving them."
    );
    let _ = writeln!(
        out,
        "{:<32} {:>9} {:>9} {:>7} {:>8} {:>9} {:>5} {:>5} {:>4}",
        "person", "influence", "eigen", "reach", "broker", "swayed by", "in", "out", "comm"
    );
    for p in people {
        let eigen = p
            .influence_eigenvector
            .map_or_else(|| "-".to_string(), |e| format!("{e:.4}"));
        let _ = writeln!(
            out,
            "{:<32} {:>9.4} {:>9} {:>7.3} {:>8.4} {:>9.4} {:>5.2} {:>5.2} {:>4}",
            label(map, &p.id),
            p.influence_pagerank,
            eigen,
            p.reach_closeness,
            p.broker_betweenness,
            p.swayed_by_pagerank,
            p.in_degree,
            p.out_degree,
            p.community
        );
    }
    let _ = writeln!(
        out,
        "{} communities, modularity {:.4}",
        m.communities, m.modularity
    );
    if let Some(s) = &m.sample {
        let _ = writeln!(
            out,
            "Broker betweenness and the closenesses estimated from {} sampled people (broker ±{:.3} at 95%).",
            s.pivots, s.error_bound
        );
    }
    if !m.influence_eigenvector_converged {
        let _ = writeln!(
            out,
            "Influence eigenvector centrality did not converge in 1000 iterations (shown as -)."
        );
    }
    out.trim_end().to_string()
}

pub(super) fn grid_text(map: &Map, g: &Grid) -> String {
    let mut out = String::new();
    for q in [
        Quadrant::ManageClosely,
        Quadrant::KeepSatisfied,
        Quadrant::KeepInformed,
        Quadrant::Monitor,
    ] {
        let names: Vec<String> = g
            .people
            .iter()
            .filter(|p| p.quadrant == q)
            .map(|p| format!("{} ({})", label(map, &p.id), p.stance))
            .collect();
        let names = if names.is_empty() {
            "nobody".to_string()
        } else {
            names.join(", ")
        };
        let _ = writeln!(
            out,
            "{} ({}): {names}",
            q.label(),
            g.people.iter().filter(|p| p.quadrant == q).count()
        );
    }
    let _ = writeln!(out, "\nBy department: supporters / neutrals / opponents");
    for d in &g.departments {
        let _ = writeln!(
            out,
            "  {:<24} {:>3} / {:>3} / {:>3}",
            d.department, d.supporters, d.neutrals, d.opponents
        );
    }
    for f in &g.flags {
        let _ = writeln!(out, "\nFlag: {f}");
    }
    let _ = writeln!(out, "\nNeeds attention:");
    if g.attention.is_empty() {
        let _ = writeln!(out, "  nobody");
    }
    for a in &g.attention {
        let _ = writeln!(out, "  {}: {}", label(map, &a.id), a.reasons.join("; "));
    }
    out.trim_end().to_string()
}
