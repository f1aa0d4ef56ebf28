// Hooks the measurement scripts call in the real window (tests/e2e/click.mjs and scale.mjs): a
// click on a person's node as sigma reports it, people to click, and a free point to pan from.
// Nothing here is used by the app itself.
import type Sigma from "sigma";

interface Hooks {
  __advocateSelect?: (key: string) => void;
  __advocateKeys?: (n: number) => string[];
  __advocateEmptyPoint?: () => { x: number; y: number } | null;
}

/** Installs the hooks for the canvas drawn by `r`; `people` lists the map's people in order and
 *  `select` does what a click on a person's node does. */
export function installMeasureHooks(r: Sigma, people: () => { key: string }[], select: (key: string) => void) {
  const hooks = window as unknown as Hooks;
  const graph = r.getGraph();
  hooks.__advocateSelect = select;
  // Every n-th person with ties, spread over the map.
  hooks.__advocateKeys = (n) => {
    const tied = people().filter((p) => graph.hasNode(p.key) && graph.degree(p.key) > 0).map((p) => p.key);
    return Array.from({ length: Math.min(n, tied.length) }, (_, i) => tied[Math.floor((i * tied.length) / n)]);
  };
  // The free point nearest the canvas's centre, at least 24 pixels from every node, so that a
  // drag from it pans the view instead of moving a person.
  hooks.__advocateEmptyPoint = () => {
    const { width, height } = r.getDimensions();
    const cell = 24;
    const cols = Math.ceil(width / cell), rows = Math.ceil(height / cell);
    const taken = new Uint8Array(cols * rows);
    graph.forEachNode((id) => {
      const d = r.getNodeDisplayData(id);
      if (!d || d.hidden) return;
      const v = r.framedGraphToViewport(d);
      const cx = Math.floor(v.x / cell), cy = Math.floor(v.y / cell);
      for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
        const x = cx + dx, y = cy + dy;
        if (x >= 0 && y >= 0 && x < cols && y < rows) taken[y * cols + x] = 1;
      }
    });
    let best: { x: number; y: number } | null = null, bestD = Infinity;
    for (let y = 0; y < rows; y++) for (let x = 0; x < cols; x++) {
      if (taken[y * cols + x]) continue;
      const p = { x: (x + 0.5) * cell, y: (y + 0.5) * cell };
      const dist = Math.hypot(p.x - width / 2, p.y - height / 2);
      if (dist < bestD) { best = p; bestD = dist; }
    }
    return best;
  };
}
