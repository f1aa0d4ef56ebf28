// The window's state: the map as the core last sent it, the selection, the view settings and
// the message shown when a command fails. Every change to the map goes through a command; the
// answer (what an edit changed, or the map as it now is, or a readable error) updates what is
// shown: an edit's change is applied to the map held here (`lastEdit` tells the canvas what it
// was, so that it redraws only that).
import { commands, type Edited, type Highlight, type Locked, type MapDelta, type MapView, type PersonKey, type Region, type Stance } from "../bindings";
import { applyDelta } from "./delta";
import { rememberLayout } from "./layouts";
import { NO_FILTERS, type Filters, type Layout, type SizeBy } from "./drawing";

/** How long a command runs before the buttons that wait for it say so. */
export const SLOW_MS = 300;

type Answer<T> = { status: "ok"; data: T } | { status: "error"; error: string };

/** What is selected. People by key, as everywhere in the window and on the wire. */
export type Selection =
  | { type: "none" }
  | { type: "people"; ids: string[] }
  | { type: "tie"; id: number }
  | { type: "department"; id: number };

class AppState {
  /** Raw (not deeply reactive): a new object after every command (an edit's change applied to
   *  the last one, or the map received whole). */
  map = $state.raw<MapView | null>(null);
  /** The latest edit: the map it applied to, the map it gave and what changed; null once a map
   *  is received whole. The canvas patches its drawing with it instead of drawing all again. */
  lastEdit = $state.raw<{ before: MapView; after: MapView; delta: MapDelta } | null>(null);
  error = $state<string | null>(null);
  info = $state<string | null>(null);
  /** A command runs: a form's second submit meanwhile is ignored (not reactive: see `slow`). */
  busy = false;
  /**
   * A command has run for longer than `SLOW_MS`: the Save button shows that it waits. Most
   * edits answer within tens of milliseconds, and a button dimmed and lit again that quickly is
   * a flicker, and a frame the display must composite before the edit's own.
   */
  slow = $state(false);
  private slowTimer: ReturnType<typeof setTimeout> | undefined;

  private begin() {
    this.busy = true;
    clearTimeout(this.slowTimer);
    this.slowTimer = setTimeout(() => (this.slow = true), SLOW_MS);
  }

  private end() {
    this.busy = false;
    clearTimeout(this.slowTimer);
    this.slow = false;
  }
  selection = $state<Selection>({ type: "none" });
  filters = $state<Filters>({ ...NO_FILTERS });
  sizeBy = $state<SizeBy>("power");
  layout = $state<Layout>("force");
  view = $state<"network" | "list">("network");
  /** People (by key) and ties (by row) drawn emphasised (a search match and its neighbours, a path).
   *  `plain`: without the path's ring (a saved view's stances). */
  highlight = $state<{ people: string[]; ties: number[]; plain?: boolean } | null>(null);
  /** The path or board last found, as a saved view keeps it, while it is highlighted. */
  shownHighlight = $state<Highlight<PersonKey>>({ kind: "none" });
  /** A region of the map (map coordinates) the canvas should show, asked for by Present mode;
   *  none: the whole map. Bumped `n` asks again. */
  regionRequest = $state<{ region: Region | null; n: number }>({ region: null, n: 0 });
  /** Whether the caption strip of "Save view" is open. */
  savingView = $state(false);
  /** While Present mode is on, the window shows only the canvas and the slide's caption. */
  presenting = $state(false);
  /** The map shown as it stood at the end of a past date (the Plan tab's "as of"): each
   *  person's stance then, by key (null: not yet recorded then); null shows today's. */
  asOf = $state.raw<{ date: string; stances: Map<string, Stance | null>; changed: number } | null>(null);
  /** The chain of introductions and the board last shown (people by key), for an export to
   *  highlight. */
  shownPath = $state<string[]>([]);
  /** The part of the map the canvas shows (map coordinates), when a WebGL canvas is up. */
  viewport = $state.raw<(() => { x0: number; y0: number; x1: number; y1: number }) | null>(null);
  shownBoard = $state<string[]>([]);
  /** A person (by key) the canvas should bring into view. */
  focus = $state<string | null>(null);
  /** Bumped to ask the canvas to fit the whole map in view. */
  fitRequest = $state(0);
  /** Bumped to ask the canvas to lay the map out again with `layout`. */
  layoutRequest = $state(0);
  /** Bumped when a map opens as the grid: the canvas draws the quadrants' frames, moving nobody. */
  gridFramesRequest = $state(0);
  /** On a big map, the departments drawn person by person (double-click toggles). */
  expanded = $state.raw<Set<number>>(new Set());
  /** Two people joined by a modifier-drag on the canvas: the tie form opens for them. */
  tieDraft = $state<{ from: string; to: string } | null>(null);
  /** Influence PageRank (against the ties: whose word spreads) by person key, once the core's metrics have run (for sizing by influence). */
  influence = $state.raw<Map<string, number> | null>(null);
  /** Which tab of the right column is showing. */
  tab = $state<"details" | "advocates" | "path" | "board" | "stand" | "whatif" | "metrics" | "plan" | "views" | "history">("details");
  /** What the side panel shows when nothing on the canvas is selected. */
  panel = $state<"none" | "newPerson" | "newTie" | "departments">("none");
  showHelp = $state(false);
  dialog = $state<null | "import" | "new" | "export" | "passphrase">(null);
  /** The encrypted map whose passphrase the prompt asks for (the prompt shows while set). */
  unlock = $state<Locked | null>(null);
  /** The encrypted map that was to open at start, while no map is open (Cancel keeps it). */
  waiting = $state<Locked | null>(null);

