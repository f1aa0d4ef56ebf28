import { beforeEach, describe, expect, it } from "vitest";
import { layoutFor, rememberLayout } from "./layouts";

describe("the layout kept for each map", () => {
  beforeEach(() => localStorage.clear());

  it("is the force layout until one is chosen, then the last chosen, map by map", () => {
    expect(layoutFor("/maps/a.advocate")).toBe("force");
    rememberLayout("/maps/a.advocate", "grid");
    rememberLayout("/maps/b.advocate", "orgchart");
    rememberLayout("/maps/a.advocate", "department");
    expect(layoutFor("/maps/a.advocate")).toBe("department");
    expect(layoutFor("/maps/b.advocate")).toBe("orgchart");
  });

  it("ignores what it cannot read and keeps the last fifty maps", () => {
    localStorage.setItem("advocate-layouts", "{not json");
    expect(layoutFor("/maps/a.advocate")).toBe("force");
    localStorage.setItem("advocate-layouts", JSON.stringify([["/maps/a.advocate", "spiral"], ["/maps/b.advocate", "grid"]]));
    expect(layoutFor("/maps/a.advocate")).toBe("force");
    expect(layoutFor("/maps/b.advocate")).toBe("grid");
    for (let i = 0; i < 60; i++) rememberLayout(`/maps/${i}.advocate`, "grid");
    expect(layoutFor("/maps/59.advocate")).toBe("grid");
    expect(layoutFor("/maps/0.advocate")).toBe("force");
  });
});
