// The scene: the map turned into what is drawn (nodes with place, size, colour, label; ties
// with width), and which of them the filters hide or the highlight emphasises. Both renderers
// (sigma's WebGL and the SVG fallback) draw this. Built whole from a map (`buildScene`), or
// patched after an edit or a selection with only the nodes and ties they changed (`patchScene`).
import type { MapView, NodeRadius, Person, PersonKey, Stance, Tie } from "../bindings";
import {
  stanceColours, departmentColours, nodeSize, personVisible, tieVisible, tieWidth,
  type Filters, type Point, type SizeBy,
} from "./drawing";

/** Above this many people, departments are drawn as single nodes until expanded. */
export const AGGREGATE_ABOVE = 20000;

/** The node standing for a department drawn as one (null: the people in no department). A
 *  person's node is their key; a department's starts with a NUL, which no key holds. */
export function departmentNode(department: number | null): string {
  return `\u0000department:${department ?? "none"}`;
}

/** Whether a node stands for a department drawn as one. */
export function isDepartmentNode(node: string): boolean {
  return node.startsWith("\u0000department:");
}

/** The department a department node stands for (null: no department, or a person's node). */
export function departmentOfNode(node: string): number | null {
  if (!isDepartmentNode(node)) return null;
  const id = Number(node.slice("\u0000department:".length));
  return Number.isFinite(id) ? id : null;
}

export interface SceneNode {
  /** A person's key, or `departmentNode(…)` for a department drawn as one node. */
  id: string;
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  department: number | null;
  tint: string | null;
  pinned: boolean;
  hidden: boolean;
  dimmed: boolean;
  selected: boolean;
  /** Always labelled: the selection, a highlighted path or board, decision-makers and the
   *  audience (and a department drawn as one node). Others are labelled where there is room. */
  mustLabel: boolean;
}

export interface SceneTie {
  /** The tie's row, or a negative number for ties bundled between department nodes. */
  id: number;
  from: string;
  to: string;
  size: number;
  /** The kind's dash pattern for a line one unit wide, as the core gives it; null: solid. */
  dash: string | null;
  hidden: boolean;
  dimmed: boolean;
  emphasised: boolean;
}

export interface Scene {
  nodes: SceneNode[];
  ties: SceneTie[];
}

/** What a scene is drawn with besides the map. */
export interface SceneOptions {
  filters: Filters;
  sizeBy: SizeBy;
  influence?: Map<string, number>;
  highlight: { people: string[]; ties: number[] } | null;
  selected: string[];
  /** Each person's stance at a past date, by key (null: not yet recorded then): the map is
   *  filled as it stood then. */
  asOf?: Map<string, Stance | null> | null;
  /** Departments drawn person by person on a big map. */
  expanded?: Set<number>;
}

/** What every node and tie of one scene is drawn with, worked out once per scene. */
interface Look {
  tints: Map<number, string>;
  colours: Record<Stance, string>;
  /** The fill of a person whose stance was not yet recorded at the "as of" date. */
  unrecorded: string;
  hl: Set<string> | null;
  hlTies: Set<number> | null;
  selected: Set<string>;
  /** The goal's audience: labelled whatever the crowding. */
  audience: Set<string>;
  dashOf: Map<string, string | null>;
  /** How big a person is drawn (the core's rule). */
  radius: NodeRadius;
}

function lookOf(map: MapView, opts: SceneOptions): Look {
  return {
    tints: departmentColours(map),
    colours: stanceColours(map),
    unrecorded: map.palette.unrecorded,
    hl: opts.highlight ? new Set(opts.highlight.people) : null,
    hlTies: opts.highlight ? new Set(opts.highlight.ties) : null,
    selected: new Set(opts.selected),
    audience: new Set(map.audience_members),
    dashOf: new Map(map.palette.kinds.map((k) => [k.kind.toLowerCase(), k.dash])),
    radius: map.palette.node_radius,
  };
}

/** A person's fill: their stance, or their stance then when the map is shown as of a date. */
function fillOf(p: Person, opts: SceneOptions, look: Look): string {
  if (!opts.asOf?.has(p.key)) return look.colours[p.stance];
  const then = opts.asOf.get(p.key) ?? null;
  return then === null ? look.unrecorded : look.colours[then];
}

