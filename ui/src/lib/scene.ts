// The scene: the map turned into what is drawn (nodes with place, size, colour, label; ties
// with width), and which of them the filters hide or the highlight emphasises. Both renderers
// (sigma's WebGL and the SVG fallback) draw this.
import type { MapView } from "../bindings";
import {
  STANCE_COLOURS, departmentColours, nodeSize, personVisible, tieVisible, tieWidth,
  type Filters, type Point, type SizeBy,
} from "./drawing";

export interface SceneNode {
  id: number;
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
}

export interface SceneTie {
  id: number;
  from: number;
  to: number;
  size: number;
  hidden: boolean;
  dimmed: boolean;
  emphasised: boolean;
}

export interface Scene {
  nodes: SceneNode[];
  ties: SceneTie[];
}

export function buildScene(
  map: MapView,
  positions: Map<number, Point>,
  opts: {
    filters: Filters;
    sizeBy: SizeBy;
    influence?: Map<number, number>;
    highlight: { people: number[]; ties: number[] } | null;
    selected: number[];
  },
): Scene {
  const tints = departmentColours(map);
  const hl = opts.highlight ? new Set(opts.highlight.people) : null;
  const hlTies = opts.highlight ? new Set(opts.highlight.ties) : null;
  const selected = new Set(opts.selected);
  const nodes: SceneNode[] = map.people.map((p) => {
    const at = positions.get(p.id) ?? { x: 0, y: 0 };
    return {
      id: p.id,
      label: p.name,
      x: at.x,
      y: at.y,
      size: nodeSize(p, opts.sizeBy, opts.influence),
      color: STANCE_COLOURS[p.stance],
      department: p.department,
      tint: p.department !== null ? tints.get(p.department) ?? null : null,
      pinned: p.position?.pinned ?? false,
      hidden: !personVisible(p, opts.filters),
      dimmed: hl !== null && !hl.has(p.id),
      selected: selected.has(p.id),
    };
  });
  const hidden = new Set(nodes.filter((n) => n.hidden).map((n) => n.id));
  const ties: SceneTie[] = map.ties.map((t) => ({
    id: t.id,
    from: t.from,
    to: t.to,
    size: tieWidth(t),
    hidden: hidden.has(t.from) || hidden.has(t.to) || !tieVisible(t, opts.filters),
    dimmed: hlTies !== null && !hlTies.has(t.id),
    emphasised: hlTies !== null && hlTies.has(t.id),
  }));
  return { nodes, ties };
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
