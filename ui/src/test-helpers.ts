// Small maps for the unit tests.
import type { FunctionChoice, MapDelta, MapHead, MapView, Palette, Person } from "./bindings";

/** A person whose key is the number given, as text. */
export function person(id: number, name: string, extra: Partial<Person> = {}): Person {
  return {
    key: String(id), name, title: "", department: null, stance: "neutral", power: 3, interest: 3,
    decision_maker: false, tags: [], notes: "", attributes: {}, position: null, ...extra,
  };
}

/** The core's palette for the two test departments and kinds (as `Palette::of` gives it). */
export const PALETTE: Palette = {
  stances: [
    { stance: "champion", colour: "#0072B2", caption: "Champion" }, { stance: "supporter", colour: "#56B4E9", caption: "Supporter" },
    { stance: "neutral", colour: "#BBBBBB", caption: "Neutral" }, { stance: "sceptic", colour: "#E69F00", caption: "Sceptic" },
    { stance: "blocker", colour: "#D55E00", caption: "Blocker" },
  ],
  departments: [{ department: 1, tint: "#4E79A7" }, { department: 2, tint: "#123456" }],
  kinds: [{ kind: "peer", dash: "4 3", manages: false }, { kind: "line manager", dash: null, manages: true }],
  default_kind: "peer", tie: "#7B8794", path: "#111111", board: "#CC79A7", unrecorded: "#E4E7EB",
  node_radius: { base: 4, per_power: 2.6 },
};

/** The core's department functions (as `Function::choices` gives them). */
export const FUNCTIONS: FunctionChoice[] = [
  ["executive", "executive"], ["it", "IT"], ["communications", "communications"], ["marketing", "marketing"], ["hr", "HR"],
  ["finance", "finance"], ["operations", "operations"], ["sales", "sales"], ["l&d", "L&D"], ["other", "other"],
].map(([f, label]) => ({ function: f as FunctionChoice["function"], label }));

export function mapOf(people: Person[], ties: [number, number, string][] = []): MapView {
  return {
    path: "/tmp/t.advocate", name: "Test", read_only: false, encrypted: false, initiative: "", audience: { people: [], department: null },
    home: { people: [], department: null }, audience_members: [], home_members: [], kinds: [{ name: "peer", default_strength: 0.23 }, { name: "line manager", default_strength: 0.55 }],
    palette: PALETTE, functions: FUNCTIONS,
    departments: [{ id: 1, name: "Finance", parent: null, colour: null, position: null, function: "finance" }, { id: 2, name: "IT", parent: null, colour: "#123456", position: null, function: "it" }],
    people, ties: ties.map(([from, to, kind], i) => ({ id: i + 1, from: String(from), to: String(to), kind, strength: 0.5, notes: "" })),
    engagements: [], undo: null, redo: null, undo_layout: null, redo_layout: null,
  };
}


/** An edit's answer that changes nothing of `map` but the records given in `d` and the head's
 *  fields given in `head`. */
export function deltaOf(map: MapView, d: Partial<Omit<MapDelta, "head">>, head: Partial<MapHead> = {}): MapDelta {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the lists are left out: the rest is the head
  const { path, functions, departments, people, ties, engagements, ...was } = map;
  return {
    head: { ...was, ...head },
    people: [], people_removed: [], ties: [], ties_removed: [], departments: [], departments_removed: [],
    engagements: [], engagements_removed: [], ...d,
  };
}
