// How sigma draws the network on the canvas: its settings (the hover ring, the fading of what is
// outside the selection's neighbourhood, the ties' greys, what is left out while the camera
// moves), and the program people are drawn with: sigma's circles, except that on a big map the
// hidden picking pass (the second drawing that tells sigma which node is under the pointer) is
// left out while the camera moves. Nothing is hovered or clicked in the middle of a pan or a
// zoom, and sigma draws the map once more, picking included, as soon as the camera rests; on
// 10,000 people the pass costs as much as drawing the circles themselves.
import { NodeCircleProgram } from "sigma/rendering";
import type { Settings } from "sigma/settings";
import type { RenderParams } from "sigma/types";
import { cameraMoving, LABEL_FONT, LABEL_SIZE } from "./view";

/** What the settings read from the canvas as it draws. */
export interface Look {
  dark: () => boolean;
  /** Whether the map is big enough to draw only what orients the eye while the camera moves. */
  light: () => boolean;
  /** The people near the selection or the pointer; null when nothing is in focus. */
  near: () => Set<string> | null;
  /** Whether the ties are drawn on the 2D canvas below sigma (then sigma draws none). */
  canvasTies: () => boolean;
}

/** Sigma's settings for the canvas. */
export function sigmaSettings(look: Look): Partial<Settings> {
  const { dark } = look;
  return {
    nodeProgramClasses: { circle: circlesPickingAtRest(look.light) },
    defaultEdgeType: "arrow",
    renderEdgeLabels: false,
    // Names are placed by the canvas's own pass (view.ts) so that none overlaps another or
    // a node, or runs off the canvas; sigma's hover draws only a ring.
    renderLabels: false,
    labelFont: LABEL_FONT,
    labelSize: LABEL_SIZE,
    labelColor: { color: dark() ? "#e5e7eb" : "#1f2937" },
    defaultDrawNodeHover: (ctx, d) => {
      ctx.beginPath();
      ctx.arc(d.x, d.y, d.size + 3, 0, Math.PI * 2);
      ctx.strokeStyle = dark() ? "#93c5fd" : "#2563eb";
      ctx.lineWidth = 2;
      ctx.stroke();
    },
    zIndex: true,
    // On big maps, ties and labels are left out while the camera moves, so it stays fluid
    // (and the circles' picking pass, and the departments' names: see the canvas's underlay);
    // the canvas turns this on and off as the map grows or shrinks.
    hideEdgesOnMove: look.light(),
    hideLabelsOnMove: look.light(),
    minCameraRatio: 0.02,
    maxCameraRatio: 20,
    nodeReducer: (n, a) => {
      const out = { ...a } as Record<string, unknown>;
      const near = look.near();
      if (a.dimmed || (near && !near.has(n))) { out.color = dark() ? "#374151" : "#e5e7eb"; out.mustLabel = false; out.label = ""; out.zIndex = 0; }
      else out.zIndex = 1;
      return out;
    },
    edgeReducer: (_e, a) => {
      const out = { ...a } as Record<string, unknown>;
      if (look.canvasTies()) { out.hidden = true; return out; }
      // WebGL lines have no dashes: lines of authority (solid in the exports) are drawn darker
      // than peer and informal ties (dashed and dotted there); the legend says which is which.
      out.color = a.emphasised ? "#2563eb" : a.dimmed ? (dark() ? "#1f2937" : "#f1f5f9")
        : a.solid ? (dark() ? "#6b7280" : "#8d97a5") : dark() ? "#4b5563" : "#c3cad3";
      if (a.emphasised) { out.size = (a.size as number) + 2; out.zIndex = 2; }
      return out;
    },
  };
}

/** Circles that skip picking while the camera moves, on maps where `light` says so. */
function circlesPickingAtRest(light: () => boolean) {
  return class CirclesPickingAtRest extends NodeCircleProgram {
    render(params: RenderParams): void {
      const pick = this.pickProgram;
      if (pick === null || !light() || !cameraMoving(this.renderer)) {
        super.render(params);
        return;
      }
      this.pickProgram = null;
      try {
        super.render(params);
      } finally {
        this.pickProgram = pick;
      }
    }
  };
}
