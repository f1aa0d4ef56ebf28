// How a map is drawn: stance colours, node sizes, department tints and the layouts (force,
// by department, org chart, power/interest grid). Presentation only: every value drawn comes
// from the map the core sends; nothing here decides anything about influence.
import type { MapView, NodeRadius, Person, PersonKey, Quadrant, Stance, Tie } from "../bindings";
import { groupedLayout, type Member, type Pads } from "./groups";
import { HULL_PAD, TITLE_ROOM } from "./view";

export const STANCES: Stance[] = ["champion", "supporter", "neutral", "sceptic", "blocker"];

/** Each stance's colour, as the core's palette gives it (the exports' colours). */
export function stanceColours(map: MapView | null): Record<Stance, string> {
  const out: Record<Stance, string> = { champion: "", supporter: "", neutral: "", sceptic: "", blocker: "" };
  for (const s of map?.palette.stances ?? []) out[s.stance] = s.colour;
  return out;
}

/** The tint of each department, as the core's palette gives it. */
export function departmentColours(map: MapView): Map<number, string> {
  return new Map(map.palette.departments.map((d) => [d.department, d.tint]));
}

export type SizeBy = "power" | "influence";

/** Node radius in pixels, by the core's rule (`radius`, the palette's `node_radius`): by power
 *  (1-5), or by an influence score (0..1) when the core gives one, between the same smallest
 *  and biggest sizes. */
export function nodeSize(person: Person, radius: NodeRadius, sizeBy: SizeBy, influence?: Map<string, number>): number {
  const { base, perPower } = pixels(radius);
  if (sizeBy === "influence" && influence && influence.size > 0) {
    const values = [...influence.values()];
    const max = Math.max(...values, 1e-9);
    const v = influence.get(person.key) ?? 0;
    return base + (largestNode(radius) - base) * Math.sqrt(v / max);
  }
  return base + perPower * person.power;
}

/** The rule's two numbers (the bindings allow null for a number that is not finite, which the
 *  core's constants never are). */
function pixels(radius: NodeRadius): { base: number; perPower: number } {
  return { base: radius.base ?? 0, perPower: radius.per_power ?? 0 };
}

/** The biggest node's radius in pixels (power 5), by the core's rule. */
export function largestNode(radius: NodeRadius): number {
  const { base, perPower } = pixels(radius);
  return base + perPower * 5;
}

/** A tie's drawn width in pixels, by strength (0..1). */
export function tieWidth(tie: Tie<PersonKey>): number {
  return 0.6 + 4 * (tie.strength ?? 0);
}

// Coordinates here are y-up (as sigma draws them): larger y is higher on the screen. The map
// file stores y-down (as SVG and the core's demo do): initialPositions and the canvas flip.
export interface Point { x: number; y: number }
export type Layout = "force" | "department" | "orgchart" | "grid";

function groupByDepartment(map: MapView): Map<number | null, Person[]> {
  const groups = new Map<number | null, Person[]>();
  for (const d of map.departments) groups.set(d.id, []);
  for (const p of map.people) {
    const k = p.department ?? null;
    const group = groups.get(k) ?? [];
    group.push(p);
    groups.set(k, group);
  }
  for (const [k, v] of groups) if (v.length === 0) groups.delete(k);
  return groups;
}

/** Pixels the canvas draws around a department's people (see view.ts): the biggest node (by
 *  the core's rule, `radius`), the hull's pad, the title above it, and a gap between two hulls. */
export function hullPads(radius: NodeRadius): Pads {
  return { node: largestNode(radius), hull: HULL_PAD, title: TITLE_ROOM, gap: 16 };
}

/** People in a disc per department (the most powerful in the middle), the departments from a
 *  grid, bigger departments first, moved apart until no hull or title touches another, for a
 *  canvas of `canvas` pixels. `titleWidth` measures a department's name in pixels. */
export function departmentLayout(
  map: MapView,
  canvas: { width: number; height: number } = { width: 800, height: 700 },
  titleWidth: (name: string) => number = (name) => name.length * 7 + 4,
): Map<string, Point> {
  const groups = [...groupByDepartment(map).entries()].sort((a, b) => b[1].length - a[1].length);
  const cols = Math.max(1, Math.ceil(Math.sqrt((groups.length * canvas.width) / canvas.height)));
  const names = new Map(map.departments.map((d) => [d.id, d.name]));
  const members: Member[] = [];
  groups.forEach(([department, people], i) => {
    const at = { x: (i % cols) * 100, y: -Math.floor(i / cols) * 100 };
    const sorted = [...people].sort((a, b) => b.power - a.power || a.name.localeCompare(b.name));
    for (const p of sorted) members.push({ key: p.key, group: department, at, size: nodeSize(p, map.palette.node_radius, "power") });
  });
  const title = (g: number | null) => (g === null ? 0 : titleWidth(names.get(g) ?? ""));
  return groupedLayout(members, canvas, title, hullPads(map.palette.node_radius), true);
}

