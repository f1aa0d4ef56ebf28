// Present mode: the map's saved views shown one after another, full-window, for a sponsor or
// a steering group. Each view's region, layout and highlight are put on the canvas as the
// window would show them (the highlight as the core resolves it, as for the deck's slides);
// leaving gives the window back as it was. The saved views themselves, and saving the window's
// view, are here too.
import { commands, type SavedView, type PersonKey, type Shown } from "../bindings";
import { app } from "./store.svelte";
import { NO_FILTERS, type Filters, type Layout } from "./drawing";
import { captureHighlight, emphasisOf } from "./views";

/** What the window showed before presenting, given back on leaving. */
interface Before {
  highlight: typeof app.highlight;
  shownBoard: string[];
  filters: Filters;
  layout: Layout;
  view: typeof app.view;
  asOf: typeof app.asOf;
}

class Presenter {
  /** The saved views, in their order, as last read. */
  views = $state<SavedView<PersonKey>[]>([]);
  /** The view shown while presenting (an index into `views`). */
  index = $state(0);
  /** What the view shown picks out today, from the core. */
  shown = $state<Shown | null>(null);
  private before: Before | null = null;
  /** The latest view asked for (an arrow pressed again before the last one came). */
  private asked = 0;

  /** Reads the saved views again (after every edit: an undo may bring one back). */
  async load() {
    if (!app.map) { this.views = []; return; }
    this.views = (await app.ask(commands.savedViews())) ?? [];
  }

  /** Saves the window's view: the part of the map the canvas shows, the layout and the
   *  highlight shown. */
  async save(caption: string): Promise<boolean> {
    const region = app.view === "network" ? app.viewport?.() ?? null : null;
    const highlight = captureHighlight(app);
    const ok = await app.apply(commands.saveView(caption.trim(), app.layout, region, highlight), `Saved view: ${caption.trim() || "untitled"}`);
    if (ok) await this.load();
    return ok;
  }

  async rename(key: string, caption: string) {
    if (await app.apply(commands.renameView(key, caption.trim()))) await this.load();
  }
  async move(key: string, to: number) {
    if (await app.apply(commands.moveView(key, to))) await this.load();
  }
  async remove(key: string) {
    const v = this.views.find((x) => x.key === key);
    if (await app.apply(commands.removeView(key), `Removed view: ${v?.caption || "untitled"} (Undo brings it back)`)) await this.load();
  }

  /** Starts presenting at view `from` (an index). */
  async start(from = 0) {
    await this.load();
    if (this.views.length === 0) { app.error = "There are no saved views to present: Save view (toolbar) keeps what the window shows."; return; }
    this.before = { highlight: app.highlight, shownBoard: app.shownBoard, filters: app.filters, layout: app.layout, view: app.view, asOf: app.asOf };
    app.selection = { type: "none" };
    // Views show the map as it is today.
    app.asOf = null;
    app.filters = { ...NO_FILTERS };
    app.view = "network";
    app.presenting = true;
    await fullscreen(true);
    await this.go(Math.min(Math.max(from, 0), this.views.length - 1));
  }

  /** Shows view `index`: its layout, its highlight and its region. */
  async go(index: number) {
    const view = this.views[index];
    if (!view || !app.presenting) return;
    this.index = index;
    const mine = ++this.asked;
    const shown = await app.ask(commands.showView(view.key));
    if (mine !== this.asked || !app.presenting || !shown || !app.map) return;
    this.shown = shown;
    app.layout = view.layout;
    const e = emphasisOf(shown, app.map);
    app.highlight = e ? { people: e.people, ties: e.ties, plain: e.plain } : null;
    app.shownBoard = e?.board ?? [];
    app.regionRequest = { region: view.region, n: app.regionRequest.n + 1 };
  }

  /** Leaves Present mode: the window as it was before. */
  async leave() {
    if (!app.presenting) return;
    app.presenting = false;
    this.asked++;
    this.shown = null;
    const b = this.before;
    if (b) {
      app.highlight = b.highlight;
      app.shownBoard = b.shownBoard;
      app.filters = b.filters;
      app.layout = b.layout;
      app.view = b.view;
      app.asOf = b.asOf;
    }
    this.before = null;
    await fullscreen(false);
    app.regionRequest = { region: null, n: app.regionRequest.n + 1 };
  }
}

/** The window full-screen (or not) while presenting; outside Tauri nothing happens. */
async function fullscreen(on: boolean) {
  try {
    const { getCurrentWindow } = await import("@tauri-apps/api/window");
    await getCurrentWindow().setFullscreen(on);
  } catch {
    // Outside Tauri (unit tests), or a window manager that refuses: the app still fills its
    // window with the slide.
  }
}

export const presenter = new Presenter();
