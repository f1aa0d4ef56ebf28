// What the WebGL canvas shows, measured in viewport pixels from sigma's own display data: the
// nodes as drawn, the department hulls and their titles, the grid's quadrants, the labels placed
// by labels.ts, the 2D layers drawn under and over sigma's, and the camera that fits all of them
// inside the window with a margin, clear of the floating controls. The canvas draws these and the
// e2e suite reads the same boxes (window.__advocatePicture) to check that nothing overlaps or is
// cut off.
import type Sigma from "sigma";
import type { MapView } from "../bindings";
import type { Cell } from "./drawing";
import { placeLabels, type Box, type Disc, type LabelWanted, type PlacedLabel } from "./labels";

export const LABEL_FONT = "system-ui, sans-serif";
export const LABEL_SIZE = 12;
export const TITLE_FONT = `600 12px ${LABEL_FONT}`;
/** Pixels between a hull and its members' edges, and between a hull and its title. */
export const HULL_PAD = 14;
export const TITLE_GAP = 6;
/** Pixels a hull's title takes above the hull, its gap included. */
export const TITLE_ROOM = TITLE_GAP + LABEL_SIZE + 4;
/** Space Fit leaves between the drawing and the window's edge. */
export const FIT_MARGIN = 16;

export interface Hull { department: number; name: string; tint: string; x: number; y: number; r: number; title: Box }

/** One department's members, for its hull. */
export interface HullGroup { department: number; name: string; tint: string; nodes: string[] }

/** Every visible node as drawn: centre and radius in viewport pixels. */
export function drawnDiscs(r: Sigma, keys?: Iterable<string>): Disc[] {
  const out: Disc[] = [];
  const each = (key: string) => {
    const d = r.getNodeDisplayData(key);
    if (!d || d.hidden) return;
    const v = r.framedGraphToViewport(d);
    out.push({ id: key, x: v.x, y: v.y, r: r.scaleSize(d.size) });
  };
  if (keys) for (const k of keys) each(k);
  else r.getGraph().forEachNode((k) => each(k));
  return out;
}

let measureCtx: CanvasRenderingContext2D | null = null;
/** Widths measured so far, by font and text (names are measured again in every frame). */
const widths = new Map<string, number>();
/** A text's width in pixels in the given canvas font. */
export function textWidth(text: string, font: string): number {
  const key = `${font}\u0000${text}`;
  const known = widths.get(key);
  if (known !== undefined) return known;
  measureCtx ??= document.createElement("canvas").getContext("2d");
  if (!measureCtx) return text.length * 7;
  measureCtx.font = font;
  const w = measureCtx.measureText(text).width;
  if (widths.size > 20_000) widths.clear();
  widths.set(key, w);
  return w;
}

/** Each department's members among the `nodes` shown (those with a tint: a department's
 *  colour), as the hulls group them, in the order they are met. */
export function hullGroupsOf(departments: { id: number; name: string }[], nodes: { id: string; hidden: boolean; department: number | null; tint: string | null }[]): HullGroup[] {
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const groups = new Map<number, HullGroup>();
  for (const n of nodes) {
    if (n.hidden || n.department === null || !n.tint) continue;
    const g = groups.get(n.department) ?? { department: n.department, name: names.get(n.department) ?? "", tint: n.tint, nodes: [] };
    groups.set(n.department, g);
    g.nodes.push(n.id);
  }
  return [...groups.values()];
}

/**
 * A department's hull in framed graph coordinates (sigma's normalised space), worked out once
 * for a drawing of the nodes: its members' centre and, for each node size, the farthest member
 * of that size (only those not outdone by a bigger and farther one). The camera moves framed
 * space by a rotation, a uniform zoom and a shift, and draws a node's radius as its size times
 * a factor of the zoom, so each frame the hull's centre is one point mapped, and its radius the
 * largest of a few sums: a pan or a zoom on 10,000 people does not visit each of them again.
 */
export interface HullShape { group: HullGroup; cx: number; cy: number; reach: { far: number; size: number }[] }