/** Top-down on line-manager ties: managers above the people they manage. The heads of each tree
 *  are in a row across the top with their direct reports beneath them; below that, each direct
 *  report's part of the organisation is an indented list in a column of its own (each person on
 *  a line of their own, their reports beneath and indented), so every name has room to be read.
 *  A wide classic tree would have to shrink until its labels piled up. */
export function orgChartLayout(map: MapView): Map<string, Point> {
  const out = new Map<string, Point>();
  const managerOf = new Map<string, string>();
  const manages = new Set(map.palette.kinds.filter((k) => k.manages).map((k) => k.kind.toLowerCase()));
  for (const t of map.ties) {
    if (manages.has(t.kind.toLowerCase()) && !managerOf.has(t.to) && t.from !== t.to) managerOf.set(t.to, t.from);
  }
  const reports = new Map<string, string[]>();
  for (const [report, manager] of managerOf) {
    const list = reports.get(manager) ?? [];
    list.push(report);
    reports.set(manager, list);
  }
  const byId = new Map(map.people.map((p) => [p.key, p]));
  const name = (id: string) => byId.get(id)?.name ?? "";
  for (const list of reports.values()) list.sort((a, b) => name(a).localeCompare(name(b)));
  // Roots: nobody manages them (or their chain loops).
  const roots = map.people.map((p) => p.key).filter((id) => { const m = managerOf.get(id); return m === undefined || !byId.has(m); });
  const placed = new Set<string>();
  const gapX = 60, gapY = 110, rowY = 0.75 * gapY, indent = 0.5 * gapX, columnWidth = 4.5 * gapX;
  let cursor = 0;
  /** Lists `id` and everyone under them from line `row` of a column at `x`; returns the next
   *  free line and the deepest indent used. */
  const list = (id: string, level: number, x: number, top: number, row: number): [number, number] => {
    placed.add(id);
    out.set(id, { x: x + level * indent, y: top - row * rowY });
    let next = row + 1;
    let deepest = level;
    for (const k of reports.get(id) ?? []) {
      if (placed.has(k)) continue;
      const [after, d] = list(k, level + 1, x, top, next);
      next = after;
      deepest = Math.max(deepest, d);
    }
    return [next, deepest];
  };
  const size = (id: string): number => 1 + (reports.get(id) ?? []).reduce((s, k) => s + size(k), 0);
  const sorted = roots.sort((a, b) => size(b) - size(a) || name(a).localeCompare(name(b)));
  const alone: string[] = [];
  for (const r of sorted) {
    const kids = reports.get(r) ?? [];
    if (kids.length === 0) { alone.push(r); continue; }
    placed.add(r);
    const xs: number[] = [];
    for (const k of kids) {
      if (placed.has(k)) continue;
      xs.push(cursor);
      const [, deepest] = list(k, 0, cursor, -gapY, 0);
      cursor += columnWidth + deepest * indent;
    }
    out.set(r, { x: xs.length ? (Math.min(...xs) + Math.max(...xs)) / 2 : cursor, y: 0 });
    cursor += gapX;
  }
  // The people in no line-manager tie at all, and any caught in a loop, in columns of eight.
  for (const p of map.people) if (!placed.has(p.key) && !alone.includes(p.key)) alone.push(p.key);
  for (let i = 0; i < alone.length; i += 8) {
    alone.slice(i, i + 8).forEach((id, j) => { placed.add(id); out.set(id, { x: cursor, y: -j * rowY }); });
    cursor += columnWidth;
  }
  return out;
}

/** Mendelow's four cells, as the core names them, where they sit (column, row from the top)
 *  and what the canvas calls them. */
export const QUADRANTS: { quadrant: Quadrant; col: 0 | 1; row: 0 | 1; title: string; note: string }[] = [
  { quadrant: "keep_satisfied", col: 0, row: 0, title: "Keep satisfied", note: "high power, low interest" },
  { quadrant: "manage_closely", col: 1, row: 0, title: "Manage closely", note: "high power, high interest" },
  { quadrant: "monitor", col: 0, row: 1, title: "Monitor", note: "low power, low interest" },
  { quadrant: "keep_informed", col: 1, row: 1, title: "Keep informed", note: "low power, high interest" },
];

/** A quadrant's rectangle in layout coordinates (y-up), with room at its top for its name. */
export interface Cell { quadrant: Quadrant; title: string; note: string; x0: number; y0: number; x1: number; y1: number }