function personNode(p: Person, positions: Map<string, Point>, opts: SceneOptions, look: Look): SceneNode {
  const at = positions.get(p.key) ?? { x: 0, y: 0 };
  return {
    id: p.key,
    label: p.name,
    x: at.x,
    y: at.y,
    size: nodeSize(p, look.radius, opts.sizeBy, opts.influence),
    color: fillOf(p, opts, look),
    department: p.department,
    tint: p.department !== null ? look.tints.get(p.department) ?? null : null,
    pinned: p.position?.pinned ?? false,
    hidden: !personVisible(p, opts.filters),
    dimmed: look.hl !== null && !look.hl.has(p.key),
    selected: look.selected.has(p.key),
    mustLabel: look.selected.has(p.key) || (look.hl !== null ? look.hl.has(p.key) : p.decision_maker || look.audience.has(p.key)),
  };
}

function personTie(t: Tie<PersonKey>, hidden: Set<string>, opts: SceneOptions, look: Look): SceneTie {
  return {
    id: t.id,
    from: t.from,
    to: t.to,
    size: tieWidth(t),
    dash: look.dashOf.get(t.kind.toLowerCase()) ?? null,
    hidden: hidden.has(t.from) || hidden.has(t.to) || !tieVisible(t, opts.filters),
    dimmed: look.hlTies !== null && !look.hlTies.has(t.id),
    emphasised: look.hlTies !== null && look.hlTies.has(t.id),
  };
}

/** Whether a map is drawn department by department (then `patchScene` does not apply). */
export function aggregated(map: MapView): boolean {
  return map.people.length > AGGREGATE_ABOVE;
}

export function buildScene(map: MapView, positions: Map<string, Point>, opts: SceneOptions): Scene {
  if (aggregated(map)) return aggregateScene(map, positions, opts.expanded ?? new Set(), opts.selected);
  const look = lookOf(map, opts);
  const nodes: SceneNode[] = map.people.map((p) => personNode(p, positions, opts, look));
  const hidden = new Set(nodes.filter((n) => n.hidden).map((n) => n.id));
  const ties: SceneTie[] = map.ties.map((t) => personTie(t, hidden, opts, look));
  return { nodes, ties };
}

/** Where each node of a scene's list is, by id: kept for a list patched from another without
 *  removals (a selection, an edit of a few people), so that a click does not index 10,000
 *  nodes again. The lists are never changed once a scene holds them. */
const nodeIndex = new WeakMap<readonly SceneNode[], Map<string, number>>();

function nodeIndexOf(nodes: readonly SceneNode[]): Map<string, number> {
  const known = nodeIndex.get(nodes);
  if (known) {
    // Handed on to the next list, which may add to it: this list no longer owns it.
    nodeIndex.delete(nodes);
    return known;
  }
  return new Map(nodes.map((n, i) => [n.id, i]));
}

/** What a patch changed in a scene, for the canvas to write only that to its graph. */
export interface SceneChange {
  /** Nodes added or changed (a node listed twice: the later stands), and those gone (by id). */
  nodes: SceneNode[];
  nodesRemoved: string[];
  /** Ties added or changed, and those gone (by id). */
  ties: SceneTie[];
  tiesRemoved: number[];
}

/** The records an edit changed, as the scene needs them: people upserted (by key) and gone
 *  (by the key they had), ties upserted and gone (by row). */
export interface SceneEdit {
  people: Person[];
  peopleRemoved: string[];
  ties: Tie<PersonKey>[];
  tiesRemoved: number[];
}

/** An edit that changed no record (a new selection only). */
export const NO_EDIT: SceneEdit = { people: [], peopleRemoved: [], ties: [], tiesRemoved: [] };

/**
 * The scene `prev` brought in step with an edit of the map and a new selection, touching only
 * the nodes and ties that changed: what `buildScene` would give for `map`, at the cost of the
 * change (plus copying the lists). Only for the per-person scene (not a big map's departments),
 * with the same filters, sizes and highlight as `prev` was built with.
 */
