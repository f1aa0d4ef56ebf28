// Where the names go on the canvas: a placement pass over the nodes as drawn (viewport pixels).
// A label never overlaps another label or another person's node, and never runs off the canvas;
// the people that matter (the selection, a highlighted path or board, decision-makers, the
// audience) are placed first and tried in more places, the rest only where there is room, so
// more of them appear as the user zooms in. Pure geometry: the canvas draws what this returns.

export interface Box { x: number; y: number; w: number; h: number }

/** A node as drawn: its centre and radius in viewport pixels. */
export interface Disc { id: string; x: number; y: number; r: number }

export interface LabelWanted extends Disc {
  text: string;
  /** Lower goes first; 0: must be labelled (tried in every place). */
  rank: number;
}

export interface PlacedLabel {
  id: string;
  text: string;
  /** The label's box (text plus its halo), viewport pixels. */
  box: Box;
  /** Where the text starts: left end of its baseline's middle (textBaseline "middle"). */
  tx: number;
  ty: number;
  /** Set when the label had to stand away from its node: a thin line joins them. */
  leader?: { x0: number; y0: number; x1: number; y1: number };
}

export interface Placement {
  placed: PlacedLabel[];
  /** Must-labels that found no free place (the canvas is too crowded for them). */
  missed: string[];
}

/** A uniform grid over the viewport: which boxes and discs lie near a point. */
class Buckets<T> {
  private cells = new Map<number, T[]>();
  constructor(private size: number) {}
  private key(cx: number, cy: number) { return cx * 100_003 + cy; }
  add(b: Box, item: T) {
    const s = this.size;
    for (let cx = Math.floor(b.x / s); cx <= Math.floor((b.x + b.w) / s); cx++)
      for (let cy = Math.floor(b.y / s); cy <= Math.floor((b.y + b.h) / s); cy++) {
        const k = this.key(cx, cy);
        const list = this.cells.get(k);
        if (list) list.push(item); else this.cells.set(k, [item]);
      }
  }
  /** Every item in a cell the box touches (an item may come more than once). */
  *near(b: Box): Generator<T> {
    const s = this.size;
    for (let cx = Math.floor(b.x / s); cx <= Math.floor((b.x + b.w) / s); cx++)
      for (let cy = Math.floor(b.y / s); cy <= Math.floor((b.y + b.h) / s); cy++) {
        const list = this.cells.get(this.key(cx, cy));
        if (list) yield* list;
      }
  }
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Whether a disc and a box share any point (touching does not count). */
export function discOverlapsBox(d: Disc, b: Box): boolean {
  const nx = Math.max(b.x, Math.min(d.x, b.x + b.w));
  const ny = Math.max(b.y, Math.min(d.y, b.y + b.h));
  return (d.x - nx) ** 2 + (d.y - ny) ** 2 < d.r * d.r;
}

export interface PlaceOptions {
  width: number;
  height: number;
  /** The text's height in pixels (the font size) and the halo around it. */
  fontSize: number;
  pad?: number;
  /** Space kept between a node's edge and its label. */
  gap?: number;
  /** No more than this many labels that are not must-labels. */
  maxOptional?: number;
  /** Text already on the canvas (group titles) that labels must leave clear. */
  obstacles?: Box[];
}

/**
 * Places labels greedily, most important first. Each label is tried right of its node, then
 * left, below, above and the diagonals (must-labels also further out); the first place that is
 * inside the canvas and touches no placed label and no other node wins.
 */
export function placeLabels(
  wanted: LabelWanted[],
  discs: Disc[],
  measure: (text: string) => number,
  opts: PlaceOptions,
): Placement {
  const pad = opts.pad ?? 2;
  const gap = opts.gap ?? 3;
  const h = opts.fontSize + 2 * pad;
  const cell = Math.max(32, h * 3);
  const nodes = new Buckets<Disc>(cell);
  for (const d of discs) nodes.add({ x: d.x - d.r, y: d.y - d.r, w: 2 * d.r, h: 2 * d.r }, d);
  const labels = new Buckets<Box>(cell);
  for (const o of opts.obstacles ?? []) labels.add(o, o);
  const placed: PlacedLabel[] = [];
  const missed: string[] = [];
  let optional = 0;
  const maxOptional = opts.maxOptional ?? Infinity;
  const order = [...wanted].sort((a, b) => a.rank - b.rank || b.r - a.r || a.id.localeCompare(b.id));
  const free = (b: Box, own: string): boolean => {
    if (b.x < 0 || b.y < 0 || b.x + b.w > opts.width || b.y + b.h > opts.height) return false;
    for (const o of labels.near(b)) if (boxesOverlap(o, b)) return false;
    for (const d of nodes.near(b)) if (d.id !== own && discOverlapsBox(d, b)) return false;
    return true;
  };
  for (const n of order) {
    if (!n.text) continue;
    const must = n.rank === 0;
    if (!must && optional >= maxOptional) continue;
    const w = measure(n.text) + 2 * pad;
    const tries = candidates(n, w, h, gap, must);
    let chosen: Box | null = null;
    let far = false;
    for (const [i, b] of tries.entries()) if (free(b, n.id)) { chosen = b; far = i >= NEAR_PLACES; break; }
    if (!chosen) {
      if (must) missed.push(n.id);
      continue;
    }
    if (!must) optional++;
    labels.add(chosen, chosen);
    const label: PlacedLabel = { id: n.id, text: n.text, box: chosen, tx: chosen.x + pad, ty: chosen.y + h / 2 };
    if (far) {
      // From the node's edge to the nearest point of the box.
      const px = Math.max(chosen.x, Math.min(n.x, chosen.x + chosen.w));
      const py = Math.max(chosen.y, Math.min(n.y, chosen.y + chosen.h));
      const d = Math.hypot(px - n.x, py - n.y) || 1;
      label.leader = { x0: n.x + ((px - n.x) / d) * n.r, y0: n.y + ((py - n.y) / d) * n.r, x1: px, y1: py };
    }
    placed.push(label);
  }
  return { placed, missed };
}

/** Places in the first rings: beyond these a label stands away from its node, with a leader. */
const NEAR_PLACES = 16;

/** The places a label may take around its node, best first. */
function candidates(n: Disc, w: number, h: number, gap: number, must: boolean): Box[] {
  const out: Box[] = [];
  const ring = (dist: number) => {
    const r = n.r + dist;
    out.push(
      { x: n.x + r, y: n.y - h / 2, w, h }, // right
      { x: n.x - r - w, y: n.y - h / 2, w, h }, // left
      { x: n.x - w / 2, y: n.y + r, w, h }, // below
      { x: n.x - w / 2, y: n.y - r - h, w, h }, // above
      { x: n.x + r * 0.7, y: n.y + r * 0.7, w, h }, // below right
      { x: n.x + r * 0.7, y: n.y - r * 0.7 - h, w, h }, // above right
      { x: n.x - r * 0.7 - w, y: n.y + r * 0.7, w, h }, // below left
      { x: n.x - r * 0.7 - w, y: n.y - r * 0.7 - h, w, h }, // above left
    );
  };
  ring(gap);
  if (must) for (const dist of [gap + h * 0.6, gap + h * 1.2, gap + h * 2, gap + h * 3, gap + h * 4.5, gap + h * 6]) ring(dist);
  return out;
}