/** Room for one person in a cell (the node on the left, the name to its right) at most and at
 *  least; the caption's height, the space inside a cell's border and between the cells. The
 *  layout's units are about a pixel at Fit: the grid is laid out for the canvas it is shown on. */
const SLOT = { w: 180, h: 60, minW: 44, minH: 42 }, CAPTION_H = 52, CELL_PAD = 14, CELL_GAP = 16;

/**
 * Mendelow's power/interest grid: each person in the quadrant the core's grid analysis gives
 * (`quadrants`, by person row), in rows inside it (most powerful first, then most interested,
 * then by name) so nobody overlaps. The two columns are as wide; each row of cells is as tall
 * as its fuller cell needs, the canvas's spare height shared so that the top cells are not
 * slivers, and a cell's people are spread over the whole cell. Slots are as roomy as the canvas
 * (`canvas`, in pixels) allows: names are drawn where there is room.
 */
export function gridLayout(
  map: MapView,
  quadrants: Map<string, Quadrant>,
  canvas: { width: number; height: number } = { width: 1000, height: 800 },
): { at: Map<string, Point>; cells: Cell[] } {
  const at = new Map<string, Point>();
  const members = new Map<Quadrant, Person[]>(QUADRANTS.map((q) => [q.quadrant, []]));
  for (const p of map.people) members.get(quadrants.get(p.key) ?? "monitor")?.push(p);
  const count = (q: Quadrant) => members.get(q)?.length ?? 0;
  const W = Math.max(canvas.width, 2 * (SLOT.minW + 2 * CELL_PAD) + CELL_GAP);
  const H = Math.max(canvas.height, 2 * (CAPTION_H + SLOT.minH + CELL_PAD) + CELL_GAP);
  const cw = (W - CELL_GAP) / 2, inner = cw - 2 * CELL_PAD;
  // The roomiest slots with which both rows of cells fit the canvas, neither taking more than
  // 60% of its height (or the smallest).
  const rowsOf = (q: Quadrant, sw: number) => Math.ceil(count(q) / Math.max(1, Math.floor(inner / sw)));
  const need = (top: boolean, sw: number, sh: number) => {
    const [a, b] = QUADRANTS.filter((q) => (q.row === 0) === top).map((q) => rowsOf(q.quadrant, sw));
    return CAPTION_H + Math.max(a, b, 1) * sh + CELL_PAD;
  };
  let sw = SLOT.minW, sh = SLOT.minH;
  for (let f = 1; f > 0.2; f -= 0.02) {
    const w = Math.max(SLOT.minW, SLOT.w * f), h = Math.max(SLOT.minH, SLOT.h * f);
    const a = need(true, w, h), b = need(false, w, h), most = 0.6 * (H - CELL_GAP);
    if (a + b + CELL_GAP <= H && a <= most && b <= most) { sw = w; sh = h; break; }
  }
  // Each row of cells as tall as it needs; the spare height first to the shorter row (up to
  // 40% of the grid), then shared.
  let top = need(true, sw, sh), bottom = need(false, sw, sh);
  let spare = H - CELL_GAP - top - bottom;
  if (spare > 0) {
    const floor = 0.4 * (H - CELL_GAP);
    if (top < floor) { const d = Math.min(spare, floor - top); top += d; spare -= d; }
    if (bottom < floor) { const d = Math.min(spare, floor - bottom); bottom += d; spare -= d; }
    top += spare / 2; bottom += spare / 2;
  }
  const cells: Cell[] = [];
  for (const q of QUADRANTS) {
    const h = q.row === 0 ? top : bottom;
    const x0 = q.col * (cw + CELL_GAP), y1 = q.row === 0 ? 0 : -(top + CELL_GAP);
    cells.push({ quadrant: q.quadrant, title: q.title, note: q.note, x0, y0: y1 - h, x1: x0 + cw, y1 });
    const people = [...(members.get(q.quadrant) ?? [])].sort(
      (a, b) => b.power - a.power || b.interest - a.interest || a.name.localeCompare(b.name),
    );
    if (people.length === 0) continue;
    // Spread over the cell: the columns that leave each person the roomiest slot (none
    // narrower or shorter than the smallest), rows pitched to fill the cell's height (at most
    // three slots apart).
    const room = h - CAPTION_H - CELL_PAD;
    let cols = Math.min(people.length, Math.max(1, Math.floor(inner / sw))), best = 0;
    for (let c = 1; c <= people.length && inner / c >= SLOT.minW; c++) {
      const px = inner / c, py = room / Math.ceil(people.length / c);
      const roomy = Math.min(px / SLOT.w, py / SLOT.h);
      if (py >= SLOT.minH && roomy > best) { best = roomy; cols = c; }
    }
    const rows = Math.ceil(people.length / cols);
    const pitchX = inner / cols;
    const pitchY = Math.min(room / rows, 3 * SLOT.h);
    const y = y1 - CAPTION_H - (room - rows * pitchY) / 2;
    people.forEach((p, j) => {
      at.set(p.key, { x: x0 + CELL_PAD + (j % cols) * pitchX + sh / 2, y: y - (Math.floor(j / cols) + 0.5) * pitchY });
    });
  }
  return { at, cells };
}

