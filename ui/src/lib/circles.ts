// The program the canvas draws people with: sigma's circles, except that on a big map the
// hidden picking pass (the second drawing that tells sigma which node is under the pointer) is
// left out while the camera moves. Nothing is hovered or clicked in the middle of a pan or a
// zoom, and sigma draws the map once more, picking included, as soon as the camera rests; on
// 10,000 people the pass costs as much as drawing the circles themselves.
import type Sigma from "sigma";
import { NodeCircleProgram } from "sigma/rendering";
import type { RenderParams } from "sigma/types";
import { cameraMoving } from "./view";

/** Circles that skip picking while the camera moves, on maps where `light` says so. */
export function circlesPickingAtRest(light: (r: Sigma) => boolean) {
  return class CirclesPickingAtRest extends NodeCircleProgram {
    render(params: RenderParams): void {
      const pick = this.pickProgram;
      if (pick === null || !light(this.renderer) || !cameraMoving(this.renderer)) {
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