export function patchScene(
  prev: Scene,
  map: MapView,
  positions: Map<string, Point>,
  opts: SceneOptions,
  edit: SceneEdit,
  selectedBefore: string[],
): { scene: Scene; change: SceneChange } {
  const look = lookOf(map, opts);
  const nodes = [...prev.nodes];
  const change: SceneChange = { nodes: [], nodesRemoved: [], ties: [], tiesRemoved: [] };
  // Where each node is in the list: kept from the scene before while no node is removed.
  const nodeAt = nodeIndexOf(prev.nodes);
  // People whose visibility changed: their ties are shown or hidden with them.
  const flipped = new Set<string>();
  const put = (n: SceneNode) => {
    const i = nodeAt.get(n.id);
    if (i === undefined) { nodeAt.set(n.id, nodes.length); nodes.push(n); }
    else { if (nodes[i].hidden !== n.hidden) flipped.add(n.id); nodes[i] = n; }
    change.nodes.push(n);
  };
  const gone = new Set(edit.peopleRemoved);
  for (const p of edit.people) gone.delete(p.key);
  for (const p of edit.people) put(personNode(p, positions, opts, look));
  // The selection's change: the people selected or no longer selected.
  const now = new Set(opts.selected);
  const before = new Set(selectedBefore);
  const upserted = new Set(edit.people.map((p) => p.key));
  const byKey = new Map<string, Person>();
  for (const key of [...now].filter((k) => !before.has(k)).concat([...before].filter((k) => !now.has(k)))) {
    if (upserted.has(key) || gone.has(key) || !nodeAt.has(key)) continue;
    if (byKey.size === 0) for (const p of map.people) byKey.set(p.key, p);
    const p = byKey.get(key);
    if (p) put(personNode(p, positions, opts, look));
  }
  let keptNodes = nodes;
  if (gone.size) {
    keptNodes = nodes.filter((n) => !gone.has(n.id));
    change.nodesRemoved = [...gone];
  } else nodeIndex.set(nodes, nodeAt);
  const removedTies = new Set(edit.tiesRemoved);
  // The ties are copied and indexed only when one of them changes (a selection changes none:
  // on the 10k map that saves copying and indexing 41,000 ties per click).
  if (edit.ties.length === 0 && flipped.size === 0 && removedTies.size === 0 && gone.size === 0) {
    return { scene: { nodes: keptNodes, ties: prev.ties }, change };
  }
  const ties = [...prev.ties];
  const hidden = new Set(keptNodes.filter((n) => n.hidden).map((n) => n.id));
  const tieAt = new Map(ties.map((t, i) => [t.id, i]));
  const putTie = (t: Tie<PersonKey>) => {
    const st = personTie(t, hidden, opts, look);
    const i = tieAt.get(t.id);
    if (i === undefined) { tieAt.set(t.id, ties.length); ties.push(st); } else ties[i] = st;
    change.ties.push(st);
  };
  for (const t of edit.ties) putTie(t);
  if (flipped.size) {
    const done = new Set(edit.ties.map((t) => t.id));
    for (const t of map.ties) if (!done.has(t.id) && (flipped.has(t.from) || flipped.has(t.to))) putTie(t);
  }
  // Ties of people gone go with them, whether or not the edit named them.
  let keptTies = ties;
  if (removedTies.size || gone.size) {
    keptTies = ties.filter((t) => {
      const out = removedTies.has(t.id) || gone.has(t.from) || gone.has(t.to);
      if (out) change.tiesRemoved.push(t.id);
      return !out;
    });
  }
  return { scene: { nodes: keptNodes, ties: keptTies }, change };
}

/** Whether this webview can draw with WebGL (WebKitGTK under Xvfb may not). */
export function webglAvailable(): boolean {
  try {
    const c = document.createElement("canvas");
    return !!(c.getContext("webgl2") || c.getContext("webgl"));
  } catch {
    return false;
  }
}

/** The department node standing for the people outside any department. */
const NO_DEPARTMENT = departmentNode(null);

