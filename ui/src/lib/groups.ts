// The force layout's departments kept as groups that never overlap. ForceAtlas2 says who is
// drawn towards whom; then each department becomes a disc of its people (a sunflower, each
// person in the slot nearest to where ForceAtlas2 put them relative to their colleagues, so a
// person tied to IT sits on IT's side), and the discs are moved apart until no hull touches
// another hull or another's title, in a cluster shaped like the canvas. Presentation only.
import type { Point } from "./drawing";

/** One person to place: their key, their group (department; null: none) and where the force
 *  layout left them. */
export interface Member { key: string; group: number | null; at: Point; /** The node's radius in pixels. */ size?: number }

/** What the picture adds around a group's people, in pixels that do not scale with the zoom:
 *  the biggest node's radius, the hull's pad, the title's height above the hull, and the gap
 *  kept between two hulls. */
export interface Pads { node: number; hull: number; title: number; gap: number }

/** Layout units between neighbours in a department's sunflower (about 1.8 of this apart). */
export const SPACING = 30;
const GOLDEN = Math.PI * (3 - Math.sqrt(5));

/** Where slot `j` of a sunflower sits around its centre: even spacing, the first at the middle. */
export function slot(j: number, spacing = SPACING): Point {
  const r = spacing * Math.sqrt(j + 0.5);
  return { x: r * Math.cos(j * GOLDEN), y: r * Math.sin(j * GOLDEN) };
}

/** The radius of a sunflower of `n` people (to the centre of the outermost). */
export function sunflowerRadius(n: number, spacing = SPACING): number {
  return n <= 0 ? 0 : spacing * Math.sqrt(n - 0.5);
}

/**
 * Each member's offset from their group's centre: the sunflower's slots, handed out so that the
 * people ForceAtlas2 put in the middle of their group stay in the middle and everyone keeps their
 * direction from the group's centre (rings of slots, matched by angle).
 */
function arrange(members: Member[], spacing: number, inOrder: boolean): Map<string, Point> {
  const out = new Map<string, Point>();
  const n = members.length;
  if (inOrder) {
    members.forEach((m, j) => out.set(m.key, slot(j, spacing)));
    return out;
  }
  const cx = members.reduce((a, m) => a + m.at.x, 0) / n;
  const cy = members.reduce((a, m) => a + m.at.y, 0) / n;
  const angle = (p: Point) => Math.atan2(p.y, p.x);
  const byDistance = [...members].sort((a, b) =>
    Math.hypot(a.at.x - cx, a.at.y - cy) - Math.hypot(b.at.x - cx, b.at.y - cy) || a.key.localeCompare(b.key));
  const slots = Array.from({ length: n }, (_, j) => slot(j, spacing));
  // Rings of growing size: the first slot alone, then about 6, 12, 18… (a sunflower's rings).
  let start = 0;
  for (let ring = 0; start < n; ring++) {
    const size = Math.min(n - start, ring === 0 ? 1 : 6 * ring);
    const people = byDistance.slice(start, start + size).sort((a, b) => angle({ x: a.at.x - cx, y: a.at.y - cy }) - angle({ x: b.at.x - cx, y: b.at.y - cy }));
    const spots = slots.slice(start, start + size).sort((a, b) => angle(a) - angle(b));
    // The rotation of the spots that moves the people least.
    let best = 0, bestCost = Infinity;
    for (let s = 0; s < size; s++) {
      let cost = 0;
      for (let i = 0; i < size; i++) {
        const d = Math.abs(angle({ x: people[i].at.x - cx, y: people[i].at.y - cy }) - angle(spots[(i + s) % size]));
        cost += Math.min(d, 2 * Math.PI - d);
      }
      if (cost < bestCost) { bestCost = cost; best = s; }
    }
    people.forEach((m, i) => out.set(m.key, spots[(i + best) % size]));
    start += size;
  }
  return out;
}

