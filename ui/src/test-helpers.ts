// Small maps for the unit tests.
import type { MapView, Person } from "./bindings";

export function person(id: number, name: string, extra: Partial<Person> = {}): Person {
  return {
    id, key: name, name, title: "", department: null, stance: "neutral", power: 3, interest: 3,
    decision_maker: false, tags: [], notes: "", attributes: {}, position: null, ...extra,
  };
}

export function mapOf(people: Person[], ties: [number, number, string][] = []): MapView {
  return {
    path: "/tmp/t.advocate", name: "Test", read_only: false, encrypted: false, initiative: "", audience: { people: [], department: null },
    home: { people: [], department: null }, kinds: [{ name: "peer", default_strength: 0.23, dash: "4 3" }, { name: "line manager", default_strength: 0.55, dash: null }],
    departments: [{ id: 1, name: "Finance", parent: null, colour: null, position: null }, { id: 2, name: "IT", parent: null, colour: "#123456", position: null }],
    people, ties: ties.map(([from, to, kind], i) => ({ id: i + 1, from, to, kind, strength: 0.5, notes: "" })),
    engagements: [], undo: null, redo: null,
  };
}