  selectedPeople = $derived(this.selection.type === "people" ? this.selection.ids : []);

  /** Runs a command; on success shows what it answers with (an edit's change, or the whole map),
   *  else its message. */
  async apply(call: Promise<Answer<MapView | Edited>>, done?: string): Promise<boolean> {
    this.begin();
    try {
      const answer = await call;
      if (answer.status === "ok") {
        this.show(answer.data);
        this.error = null;
        if (done) this.info = done;
        return true;
      }
      this.error = answer.error;
      return false;
    } catch (e) {
      this.error = describe(e);
      return false;
    } finally {
      this.end();
    }
  }

  /** The latest click awaiting its frame (see `clickMark`). */
  private click: string | null = null;

  /**
   * Marks a click (`NAME-click`) whose effect the canvas measures to the next frame it draws
   * after taking the change (`click-to-frame:NAME`): saving a person, selecting one.
   */
  clickMark(name: string) {
    performance.mark(`${name}-click`);
    this.click = name;
  }

  /** The click awaiting its frame, once (the canvas takes it when its graph has the change). */
  takeClick(): string | null {
    const c = this.click;
    this.click = null;
    return c;
  }

  /** Runs a command that answers with something other than the map. */
  async ask<T>(call: Promise<Answer<T>>): Promise<T | null> {
    try {
      const answer = await call;
      if (answer.status === "ok") return answer.data;
      this.error = answer.error;
      return null;
    } catch (e) {
      this.error = describe(e);
      return null;
    }
  }

  /** Shows a command's answer: an edit's change applied to the map shown, or a whole map. */
  show(answer: MapView | Edited) {
    if (!("answer" in answer)) this.setMap(answer);
    else if (answer.answer === "whole") this.setMap(answer.map);
    else if (this.map) {
      const before = this.map;
      const after = applyDelta(before, answer.delta);
      this.lastEdit = { before, after, delta: answer.delta };
      this.map = after;
      this.pruneSelection(after);
    }
  }

  /** Shows a map received whole. */
  setMap(map: MapView) {
    const before = this.map?.path;
    this.lastEdit = null;
    this.map = map;
    if (before !== map.path) {
      this.selection = { type: "none" };
      this.highlight = null;
      this.asOf = null;
      this.shownPath = [];
      this.shownBoard = [];
      this.shownHighlight = { kind: "none" };
      this.filters = { ...NO_FILTERS };
      this.expanded = new Set();
      this.influence = null;
    } else {
      this.pruneSelection(map);
    }
    setTitle(map);
  }

  private pruneSelection(map: MapView) {
    const s = this.selection;
    if (s.type === "people") {
      const present = new Set(map.people.map((p) => p.key));
      const ids = s.ids.filter((key) => present.has(key));
      if (ids.length !== s.ids.length) this.selection = ids.length ? { type: "people", ids } : { type: "none" };
    } else if (s.type === "tie" && !map.ties.some((t) => t.id === s.id)) {
      this.selection = { type: "none" };
    } else if (s.type === "department" && !map.departments.some((d) => d.id === s.id)) {
      this.selection = { type: "none" };
    }
  }