/** A group as packed: its centre (layout units, y up) and what it needs around it. */
interface Disc { group: number | null; x: number; y: number; people: number; title: number; r: number; lift: number; w: number }

/**
 * Moves the discs apart until none overlaps another, drawing them towards the middle in a
 * cluster with the canvas's aspect (`aspect`: width over height). Deterministic.
 */
function pack(discs: Disc[], aspect: number) {
  const n = discs.length;
  if (n < 2) return;
  // Big maps have many teams: fewer rounds, so the layout stays quick.
  const rounds = Math.max(30, Math.min(400, Math.floor(4e7 / (n * n))));
  const separate = () => {
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const a = discs[i];
      for (let j = i + 1; j < n; j++) {
        const b = discs[j];
        let dx = b.x - a.x, dy = (b.y + b.lift) - (a.y + a.lift);
        let d = Math.hypot(dx, dy);
        const need = a.r + b.r;
        if (d >= need) continue;
        if (d < 1e-6) { dx = Math.cos(i + j); dy = Math.sin(i + j); d = 1; }
        const push = need - d;
        worst = Math.max(worst, push);
        const share = b.w / (a.w + b.w);
        a.x -= (dx / d) * push * share; a.y -= (dy / d) * push * share;
        b.x += (dx / d) * push * (1 - share); b.y += (dy / d) * push * (1 - share);
      }
    }
    return worst;
  };
  for (let round = 0; round < rounds; round++) {
    // Gravity that weakens as the rounds go; pulling harder across the canvas's short side.
    const g = 0.06 * (1 - round / rounds);
    const gx = aspect >= 1 ? g / aspect : g, gy = aspect >= 1 ? g : g * aspect;
    const mx = discs.reduce((s, d) => s + d.x * d.w, 0) / discs.reduce((s, d) => s + d.w, 0);
    const my = discs.reduce((s, d) => s + d.y * d.w, 0) / discs.reduce((s, d) => s + d.w, 0);
    for (const d of discs) { d.x -= (d.x - mx) * gx; d.y -= (d.y - my) * gy; }
    separate();
  }
  // Then only apart, until nothing overlaps.
  for (let i = 0; i < 2000 && separate() > 1e-6; i++);
}

/**
 * Where each member goes: departments as separate discs of their people, packed to fill a
 * canvas of `canvas` pixels. `titleWidth` gives a group's title width in pixels (0: no title).
 * The layout's units are about a pixel at Fit: the pixel pads are worked out for the scale the
 * packed layout will be shown at (a few rounds of packing and measuring).
 */
