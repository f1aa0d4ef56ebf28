// Regions of the map (rectangles in map coordinates, stored y-down, as saved views keep them):
// showing one on sigma's camera as large as the canvas allows, whether a person lies in one,
// and the region around some people and their departments' colleagues.
import type Sigma from "sigma";
import type { Person, Region } from "../bindings";
import type { Point } from "./drawing";

/** Shows a region of the map as large as the canvas allows: the inverse of `app.viewport`, so
 *  a saved view comes back as it was saved. */
export function showRegion(r: Sigma, region: Region, duration: number) {
  const { x0, y0, x1, y1 } = region;
  if (x0 === null || y0 === null || x1 === null || y1 === null) return;
  const { width, height } = r.getDimensions();
  if (width === 0 || height === 0) return;
  const a = r.graphToViewport({ x: x0, y: -y0 });
  const b = r.graphToViewport({ x: x1, y: -y1 });
  const w = Math.abs(b.x - a.x), h = Math.abs(b.y - a.y);
  if (!(w > 0 && h > 0)) return;
  const mid = r.viewportToFramedGraph({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  const ratio = r.getCamera().getState().ratio * Math.max(w / width, h / height);
  const state = { x: mid.x, y: mid.y, ratio, angle: 0 };
  if (duration > 0) r.getCamera().animate(state, { duration });
  else r.getCamera().setState(state);
}

/** Where the people `keys` are drawn (`positions`, y up) with their departments' colleagues (the
 *  hulls they sit in), as a region with room around them; null when none of them is drawn. */
export function regionAround(people: Person[], positions: Map<string, Point>, keys: string[]): Region | null {
  const wanted = new Set(keys);
  const departments = new Set(people.filter((p) => wanted.has(p.key) && p.department !== null).map((p) => p.department));
  const around = people.filter((p) => wanted.has(p.key) || (p.department !== null && departments.has(p.department)));
  // A loop, not Math.min(...): a division of 100,000 people would overflow the call's arguments.
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const p of around) {
    const at = positions.get(p.key);
    if (!at) continue;
    x0 = Math.min(x0, at.x); x1 = Math.max(x1, at.x);
    y0 = Math.min(y0, -at.y); y1 = Math.max(y1, -at.y);
  }
  if (x0 === Infinity) return null;
  const room = 120;
  return { x0: x0 - room, x1: x1 + room, y0: y0 - room, y1: y1 + room };
}

/** Whether a person drawn at `p` (y up) lies in `region`. */
export function inRegion(p: Point, region: Region): boolean {
  const { x0, y0, x1, y1 } = region;
  return x0 !== null && y0 !== null && x1 !== null && y1 !== null && x0 <= p.x && p.x <= x1 && y0 <= -p.y && -p.y <= y1;
}
