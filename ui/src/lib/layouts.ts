// The layout last chosen for each map, kept in this webview's storage. The map file keeps where
// everyone is; the window must draw them as the layout that put them there (department hulls for
// the force and department layouts, quadrant frames for the grid, neither for the org chart), or a
// map last laid out as a grid opens as a force layout with every department's hull drawn across
// the quadrants. Presentation only: colleagues who open the same file keep their own choice.
import type { Layout } from "./drawing";

const KEY = "advocate-layouts";
const LAYOUTS: readonly Layout[] = ["force", "department", "orgchart", "grid"];
/** How many maps' layouts are kept (the most recently chosen). */
const KEPT = 50;

function read(): [string, Layout][] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    if (!Array.isArray(v)) return [];
    return v.filter((e): e is [string, Layout] =>
      Array.isArray(e) && typeof e[0] === "string" && LAYOUTS.includes(e[1] as Layout));
  } catch {
    return [];
  }
}

/** The layout last chosen for the map at `path`; the force layout for a map never laid out here. */
export function layoutFor(path: string): Layout {
  return read().find(([p]) => p === path)?.[1] ?? "force";
}

/** Keeps `layout` as the one chosen for the map at `path`. */
export function rememberLayout(path: string, layout: Layout) {
  const kept = [[path, layout] as [string, Layout], ...read().filter(([p]) => p !== path)].slice(0, KEPT);
  try {
    localStorage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // Storage full or refused: the choice holds for this session only.
  }
}
