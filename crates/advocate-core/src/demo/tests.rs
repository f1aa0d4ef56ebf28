//! Where Fit shows the demo in the app's default window: no two people's discs overlap or touch,
//! and the block fills the canvas.

use super::*;

/// Where Fit shows the demo in the app's default window, no two people's discs (their
/// radius by [`NODE_RADIUS`]) overlap or touch: the executives, the biggest, were drawn
/// into one another.
#[test]
fn no_two_people_touch_where_fit_shows_the_demo() {
    let block = demo_block(&discs());
    let data = demo_as_written();
    let discs: Vec<(f64, f64, f64, &str)> = data
        .people
        .iter()
        .map(|p| {
            let at = p.position.unwrap();
            let radius = NODE_RADIUS.of(p.power.unwrap());
            (
                at.x * block.scale,
                at.y * block.scale,
                radius,
                p.name.as_str(),
            )
        })
        .collect();
    assert_eq!(discs.len(), PEOPLE.len());
    let mut closest = (f64::INFINITY, "", "");
    for (i, (xi, yi, ri, a)) in discs.iter().enumerate() {
        for (xj, yj, rj, b) in &discs[i + 1..] {
            let clear = (xi - xj).hypot(yi - yj) - ri - rj;
            if clear < closest.0 {
                closest = (clear, a, b);
            }
        }
    }
    println!(
        "closest: {} and {}, {:.1} px apart at scale {:.3}",
        closest.1, closest.2, closest.0, block.scale
    );
    assert!(
        closest.0 >= NODE_GAP - 0.5,
        "{} and {} are {:.1} pixels apart at Fit (scale {:.3})",
        closest.1,
        closest.2,
        closest.0,
        block.scale
    );
    // The block fills the canvas at that scale: nobody is drawn outside it.
    let (x0, x1) = discs.iter().fold((f64::MAX, f64::MIN), |(lo, hi), d| {
        (lo.min(d.0 - d.2), hi.max(d.0 + d.2))
    });
    assert!(x1 - x0 <= CANVAS.0, "{:.0} pixels wide", x1 - x0);
}