/**
 * A big map: the department tree drawn from the top. Each top-level department is one node,
 * sized by the people in it (and below it) and placed at their centre; expanding a department
 * shows its own people and its sub-departments, each again as one node. Ties between nodes are
 * drawn once, as wide as how many ties they stand for.
 */
export function aggregateScene(
  map: MapView,
  positions: Map<string, Point>,
  expanded: Set<number>,
  selected: string[],
): Scene {
  const tints = departmentColours(map);
  const colours = stanceColours(map);
  const names = new Map(map.departments.map((d) => [d.id, d.name]));
  const sel = new Set(selected);
  const parent = new Map(map.departments.map((d) => [d.id, d.parent]));
  // The node a department's people are drawn in: its highest ancestor that is not expanded
  // (its department node), or null when it and all its ancestors are expanded.
  const shownIn = new Map<number, string | null>();
  const shown = (dept: number): string | null => {
    const known = shownIn.get(dept);
    if (known !== undefined) return known;
    const chain: number[] = [];
    for (let d: number | null | undefined = dept; d !== null && d !== undefined && !chain.includes(d); d = parent.get(d)) chain.unshift(d);
    const top = chain.find((d) => !expanded.has(d));
    const key = top === undefined ? null : departmentNode(top);
    shownIn.set(dept, key);
    return key;
  };
  const groups = new Map<string, { x: number; y: number; n: number }>();
  const nodeOf = new Map<string, string>();
  const nodes: SceneNode[] = [];
  for (const p of map.people) {
    const dept = p.department;
    if (dept !== null && shown(dept) === null) {
      const at = positions.get(p.key) ?? { x: 0, y: 0 };
      nodeOf.set(p.key, p.key);
      nodes.push({
        id: p.key, label: p.name, x: at.x, y: at.y, size: nodeSize(p, map.palette.node_radius, "power"), color: colours[p.stance],
        department: dept, tint: tints.get(dept) ?? null, pinned: p.position?.pinned ?? false,
        hidden: false, dimmed: false, selected: sel.has(p.key), mustLabel: sel.has(p.key),
      });
      continue;
    }
    const key = dept === null ? NO_DEPARTMENT : shown(dept) ?? NO_DEPARTMENT;
    nodeOf.set(p.key, key);
    const at = positions.get(p.key) ?? { x: 0, y: 0 };
    const g = groups.get(key) ?? { x: 0, y: 0, n: 0 };
    groups.set(key, { x: g.x + at.x, y: g.y + at.y, n: g.n + 1 });
  }
  for (const [key, g] of groups) {
    const dept = departmentOfNode(key);
    nodes.push({
      id: key,
      label: `${dept === null ? "No department" : names.get(dept) ?? "?"} (${g.n.toLocaleString("en")})`,
      x: g.x / g.n, y: g.y / g.n, size: 5 + 3 * Math.log2(g.n), color: dept === null ? "#9aa3ad" : tints.get(dept) ?? "#9aa3ad",
      department: dept, tint: null, pinned: false, hidden: false, dimmed: false, selected: false, mustLabel: true,
    });
  }
  const bundles = new Map<string, { from: string; to: string; n: number; id: number }>();
  const ties: SceneTie[] = [];
  for (const t of map.ties) {
    const a = nodeOf.get(t.from), b = nodeOf.get(t.to);
    if (a === undefined || b === undefined || a === b) continue;
    if (!isDepartmentNode(a) && !isDepartmentNode(b)) {
      ties.push({ id: t.id, from: a, to: b, size: tieWidth(t), dash: null, hidden: false, dimmed: false, emphasised: false });
      continue;
    }
    const k = `${a}>${b}`;
    const bundle = bundles.get(k);
    if (bundle) bundle.n++;
    else bundles.set(k, { from: a, to: b, n: 1, id: -(bundles.size + 1) });
  }
  for (const b of bundles.values()) {
    ties.push({ id: b.id, from: b.from, to: b.to, size: 0.5 + Math.log2(1 + b.n) * 0.6, dash: null, hidden: false, dimmed: false, emphasised: false });
  }
  return { nodes, ties };
}