export function hullShapes(r: Sigma, groups: HullGroup[]): HullShape[] {
  const out: HullShape[] = [];
  for (const g of groups) {
    const ds: { x: number; y: number; size: number }[] = [];
    for (const k of g.nodes) {
      const d = r.getNodeDisplayData(k);
      if (d && !d.hidden) ds.push(d);
    }
    if (ds.length === 0) continue;
    let cx = 0, cy = 0;
    for (const d of ds) { cx += d.x; cy += d.y; }
    cx /= ds.length; cy /= ds.length;
    // The farthest member of each size, then those no bigger-and-farther member outdoes.
    const farthest = new Map<number, number>();
    for (const d of ds) {
      const far = Math.hypot(d.x - cx, d.y - cy);
      if (far >= (farthest.get(d.size) ?? -1)) farthest.set(d.size, far);
    }
    const reach: HullShape["reach"] = [];
    let best = -1;
    for (const [size, far] of [...farthest].sort((a, b) => b[0] - a[0])) {
      if (far > best) { reach.push({ far, size }); best = far; }
    }
    out.push({ group: g, cx, cy, reach });
  }
  return out;
}

/** A canvas over or under sigma's, sized to `container`, cleared, drawing in CSS pixels. */
export function clearedLayer(c: HTMLCanvasElement, container: HTMLElement): CanvasRenderingContext2D | null {
  const ctx = c.getContext("2d");
  if (!ctx) return null;
  const dpr = window.devicePixelRatio || 1;
  const w = container.clientWidth, h = container.clientHeight;
  if (c.width !== w * dpr || c.height !== h * dpr) {
    c.width = w * dpr; c.height = h * dpr;
    c.style.width = `${w}px`; c.style.height = `${h}px`;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return ctx;
}

/** The hulls as drawn: a disc around each department's visible members, its name above (or,
 *  when `named` is false, as while the camera moves on a big map, no name: the title boxes are
 *  empty, at the top of each hull). */
export function drawnHulls(r: Sigma, shapes: HullShape[], named = true): Hull[] {
  const out: Hull[] = [];
  const unit = r.scaleSize(1);
  // The camera zooms framed space uniformly: one length gives the zoom for every hull.
  const o = r.framedGraphToViewport({ x: 0, y: 0 });
  const e = r.framedGraphToViewport({ x: 1, y: 0 });
  const zoom = Math.hypot(e.x - o.x, e.y - o.y);
  for (const { group: g, cx: fx, cy: fy, reach } of shapes) {
    const { x: cx, y: cy } = r.framedGraphToViewport({ x: fx, y: fy });
    let rad = 0;
    for (const { far, size } of reach) rad = Math.max(rad, far * zoom + unit * size);
    rad += HULL_PAD;
    const w = named ? textWidth(g.name, TITLE_FONT) : -4;
    const title = { x: cx - w / 2 - 2, y: cy - rad - TITLE_GAP - LABEL_SIZE - 2, w: w + 4, h: named ? LABEL_SIZE + 4 : 0 };
    out.push({ department: g.department, name: g.name, tint: g.tint, x: cx, y: cy, r: rad, title });
  }
  if (!named) return out;
  // Hulls overlap in some layouts (force): a title that would cover another's goes below its
  // hull (Fit keeps room there too), else inside it at the top or the bottom.
  const placed: Box[] = [];
  const clash = (t: Box) => placed.some((p) => t.x < p.x + p.w && p.x < t.x + t.w && t.y < p.y + p.h && p.y < t.y + t.h);
  for (const h of out) {
    const t = h.title;
    const spots = [t.y, h.y + h.r + TITLE_GAP, h.y - h.r + HULL_PAD / 2, h.y + h.r - HULL_PAD / 2 - t.h];
    const y = spots.find((y) => !clash({ ...t, y })) ?? t.y;
    h.title = { ...t, y };
    placed.push(h.title);
  }
  return out;
}

/** Draws the hulls (those in the canvas's `width` × `height`), with their names when `named`. */
export function drawHulls(ctx: CanvasRenderingContext2D, hulls: Hull[], dark: boolean, width: number, height: number, named = true) {
  ctx.font = TITLE_FONT;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  for (const h of hulls) {
    if (h.x + h.r < 0 || h.y + h.r < 0 || h.x - h.r > width || h.y - h.r > height) continue;
    ctx.beginPath();
    ctx.arc(h.x, h.y, h.r, 0, Math.PI * 2);
    ctx.fillStyle = h.tint + "1f";
    ctx.strokeStyle = h.tint + "66";
    ctx.fill();
    ctx.stroke();
    if (!named) continue;
    // Dark tints are unreadable on the dark theme: the name is drawn light there.
    ctx.fillStyle = dark ? "#cbd5e1" : h.tint;
    ctx.fillText(h.name, h.x, h.title.y + h.title.h / 2);
  }
}

/** Draws the grid's four quadrants, each named in its top-left corner; returns the names' boxes. */
export function drawGridCells(ctx: CanvasRenderingContext2D, r: Sigma, cells: Cell[], dark: boolean): Box[] {
  const out: Box[] = [];
  ctx.textAlign = "left";
  ctx.textBaseline = "top";
  for (const c of cells) {
    const a = r.graphToViewport({ x: c.x0, y: c.y1 });
    const b = r.graphToViewport({ x: c.x1, y: c.y0 });
    ctx.beginPath();
    ctx.roundRect(a.x, a.y, b.x - a.x, b.y - a.y, 8);
    ctx.fillStyle = c.quadrant === "manage_closely" ? (dark ? "#1e293b" : "#eef2ff") : dark ? "#111827" : "#f8fafc";
    ctx.strokeStyle = dark ? "#374151" : "#cbd5e1";
    ctx.fill();
    ctx.stroke();
    ctx.font = `600 14px ${LABEL_FONT}`;
    ctx.fillStyle = dark ? "#e5e7eb" : "#1f2937";
    ctx.fillText(c.title, a.x + 10, a.y + 8);
    const tw = ctx.measureText(c.title).width;
    ctx.font = `12px ${LABEL_FONT}`;
    ctx.fillStyle = dark ? "#9ca3af" : "#4b5563";
    ctx.fillText(c.note, a.x + 10, a.y + 26);
    const nw = ctx.measureText(c.note).width;
    out.push({ x: a.x + 8, y: a.y + 6, w: Math.max(tw, nw) + 4, h: 36 });
  }
  return out;
}

/** A rectangle of the layout (graph coordinates) that Fit keeps in view, e.g. a grid's frame. */
export interface Frame { x0: number; y0: number; x1: number; y1: number; /** Pixels kept above it for its caption. */ above: number }

/** Pixels kept free at each side of the window besides FIT_MARGIN (the floating controls). */
export interface Margins { top: number; right: number; bottom: number; left: number }
export const NO_MARGINS: Margins = { top: 0, right: 0, bottom: 0, left: 0 };

/** The bands Fit keeps free for the floating controls (`boxes`, on a canvas `height` pixels
 *  high): those in the lower half take a band across its bottom, those in the upper half one
 *  across its top. */
export function marginsClearOf(boxes: Box[], height: number): Margins {
  const m = { ...NO_MARGINS };
  for (const b of boxes) {
    if (b.y + b.h / 2 > height / 2) m.bottom = Math.max(m.bottom, height - b.y - FIT_MARGIN / 2);
    else m.top = Math.max(m.top, b.y + b.h - FIT_MARGIN / 2);
  }
  return m;
}

/**
 * The camera that shows every node, hull (with its title) and frame inside the window with
 * FIT_MARGIN to spare, clear of the bands `margins` keeps for the floating controls. Node radii
 * and hull paddings are in pixels and do not scale with the zoom, so the zoom is found by a few
 * rounds of measuring and correcting.
 */
export function fitState(r: Sigma, groups: HullGroup[], frames: Frame[], margins: Margins = NO_MARGINS): { x: number; y: number; ratio: number; angle: number } | null {
  const { width, height } = r.getDimensions();
  if (width === 0 || height === 0) return null;
  const base = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
  const o = r.framedGraphToViewport({ x: 0.5, y: 0.5 }, { cameraState: base });
  const ex = r.framedGraphToViewport({ x: 1.5, y: 0.5 }, { cameraState: base });
  const ey = r.framedGraphToViewport({ x: 0.5, y: 1.5 }, { cameraState: base });
  const kx = ex.x - o.x, ky = o.y - ey.y;
  if (!(kx > 0 && ky > 0)) return null;
  // Items in framed coordinates (y up): centre, framed radius, and pixel pads.
  type Item = { x: number; y: number; fr: number; px: (ratio: number) => { side: number; up: number; down: number } };
  const items: Item[] = [];
  r.getGraph().forEachNode((key) => {
    const d = r.getNodeDisplayData(key);
    if (!d || d.hidden) return;
    const s = d.size;
    // Six pixels more for the marks around a node (rings, the audience's dashes).
    items.push({ x: d.x, y: d.y, fr: 0, px: (ratio) => { const p = r.scaleSize(s, ratio) + 6; return { side: p, up: p, down: p }; } });
  });
  for (const g of groups) {
    const ds = g.nodes.map((k) => r.getNodeDisplayData(k)).filter((d) => d && !d.hidden) as { x: number; y: number; size: number }[];
    if (ds.length === 0) continue;
    const cx = ds.reduce((a, d) => a + d.x, 0) / ds.length;
    const cy = ds.reduce((a, d) => a + d.y, 0) / ds.length;
    const far = Math.max(...ds.map((d) => Math.hypot((d.x - cx) * kx, (d.y - cy) * ky) / kx));
    const maxSize = Math.max(...ds.map((d) => d.size));
    const half = textWidth(g.name, TITLE_FONT) / 2 + 2;
    items.push({
      x: cx, y: cy, fr: far,
      px: (ratio) => {
        const pad = HULL_PAD + r.scaleSize(maxSize, ratio);
        return { side: Math.max(pad, half - (far * kx) / ratio), up: pad + TITLE_GAP + LABEL_SIZE + 2, down: pad + TITLE_GAP + LABEL_SIZE + 4 };
      },
    });
  }
  for (const f of frames) {
    const a = r.viewportToFramedGraph(r.graphToViewport({ x: f.x0, y: f.y0 }));
    const b = r.viewportToFramedGraph(r.graphToViewport({ x: f.x1, y: f.y1 }));
    const cx = (a.x + b.x) / 2, cy = (a.y + b.y) / 2;
    const hw = Math.abs(a.x - b.x) / 2, hh = Math.abs(a.y - b.y) / 2;
    // A rectangle: two items spanning its width and its height.
    items.push({ x: cx - hw, y: cy, fr: 0, px: () => ({ side: 0, up: 0, down: 0 }) });
    items.push({ x: cx + hw, y: cy, fr: 0, px: () => ({ side: 0, up: 0, down: 0 }) });
    items.push({ x: cx, y: cy + hh, fr: 0, px: () => ({ side: 0, up: f.above, down: 0 }) });
    items.push({ x: cx, y: cy - hh, fr: 0, px: () => ({ side: 0, up: 0, down: 0 }) });
  }
  if (items.length === 0) return base;
  const availW = width - 2 * FIT_MARGIN - margins.left - margins.right;
  const availH = height - 2 * FIT_MARGIN - margins.top - margins.bottom;
  if (availW <= 0 || availH <= 0) return null;
  let ratio = 1;
  let ext = { l: 0, rr: 0, u: 0, d: 0 };
  for (let round = 0; round < 12; round++) {
    ext = { l: Infinity, rr: -Infinity, u: -Infinity, d: Infinity };
    for (const it of items) {
      const p = it.px(ratio);
      const fx = (it.x * kx) / ratio, fy = (it.y * ky) / ratio;
      const frx = (it.fr * kx) / ratio, fry = (it.fr * ky) / ratio;
      ext.l = Math.min(ext.l, fx - frx - p.side);
      ext.rr = Math.max(ext.rr, fx + frx + p.side);
      ext.u = Math.max(ext.u, fy + fry + p.up);
      ext.d = Math.min(ext.d, fy - fry - p.down);
    }
    const need = Math.max((ext.rr - ext.l) / availW, (ext.u - ext.d) / availH);
    if (Math.abs(need - 1) < 0.002) break;
    ratio *= need;
  }
  ratio *= 1.01;
  // Recompute the extents at the final ratio for the centre.
  let l = Infinity, rr = -Infinity, u = -Infinity, dn = Infinity;
  for (const it of items) {
    const p = it.px(ratio);
    const fx = (it.x * kx) / ratio, fy = (it.y * ky) / ratio;
    const frx = (it.fr * kx) / ratio, fry = (it.fr * ky) / ratio;
    l = Math.min(l, fx - frx - p.side); rr = Math.max(rr, fx + frx + p.side);
    u = Math.max(u, fy + fry + p.up); dn = Math.min(dn, fy - fry - p.down);
  }
  // The drawing's middle goes to the middle of what the margins leave (viewport y is down).
  const dx = (margins.left - margins.right) / 2, dy = (margins.top - margins.bottom) / 2;
  return { x: ((l + rr) / 2 - dx) * ratio / kx, y: ((u + dn) / 2 + dy) * ratio / ky, ratio, angle: 0 };
}

export interface PictureBoxes {
  width: number;
  height: number;
  nodes: Disc[];
  labels: PlacedLabel[];
  titles: Box[];
  hulls: { x: number; y: number; r: number; name: string; title: Box }[];
  /** The floating controls over the canvas: nothing is drawn under them at Fit. */
  controls: Box[];
  missed: string[];
}

/** How a node is marked over its stance fill: the encodings the legend explains. */
export interface Mark {
  selected?: boolean;
  decisionMaker?: boolean;
  audience?: boolean;
  home?: boolean;
  /** A ring in this colour: a board member, a person on a highlighted path. */
  ring?: string;
}

/** Each marked person's marks, by key: decision-makers, the audience, the home team, the
 *  selection, and a ring in the palette's colour for a highlighted board's or path's people
 *  (none when the highlight is `plain`). People with no mark are left out. */
export function marksOf(
  map: MapView,
  highlight: { people: string[]; plain?: boolean } | null,
  board: string[],
  selected: string[],
): Map<string, Mark> {
  const out = new Map<string, Mark>();
  const audience = new Set(map.audience_members), home = new Set(map.home_members);
  const hl = new Set(highlight?.people ?? []), onBoard = new Set(board), chosen = new Set(selected);
  for (const p of map.people) {
    const m: Mark = {
      decisionMaker: p.decision_maker, audience: audience.has(p.key), home: home.has(p.key), selected: chosen.has(p.key),
      ring: hl.has(p.key) && !highlight?.plain ? (onBoard.has(p.key) ? map.palette.board : map.palette.path) : undefined,
    };
    if (m.decisionMaker || m.audience || m.home || m.selected || m.ring) out.set(p.key, m);
  }
  return out;
}

/** The marks of those of `people` who have any, where sigma draws them now. */
export function drawMarksAmong(ctx: CanvasRenderingContext2D, r: Sigma, people: Set<string>, marks: Map<string, Mark>, dark: boolean) {
  for (const d of drawnDiscs(r, [...people].filter((k) => marks.has(k)))) {
    const m = marks.get(d.id);
    if (m) drawMarks(ctx, d, m, dark);
  }
}

/** Pixels the marks add around a node (labels keep clear of them too). */
function markReach(m: Mark | undefined): number {
  if (!m) return 0;
  return m.ring || m.selected ? 6 : m.audience ? 5 : m.decisionMaker ? 2 : 0;
}

export const INK = "#1F2933";

/** Draws a node's marks: decision-makers ringed in ink (as in the exports), the audience with
 *  a dashed ring, the home team with a small square badge, board and path in their colour. */
export function drawMarks(ctx: CanvasRenderingContext2D, d: Disc, m: Mark, dark: boolean) {
  const ink = dark ? "#f3f4f6" : INK;
  if (m.decisionMaker) {
    ctx.beginPath();
    ctx.arc(d.x, d.y, d.r, 0, Math.PI * 2);
    ctx.lineWidth = Math.max(1.5, d.r * 0.2);
    ctx.strokeStyle = ink;
    ctx.stroke();
  }
  if (m.audience) {
    ctx.beginPath();
    ctx.arc(d.x, d.y, d.r + 3.5, 0, Math.PI * 2);
    ctx.lineWidth = 1.5;
    ctx.setLineDash([3, 2]);
    ctx.strokeStyle = ink;
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (m.ring) {
    ctx.beginPath();
    ctx.arc(d.x, d.y, d.r + 4, 0, Math.PI * 2);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = m.ring;
    ctx.stroke();
  }
  if (m.selected) {
    ctx.beginPath();
    ctx.arc(d.x, d.y, d.r + 5, 0, Math.PI * 2);
    ctx.lineWidth = 2;
    ctx.strokeStyle = dark ? "#93c5fd" : "#1d4ed8";
    ctx.stroke();
  }
  if (m.home) {
    const s = Math.max(4, d.r * 0.55);
    const x = d.x + d.r * 0.7 - s / 2, y = d.y - d.r * 0.7 - s / 2;
    ctx.fillStyle = ink;
    ctx.strokeStyle = dark ? "#111827" : "#ffffff";
    ctx.lineWidth = 1;
    ctx.fillRect(x, y, s, s);
    ctx.strokeRect(x, y, s, s);
  }
}

/** Places and draws the marks and labels; returns every box drawn. */
export function drawLabels(
  ctx: CanvasRenderingContext2D,
  r: Sigma,
  opts: {
    wanted: (disc: Disc) => LabelWanted | null; obstacles: Box[]; controls: Box[]; dark: boolean; marks: Map<string, Mark>;
    /** Only these people are named, marked and kept clear of (the rest are under a veil). */
    among?: Set<string>;
  },
): PictureBoxes {
  const { width, height } = r.getDimensions();
  const discs = drawnDiscs(r, opts.among).map((d) => ({ ...d, r: d.r + markReach(opts.marks.get(d.id)) }));
  const wanted: LabelWanted[] = [];
  for (const d of discs) {
    if (d.x < -d.r || d.y < -d.r || d.x > width + d.r || d.y > height + d.r) continue;
    const w = opts.wanted(d);
    if (w) wanted.push(w);
  }
  const font = `${LABEL_SIZE}px ${LABEL_FONT}`;
  ctx.font = font;
  const { placed, missed } = placeLabels(wanted, discs, (t) => ctx.measureText(t).width, {
    width, height, fontSize: LABEL_SIZE, obstacles: [...opts.obstacles, ...opts.controls], maxOptional: 400,
  });
  for (const d of discs) {
    const m = opts.marks.get(d.id);
    if (m) drawMarks(ctx, { ...d, r: d.r - markReach(m) }, m, opts.dark);
  }
  ctx.font = font;
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  ctx.lineJoin = "round";
  ctx.lineWidth = 3;
  ctx.strokeStyle = opts.dark ? "rgba(17,24,39,0.85)" : "rgba(255,255,255,0.9)";
  ctx.fillStyle = opts.dark ? "#e5e7eb" : "#1f2937";
  ctx.save();
  ctx.lineWidth = 1;
  ctx.strokeStyle = opts.dark ? "#9ca3af" : "#6b7280";
  for (const p of placed) {
    if (!p.leader) continue;
    ctx.beginPath();
    ctx.moveTo(p.leader.x0, p.leader.y0);
    ctx.lineTo(p.leader.x1, p.leader.y1);
    ctx.stroke();
  }
  ctx.restore();
  for (const p of placed) {
    ctx.strokeText(p.text, p.tx, p.ty);
    ctx.fillText(p.text, p.tx, p.ty);
  }
  return { width, height, nodes: discs, labels: placed, titles: opts.obstacles, hulls: [], controls: opts.controls, missed };
}

/** Whether sigma is drawing a frame of camera movement (its own test, for hideEdgesOnMove). */
export function cameraMoving(r: Sigma): boolean {
  const m = r.getMouseCaptor();
  return r.getCamera().isAnimated() || m.isMoving || m.draggedEvents > 0 || m.currentWheelDirection !== 0;
}