/** A place for a new person without one: near the middle of their department's people as
 *  drawn (`positions`), a little off it, or near the centre when they have none. */
export function placeNear(map: MapView, positions: Map<string, Point>, department: number | null): Point {
  let x = 0, y = 0, n = 0;
  for (const p of map.people) {
    const at = p.department === department ? positions.get(p.key) : undefined;
    if (at) { x += at.x; y += at.y; n++; }
  }
  const a = Math.random() * Math.PI * 2;
  return n ? { x: x / n + 40 * Math.cos(a), y: y / n + 40 * Math.sin(a) } : { x: 40 * Math.cos(a), y: 40 * Math.sin(a) };
}

/**
 * Where each person starts: their saved position; else, on a map where nobody has one, a place
 * in the department layout; else near the placed members of their department (or the middle).
 */
export function initialPositions(map: MapView): Map<string, Point> {
  const out = new Map<string, Point>();
  const placed = map.people.filter((p) => p.position);
  if (placed.length === 0) return departmentLayout(map);
  const sums = new Map<number | null, { x: number; y: number; n: number }>();
  for (const p of placed) {
    if (!p.position) continue;
    const at = { x: p.position.x ?? 0, y: -(p.position.y ?? 0) };
    out.set(p.key, at);
    for (const k of [p.department, null]) {
      const s = sums.get(k) ?? { x: 0, y: 0, n: 0 };
      sums.set(k, { x: s.x + at.x, y: s.y + at.y, n: s.n + 1 });
    }
  }
  let i = 0;
  for (const p of map.people) {
    if (p.position) continue;
    const s = sums.get(p.department) ?? sums.get(null) ?? { x: 0, y: 0, n: 1 };
    const a = i++ * 2.399963;
    const r = 30 + 12 * Math.sqrt(i);
    out.set(p.key, { x: s.x / s.n + r * Math.cos(a), y: s.y / s.n + r * Math.sin(a) });
  }
  return out;
}

/** Sample points of a stance history for a sparkline: value -2..2 in date order, each labelled
 *  with its date, the stance and what its log entry says (who judged it so, after a merge). */
export function stanceHistory(map: MapView, personKey: string): { date: string; value: number; label: string }[] {
  const value: Record<Stance, number> = { champion: 2, supporter: 1, neutral: 0, sceptic: -1, blocker: -2 };
  return map.engagements
    .flatMap((e) => (e.person === personKey && e.stance_after ? [{ e, after: e.stance_after }] : []))
    .sort((a, b) => a.e.date.localeCompare(b.e.date) || a.e.id - b.e.id)
    .map(({ e, after }) => ({ date: e.date, value: value[after], label: `${e.date} ${after}${e.summary ? `: ${e.summary}` : ""}` }));
}

/** People whose name or job title contains the text, best (name starts with it) first. */
export function search(map: MapView, text: string): Person[] {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const hits = map.people.filter((p) => p.name.toLowerCase().includes(q) || p.title.toLowerCase().includes(q));
  const rank = (p: Person) => (p.name.toLowerCase().startsWith(q) ? 0 : p.name.toLowerCase().includes(q) ? 1 : 2);
  return hits.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

export interface Filters {
  departments: number[];
  stances: Stance[];
  tags: string[];
  minStrength: number;
}

export const NO_FILTERS: Filters = { departments: [], stances: [], tags: [], minStrength: 0 };

/** Whether a person passes the filters (an empty list lets everyone through). */
export function personVisible(p: Person, f: Filters): boolean {
  if (f.departments.length && !(p.department !== null && f.departments.includes(p.department))) return false;
  if (f.stances.length && !f.stances.includes(p.stance)) return false;
  if (f.tags.length && !p.tags.some((t) => f.tags.includes(t))) return false;
  return true;
}

export function tieVisible(t: Tie<PersonKey>, f: Filters): boolean {
  return (t.strength ?? 0) >= f.minStrength;
}

/** Every tag used in the map, sorted. */
export function allTags(map: MapView): string[] {
  return [...new Set(map.people.flatMap((p) => p.tags))].sort((a, b) => a.localeCompare(b));
}