export function groupedLayout(
  members: Member[],
  canvas: { width: number; height: number },
  titleWidth: (group: number | null) => number,
  pads: Pads,
  /** Each group's people take its sunflower's slots in the order given (the first in the
   *  middle), instead of by where they were. */
  inOrder = false,
): Map<string, Point> {
  const out = new Map<string, Point>();
  if (members.length === 0) return out;
  const byGroup = new Map<number | null, Member[]>();
  for (const m of members) {
    const list = byGroup.get(m.group) ?? [];
    list.push(m);
    byGroup.set(m.group, list);
  }
  const groups = [...byGroup.entries()];
  if (!inOrder) groups.sort((a, b) => b[1].length - a[1].length || (a[0] ?? -1) - (b[0] ?? -1));
  // Each group's sunflower for a spacing of 1, scaled below.
  const offsets = new Map<number | null, Map<string, Point>>(groups.map(([g, ms]) => [g, arrange(ms, 1, inOrder)]));
  // Start from where ForceAtlas2 put each group, the cloud stretched to the canvas's shape.
  const seeds = groups.map(([, ms]) => ({
    x: ms.reduce((a, m) => a + m.at.x, 0) / ms.length,
    y: ms.reduce((a, m) => a + m.at.y, 0) / ms.length,
  }));
  const sx = seeds.reduce((a, p) => a + p.x, 0) / seeds.length, sy = seeds.reduce((a, p) => a + p.y, 0) / seeds.length;
  const devX = Math.sqrt(seeds.reduce((a, p) => a + (p.x - sx) ** 2, 0) / seeds.length) || 1;
  const devY = Math.sqrt(seeds.reduce((a, p) => a + (p.y - sy) ** 2, 0) / seeds.length) || 1;
  const w = Math.max(1, canvas.width), h = Math.max(1, canvas.height);
  const aspect = w / h;
  // Sunflower neighbours are at least about 1.65 spacings apart: at the least, room for the
  // biggest node beside a middling one (12 pixels).
  const sMin = (pads.node + 12 + 4) / 1.65, sMax = Math.max(sMin, 1.6 * SPACING);
  let s = Math.max(sMin, SPACING), k = 1;
  let discs: Disc[] = [];
  // A department of big nodes (the executives) is spread wider: two of its biggest side by side.
  const biggest = new Map(groups.map(([g, ms]) => [g, Math.max(...ms.map((m) => m.size ?? 0))]));
  const spacing = (g: number | null) => Math.max(s, (2 * (biggest.get(g) ?? 0) + 6) / 1.65 / k);
  /** Packs the groups for a spacing `s` and pads shown at `k` pixels a unit; returns how much
   *  bigger (above 1) or smaller the layout could be drawn to fill the canvas. */
  const lay = () => {
    const hull = (pads.node + pads.hull) / k, title = pads.title / k, gap = pads.gap / k;
    discs = groups.map(([g, ms]) => {
      const inner = sunflowerRadius(ms.length, spacing(g)) + hull;
      const half = titleWidth(g) / 2 / k;
      // A circle around the hull and its title above it (centre raised by half the title).
      const r = (g === null ? inner : Math.hypot(half, inner + title / 2)) + gap / 2;
      return { group: g, x: 0, y: 0, people: ms.length, title: half, r, lift: g === null ? 0 : title / 2, w: r * r };
    });
    const reach = Math.sqrt(discs.reduce((a, d) => a + d.r * d.r, 0));
    discs.forEach((d, i) => {
      d.x = ((seeds[i].x - sx) / devX) * reach * Math.sqrt(aspect) * 0.7;
      d.y = ((seeds[i].y - sy) / devY) * reach / Math.sqrt(aspect) * 0.7;
    });
    pack(discs, aspect);
    const x0 = Math.min(...discs.map((d) => d.x - d.r)), x1 = Math.max(...discs.map((d) => d.x + d.r));
    const y0 = Math.min(...discs.map((d) => d.y + d.lift - d.r)), y1 = Math.max(...discs.map((d) => d.y + d.lift + d.r));
    return Math.min(w / (x1 - x0), h / (y1 - y0));
  };
  // First the spacing (roomier where the canvas allows, down to the smallest); where even that
  // does not fit, the layout is shown smaller and its pads are worked out for that scale.
  for (let round = 0; round < 8; round++) {
    const room = lay();
    if (k === 1 && room >= 1 && (s >= sMax || room < 1.05)) break;
    if (k === 1 && (room > 1 || s > sMin)) { s = Math.max(sMin, Math.min(sMax, s * Math.max(0.5, Math.min(1.5, room)))); continue; }
    const next = Math.min(1, room);
    if (next < 0.2) {
      // The pads alone are more than the canvas (a big map): as compact as can be.
      k = 1;
      lay();
      break;
    }
    if (Math.abs(next - k) < 0.01 * k) break;
    k = next;
  }
  // The pads must be worked out for a scale no bigger than the one the layout is shown at.
  for (let round = 0, room = lay(); round < 8 && room < 0.99 * k && room >= 0.2; round++) {
    k = 0.97 * room;
    room = lay();
  }
  discs.forEach((d) => {
    const sg = spacing(d.group);
    for (const [key, o] of offsets.get(d.group) ?? []) out.set(key, { x: d.x + o.x * sg, y: d.y + o.y * sg });
  });
  return out;
}