  async start() {
    performance.mark("start-asked");
    const s = await this.ask(commands.start());
    performance.mark("map-received");
    if (!s) return;
    if (s.map) this.setMap(s.map);
    if (s.notice) this.error = s.notice;
    if (s.locked) this.unlock = this.waiting = s.locked;
    await this.followChangesOnDisk();
  }

  /** When another program (the command line) changes the map's file, the app reads it again
   *  and says so: show the map as it now is, and the message. */
  private async followChangesOnDisk() {
    try {
      const { getCurrentWebviewWindow } = await import("@tauri-apps/api/webviewWindow");
      await getCurrentWebviewWindow().listen<string>("map-changed-on-disk", async (event) => {
        const s = await this.ask(commands.start());
        if (s?.map) this.setMap(s.map);
        this.info = event.payload;
      });
    } catch {
      // Outside Tauri (unit tests) there is no window to listen on.
    }
  }

  /**
   * Opens a map. An encrypted one answers with what the passphrase prompt shows (first without
   * a passphrase, then after a wrong one); the map that was open stays open meanwhile.
   */
  async open(path: string, passphrase: string | null = null): Promise<boolean> {
    this.begin();
    try {
      const answer = await this.ask(commands.openMap(path, passphrase));
      if (!answer) {
        this.unlock = null;
        return false;
      }
      if (answer.outcome === "needs_passphrase") {
        this.unlock = answer.locked;
        return false;
      }
      this.unlock = this.waiting = null;
      this.setMap(answer.map);
      this.error = null;
      this.info = `Opened ${answer.map.path}`;
      return true;
    } finally {
      this.end();
    }
  }

  /** Closes the passphrase prompt; the file is left as it was. */
  cancelUnlock() {
    this.unlock = null;
  }

  /** Highlights chains of introductions (each a list of people's keys) on the drawing, then
   *  fits the map in view unless `fit` is false. */
  highlightChains(chains: string[][], fit = true) {
    const map = this.map;
    if (!map) return;
    this.shownHighlight = { kind: "none" };
    // The ties of each step (a pair may be tied in several kinds: all are drawn emphasised).
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built here and only read
    const steps = new Map<string, number[]>();
    for (const t of map.ties) {
      const k = `${t.from}\u0000${t.to}`;
      steps.set(k, [...(steps.get(k) ?? []), t.id]);
    }
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built here and stored whole in raw state
    const people = new Set<string>();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built here and stored whole in raw state
    const ties = new Set<number>();
    for (const chain of chains) {
      chain.forEach((key) => people.add(key));
      for (let i = 1; i < chain.length; i++) {
        for (const t of steps.get(`${chain[i - 1]}\u0000${chain[i]}`) ?? []) ties.add(t);
      }
    }
    this.highlight = { people: [...people], ties: [...ties] };
    if (fit) this.fitRequest++;
  }

  /** Draws a department person by person, or as one node again. */
  toggleDepartment(id: number) {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built here and stored whole in raw state
    const next = new Set(this.expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.expanded = next;
  }

  async undo() {
    const map = this.map;
    if (map?.undo && (await this.apply(commands.undo(), `Undone: ${map.undo}`))) this.follow(map.path, map.undo_layout);
  }
  async redo() {
    const map = this.map;
    if (map?.redo && (await this.apply(commands.redo(), `Redone: ${map.redo}`))) this.follow(map.path, map.redo_layout);
  }

  /** After an undo or redo of a layout's move, the layout menu and the layout kept for the map
   *  follow the places on screen: `layout` is the one the core says they are in now (null: the
   *  step was not a layout's, and nothing changes). */
  private follow(path: string, layout: Layout | null) {
    if (layout === null || this.map?.path !== path) return;
    rememberLayout(path, layout);
    this.layout = layout;
    if (layout === "grid") this.gridFramesRequest++;
  }
}

/** A readable message from whatever a failed call threw. */
export function describe(e: unknown): string {
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  try {
    return JSON.stringify(e);
  } catch {
    return String(e);
  }
}

/** The window's title: the map's file name (as in the file manager), then the app's. */
export function titleOf(map: MapView): string {
  const file = map.path.split(/[\\/]/).pop() || map.name;
  return `${file} — Advocate`;
}

async function setTitle(map: MapView) {
  const title = titleOf(map);
  document.title = title;
  try {
    const { getCurrentWindow } = await import("@tauri-apps/api/window");
    await getCurrentWindow().setTitle(title);
  } catch {
    // Outside Tauri (unit tests) there is no window to name.
  }
}

export const app = new AppState();
