// What a click on a big map costs the canvas, kept to the people it concerns. Sigma processes
// its whole graph again (every node and tie, 51,000 on the 10k map) after any write that goes
// through graphology's events, and fading everyone outside a selection's neighbourhood would
// reduce all 10,000 nodes again. So on big maps:
// - a node's look (fill, name, selection) is written to the graph quietly and sigma is asked to
//   repaint just that node (`writeNode`);
// - the neighbourhood stands out on a layer over sigma's drawing: a veil over the whole map, then
//   the neighbourhood's ties and people drawn again above it (`drawFocus`), found through an
//   index of each person's ties kept while the ties stay as they were (`TiesByPerson`).
import type Graph from "graphology";
import type Sigma from "sigma";
import { adjacency, drawTies, lanes, neighbourhoodIn, tiesWithin, type DrawnTie, type TieColours } from "./ties";
import type { SceneTie } from "./scene";

/** Whether `attrs` would change anything in `current` (shallow). */
export function differs(current: Record<string, unknown>, attrs: Record<string, unknown>): boolean {
  for (const k in attrs) if (current[k] !== attrs[k]) return true;
  return false;
}

/** Attributes that change what is drawn on the node's own disc only (its fill). */
const FILL = new Set(["color"]);
/** Attributes sigma does not draw at all: the canvas's own layers read them from the graph. */
const UNDRAWN = new Set(["selected", "mustLabel", "label", "fixed"]);

/** What `writeNode` did to a node already in the graph. */
export interface Written {
  /** Its fill changed: sigma has to repaint the node (not process the graph). */
  fill: boolean;
  /** Something only the canvas's own layers draw changed (a name, the selection). */
  undrawn: boolean;
}

/**
 * Writes `attrs` to a node already in `graph`. A change of fill, name or selection only is
 * written in place without an event (graphology hands out the node's own attribute object),
 * and the answer says what the caller must draw again; any other change (place, size, hidden)
 * goes through graphology, whose event makes sigma process the graph.
 */
export function writeNode(graph: Graph, id: string, attrs: Record<string, unknown>): Written {
  const current = graph.getNodeAttributes(id);
  const changed = Object.keys(attrs).filter((k) => current[k] !== attrs[k]);
  const out: Written = { fill: false, undrawn: false };
  if (changed.length === 0) return out;
  if (changed.every((k) => FILL.has(k) || UNDRAWN.has(k))) {
    Object.assign(current, attrs);
    out.fill = changed.some((k) => FILL.has(k));
    out.undrawn = changed.some((k) => UNDRAWN.has(k));
    return out;
  }
  graph.mergeNodeAttributes(id, attrs);
  return out;
}

/** Each person's ties in a scene, kept while the scene's ties stay the same list. */
export class TiesByPerson {
  private ties: readonly SceneTie[] | null = null;
  private adj = new Map<string, SceneTie[]>();

  /** The index for `ties` (made again only when the list is another). */
  of(ties: readonly SceneTie[]): Map<string, SceneTie[]> {
    if (ties !== this.ties) {
      this.adj = adjacency(ties);
      this.ties = ties;
    }
    return this.adj;
  }

  /** People within `steps` ties of any of `from` (shown or not, as on a small map). */
  near(ties: readonly SceneTie[], from: Iterable<string>, steps: number): Set<string> {
    return neighbourhoodIn(this.of(ties), from, steps);
  }
}

/** How the focus layer is drawn. */
export interface FocusLook {
  adj: Map<string, SceneTie[]>;
  dark: boolean;
  /** The ties' colours, as the map's ties are drawn on a small map. */
  colours: TieColours;
}

/**
 * The focus layer: a veil over the map as sigma drew it, then, above it, the ties among the
 * `near` people (curved and dashed by kind, as a small map's ties are) and their discs in their
 * own fills. The rest of the map shows faintly through the veil, as it does faded on a small map.
 */
export function drawFocus(ctx: CanvasRenderingContext2D, r: Sigma, near: Set<string>, look: FocusLook) {
  const { width, height } = r.getDimensions();
  ctx.fillStyle = look.dark ? "rgba(17,24,39,0.8)" : "rgba(255,255,255,0.8)";
  ctx.fillRect(0, 0, width, height);
  const graph = r.getGraph();
  const at = new Map<string, { x: number; y: number; r: number }>();
  for (const key of near) {
    const d = r.getNodeDisplayData(key);
    if (!d || d.hidden || !graph.hasNode(key)) continue;
    const v = r.framedGraphToViewport(d);
    at.set(key, { x: v.x, y: v.y, r: r.scaleSize(d.size) });
  }
  const within = tiesWithin(look.adj, near).filter((t) => !t.hidden && at.has(t.from) && at.has(t.to));
  const lane = lanes(within);
  drawTies(ctx, within.map((t): DrawnTie => {
    const a = at.get(t.from) ?? { x: 0, y: 0, r: 0 }, b = at.get(t.to) ?? { x: 0, y: 0, r: 0 };
    return {
      id: t.id, x0: a.x, y0: a.y, r0: a.r, x1: b.x, y1: b.y, r1: b.r, width: t.size, dash: t.dash,
      lane: lane.get(t.id) ?? 0, weight: t.emphasised ? "strong" : "normal",
    };
  }), look.colours);
  for (const [key, d] of at) {
    const colour = graph.getNodeAttribute(key, "color") as string | undefined;
    ctx.beginPath();
    ctx.arc(d.x, d.y, d.r, 0, Math.PI * 2);
    ctx.fillStyle = colour ?? "#9ca3af";
    ctx.fill();
  }
}
