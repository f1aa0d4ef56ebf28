// Saved views and Present mode, the window's side: what "Save view" captures from the window
// (the highlight shown, as a view keeps it), how a highlight reads in a sentence, which key
// moves a presentation where, and what the canvas emphasises for a view the core resolved.
// The core decides what a highlight picks out (`show_view`), as it does for the deck.
import type { Highlight, MapView, PersonKey, Shown, Stance, ViewLayout } from "../bindings";
import type { Filters, Layout } from "./drawing";

/** The highlight the window shows, as a saved view keeps it: the path or board last found while
 *  it is still highlighted, else the stances the filters keep, else none. */
export function captureHighlight(state: {
  highlight: { people: string[] } | null;
  shownHighlight: Highlight<PersonKey>;
  filters: Filters;
}): Highlight<PersonKey> {
  if (state.highlight && state.shownHighlight.kind !== "none") return state.shownHighlight;
  if (state.filters.stances.length > 0) return { kind: "stances", stances: [...state.filters.stances] };
  return { kind: "none" };
}

const plural: Record<Stance, string> = {
  champion: "champions", supporter: "supporters", neutral: "neutrals", sceptic: "sceptics", blocker: "blockers",
};

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** A highlight in words, people by name. */
export function describeHighlight(h: Highlight<PersonKey>, map: MapView | null): string {
  const name = (key: string) => map?.people.find((p) => p.key === key)?.name ?? key;
  switch (h.kind) {
    case "none": return "no highlight";
    case "path": return `the best path from ${h.from ? name(h.from) : "the home team"} to ${name(h.to)}`;
    case "board": return `the board of ${h.size}${h.include_audience ? ", audience included" : ""}${h.balanced ? ", seats first" : ""}`;
    case "stances": return `the ${joinWords(h.stances.map((s) => plural[s]))}`;
  }
}

/** The layout names the window and the map file share. */
export function asViewLayout(l: Layout): ViewLayout {
  return l;
}

/** Where a key press moves a presentation of `count` views from `index`: a new index, "leave",
 *  or null for a key Present mode does not use. */
export function presentStep(key: string, index: number, count: number): number | "leave" | null {
  switch (key) {
    case "ArrowRight": case "ArrowDown": case "PageDown": case " ": case "Enter":
      return Math.min(index + 1, count - 1);
    case "ArrowLeft": case "ArrowUp": case "PageUp": case "Backspace":
      return Math.max(index - 1, 0);
    case "Home": return 0;
    case "End": return Math.max(count - 1, 0);
    case "Escape": return "leave";
  }
  return null;
}

/** What the canvas emphasises for a view: the chain's people and the ties between consecutive
 *  ones, the board (ringed in the board's colour), or the people of the stances (no ring,
 *  as on the deck's slide). Null: nothing highlighted. */
export function emphasisOf(shown: Shown, map: MapView): { people: string[]; ties: number[]; board: string[]; plain: boolean } | null {
  if (shown.path.length > 0) {
    const steps = new Set(shown.path.slice(1).map((to, i) => `${shown.path[i]}\u0000${to}`));
    const ties = map.ties.filter((t) => steps.has(`${t.from}\u0000${t.to}`)).map((t) => t.id);
    return { people: [...shown.path], ties, board: [], plain: false };
  }
  // A board is shown with the audience it is chosen to reach, named beside it (not ringed).
  if (shown.board.length > 0) {
    const people = [...shown.board, ...map.audience_members.filter((a) => !shown.board.includes(a))];
    return { people, ties: [], board: [...shown.board], plain: false };
  }
  if (shown.people.length > 0) return { people: [...shown.people], ties: [], board: [], plain: true };
  return null;
}
