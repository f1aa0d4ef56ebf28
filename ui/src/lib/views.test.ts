import { describe, expect, it } from "vitest";
import type { Shown } from "../bindings";
import { mapOf, person } from "../test-helpers";
import { NO_FILTERS } from "./drawing";
import { captureHighlight, describeHighlight, emphasisOf, presentStep } from "./views";

const map = mapOf(
  [person(1, "Tom"), person(2, "Ada", { stance: "sceptic" }), person(3, "Bo")],
  [[1, 2, "peer"], [2, 3, "peer"], [3, 1, "peer"]],
);

describe("what Save view keeps", () => {
  const path = { kind: "path", from: null, to: "3", avoid_opposed: true } as const;

  it("keeps the path or board last found while it is highlighted", () => {
    expect(captureHighlight({ highlight: { people: ["1", "2", "3"] }, shownHighlight: path, filters: NO_FILTERS })).toEqual(path);
  });

  it("keeps nothing once the highlight is cleared, or the stances the filters keep", () => {
    expect(captureHighlight({ highlight: null, shownHighlight: path, filters: NO_FILTERS })).toEqual({ kind: "none" });
    expect(captureHighlight({ highlight: null, shownHighlight: path, filters: { ...NO_FILTERS, stances: ["sceptic", "blocker"] } }))
      .toEqual({ kind: "stances", stances: ["sceptic", "blocker"] });
    // A search match or an advocate's chains are highlighted without a path found: the filters say.
    expect(captureHighlight({ highlight: { people: ["2"] }, shownHighlight: { kind: "none" }, filters: NO_FILTERS })).toEqual({ kind: "none" });
  });

  it("says in words what a highlight shows, people by name", () => {
    expect(describeHighlight(path, map)).toBe("the best path from the home team to Bo");
    expect(describeHighlight({ kind: "path", from: "1", to: "2", avoid_opposed: false }, map)).toBe("the best path from Tom to Ada");
    expect(describeHighlight({ kind: "board", size: 3, include_audience: true, balanced: false }, map)).toBe("the board of 3, audience included");
    expect(describeHighlight({ kind: "stances", stances: ["sceptic", "blocker", "neutral"] }, map)).toBe("the sceptics, blockers and neutrals");
    expect(describeHighlight({ kind: "none" }, map)).toBe("no highlight");
  });
});

describe("moving through a presentation", () => {
  it("goes on with Right, Down, Page Down, Space and Enter, and stops at the last view", () => {
    for (const key of ["ArrowRight", "ArrowDown", "PageDown", " ", "Enter"]) expect(presentStep(key, 0, 3)).toBe(1);
    expect(presentStep("ArrowRight", 2, 3)).toBe(2);
  });

  it("goes back with Left, Up, Page Up and Backspace, jumps with Home and End, leaves with Escape", () => {
    for (const key of ["ArrowLeft", "ArrowUp", "PageUp", "Backspace"]) expect(presentStep(key, 2, 3)).toBe(1);
    expect(presentStep("ArrowLeft", 0, 3)).toBe(0);
    expect(presentStep("Home", 2, 3)).toBe(0);
    expect(presentStep("End", 0, 3)).toBe(2);
    expect(presentStep("Escape", 1, 3)).toBe("leave");
    expect(presentStep("f", 1, 3)).toBeNull();
  });
});

describe("what the canvas emphasises for a view", () => {
  const shown = (s: Partial<Shown>): Shown => ({ view: null, path: [], board: [], people: [], note: "", ...s });

  it("draws a path's people and the ties along it, in its direction only", () => {
    expect(emphasisOf(shown({ path: ["1", "2", "3"] }), map)).toEqual({ people: ["1", "2", "3"], ties: [1, 2], board: [], plain: false });
  });

  it("rings a board, and shows the people of the stances without a ring", () => {
    expect(emphasisOf(shown({ board: ["3", "1"] }), map)).toEqual({ people: ["3", "1"], ties: [], board: ["3", "1"], plain: false });
    // With the audience it is chosen to reach beside it.
    const audience = { ...map, audience_members: ["1", "2"] };
    expect(emphasisOf(shown({ board: ["3", "1"] }), audience)).toEqual({ people: ["3", "1", "2"], ties: [], board: ["3", "1"], plain: false });
    expect(emphasisOf(shown({ people: ["2"] }), map)).toEqual({ people: ["2"], ties: [], board: [], plain: true });
    expect(emphasisOf(shown({ note: "No chain of introductions reaches Bo" }), map)).toBeNull();
  });
});
