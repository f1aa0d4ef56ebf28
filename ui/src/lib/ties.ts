// Ties drawn on a 2D canvas under the nodes (maps small enough to draw every frame): curved, so
// that a pair's two directions and several kinds between the same two people stay apart; as wide
// as strong; dashed as the core's palette dashes each kind (the exports' dashes); faint at the
// whole-map view unless they touch the selection, the person under the pointer or a highlight.
import type Sigma from "sigma";
import type { SceneTie } from "./scene";

/** A tie as drawn: its ends in viewport pixels and the radii of the nodes there. */
export interface DrawnTie {
  id: number;
  x0: number; y0: number; r0: number;
  x1: number; y1: number; r1: number;
  width: number;
  /** The kind's dash pattern for a line one unit wide (SVG syntax); null: solid. */
  dash: string | null;
  /** 0..: which of the ties from the same person to the same person this is. */
  lane: number;
  /** "strong": part of what is highlighted or in focus; "faint": the rest. */
  weight: "strong" | "normal" | "faint";
}

/** How far a tie bows: a fraction of its length, more for each further lane. */
export function curvature(lane: number): number {
  return 0.14 + 0.12 * lane;
}

/**
 * The curve of a tie: a quadratic Bézier from the edge of one node to the edge of the other,
 * bowed to the left of its direction (so the tie back, going the other way, bows to the other
 * side). Returns the start, control point and end, and the direction at the end (for the arrow).
 */
export function tieCurve(t: Pick<DrawnTie, "x0" | "y0" | "r0" | "x1" | "y1" | "r1" | "lane">) {
  const dx = t.x1 - t.x0, dy = t.y1 - t.y0;
  const len = Math.hypot(dx, dy) || 1;
  const k = curvature(t.lane) * len;
  // Left of the direction in screen coordinates (y down).
  const cx = (t.x0 + t.x1) / 2 + (dy / len) * k;
  const cy = (t.y0 + t.y1) / 2 - (dx / len) * k;
  const toward = (x: number, y: number, fx: number, fy: number, r: number) => {
    const d = Math.hypot(fx - x, fy - y) || 1;
    return { x: x + ((fx - x) / d) * r, y: y + ((fy - y) / d) * r };
  };
  const start = toward(t.x0, t.y0, cx, cy, t.r0);
  const end = toward(t.x1, t.y1, cx, cy, t.r1);
  const ex = end.x - cx, ey = end.y - cy;
  const el = Math.hypot(ex, ey) || 1;
  return { start, control: { x: cx, y: cy }, end, dir: { x: ex / el, y: ey / el } };
}

/** Lanes for ties between the same two people in the same direction, in the given order. */
export function lanes(ties: { id: number; from: number | string; to: number | string }[]): Map<number, number> {
  const seen = new Map<string, number>();
  const out = new Map<number, number>();
  for (const t of ties) {
    const k = `${t.from}>${t.to}`;
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    out.set(t.id, n);
  }
  return out;
}

export interface TieColours { normal: string; strong: string; faint: string; alphaNormal: number; alphaFaint: number }

export function drawTies(ctx: CanvasRenderingContext2D, ties: DrawnTie[], colours: TieColours) {
  // Faint first, strong last: what matters is drawn on top.
  const order = { faint: 0, normal: 1, strong: 2 } as const;
  const sorted = [...ties].sort((a, b) => order[a.weight] - order[b.weight]);
  ctx.lineCap = "butt";
  for (const t of sorted) {
    const c = tieCurve(t);
    const colour = t.weight === "strong" ? colours.strong : t.weight === "faint" ? colours.faint : colours.normal;
    ctx.globalAlpha = t.weight === "strong" ? 1 : t.weight === "faint" ? colours.alphaFaint : colours.alphaNormal;
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    const w = t.weight === "strong" ? t.width + 1 : t.width;
    ctx.lineWidth = w;
    const head = Math.max(6, w * 2.2);
    // The line stops where the arrowhead starts.
    const tip = c.end;
    const base = { x: tip.x - c.dir.x * head, y: tip.y - c.dir.y * head };
    const scale = Math.max(1.4, w);
    ctx.setLineDash(t.dash ? t.dash.split(/[ ,]+/).map((v) => Number(v) * scale) : []);
    ctx.beginPath();
    ctx.moveTo(c.start.x, c.start.y);
    ctx.quadraticCurveTo(c.control.x, c.control.y, base.x, base.y);
    ctx.stroke();
    ctx.setLineDash([]);
    const nx = -c.dir.y, ny = c.dir.x;
    const half = head * 0.45;
    ctx.beginPath();
    ctx.moveTo(tip.x, tip.y);
    ctx.lineTo(base.x + nx * half, base.y + ny * half);
    ctx.lineTo(base.x - nx * half, base.y - ny * half);
    ctx.closePath();
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

/** Each person's ties, either direction (a tie between two people is listed under both). */
export function adjacency<T extends { from: unknown; to: unknown }>(ties: readonly T[]): Map<T["from"], T[]> {
  const adj = new Map<T["from"], T[]>();
  const link = (a: T["from"], t: T) => {
    const list = adj.get(a);
    if (list) list.push(t); else adj.set(a, [t]);
  };
  for (const t of ties) { link(t.from, t); if (t.to !== t.from) link(t.to as T["from"], t); }
  return adj;
}

/** People within `steps` ties (either direction) of any of `from`, walking `adj` (see `adjacency`). */
export function neighbourhoodIn<K, T extends { from: K; to: K }>(adj: Map<K, T[]>, from: Iterable<K>, steps: number): Set<K> {
  const seen = new Set<K>(from);
  let frontier = [...seen];
  for (let s = 0; s < steps; s++) {
    const next: K[] = [];
    for (const p of frontier) {
      for (const t of adj.get(p) ?? []) {
        const q = t.from === p ? t.to : t.from;
        if (!seen.has(q)) { seen.add(q); next.push(q); }
      }
    }
    frontier = next;
  }
  return seen;
}

/** People within `steps` ties (either direction) of any of `from`. */
export function neighbourhood<K>(from: Iterable<K>, ties: { from: K; to: K }[], steps: number): Set<K> {
  return neighbourhoodIn(adjacency(ties), from, steps);
}

/** The ties with both ends among `people`, each once, found through `adj` (see `adjacency`):
 *  the cost of the people's own ties, not of the whole map's. */
export function tiesWithin<K, T extends { from: K; to: K }>(adj: Map<K, T[]>, people: Set<K>): T[] {
  const out: T[] = [];
  for (const p of people) {
    for (const t of adj.get(p) ?? []) {
      // Listed under both ends: kept once, where it is listed under its start.
      if (t.from === p && people.has(t.to)) out.push(t);
    }
  }
  return out;
}

/** The `ties` shown as sigma draws their ends now (viewport pixels), each with its lane and its
 *  weight: strong when emphasised; when something is highlighted, the rest faint; else, with
 *  people in focus (`near`), faint unless both ends are near. `onlyEmphasised` leaves out the
 *  others (the grid's ties, unless asked for). */
export function tiesAsDrawn(
  r: Sigma,
  ties: SceneTie[],
  opts: { onlyEmphasised: boolean; highlighting: boolean; near: Set<string> | null },
): DrawnTie[] {
  const lane = lanes(ties);
  const { near, highlighting } = opts;
  const out: DrawnTie[] = [];
  for (const t of ties) {
    if (t.hidden || (opts.onlyEmphasised && !t.emphasised)) continue;
    const a = r.getNodeDisplayData(t.from), b = r.getNodeDisplayData(t.to);
    if (!a || !b || a.hidden || b.hidden) continue;
    const va = r.framedGraphToViewport(a), vb = r.framedGraphToViewport(b);
    const inFocus = near !== null && near.has(t.from) && near.has(t.to);
    const weight = t.emphasised ? "strong" : highlighting ? "faint" : near ? (inFocus ? "normal" : "faint") : "normal";
    out.push({
      id: t.id, x0: va.x, y0: va.y, r0: r.scaleSize(a.size), x1: vb.x, y1: vb.y, r1: r.scaleSize(b.size),
      width: t.size, dash: t.dash, lane: lane.get(t.id) ?? 0, weight,
    });
  }
  return out;
}
