// Working together, as the window shows it: the user's name (asked once), merging a colleague's
// copy (its passphrase, its conflicts decided in the window), the map's shared folder and Sync
// now. What a conflict is and how a decision is applied are the core's; this only carries the
// user's choices to it and the answers back.
import { commands, type CollabSettings, type Decisions, type Locked, type MergeReport, type SyncReport } from "../bindings";
import { app } from "./store.svelte";

/** No conflict decided: a merge that meets one stops and lists them. */
export const UNDECIDED: Decisions = { all: null, each: [] };

/** A merge (of a copy, or of the shared folder's edits) waiting for the user. */
export type Pending =
  | { from: "copy"; path: string; passphrase: string | null; report: MergeReport }
  | { from: "sync"; report: MergeReport };

/** A record as the core names it (a person by key), as the window shows it (by name). */
export function recordName(table: string, record: string): string {
  if (table !== "person") return record;
  return app.map?.people.find((p) => p.key === record)?.name ?? record;
}

/** What the merge or the sync brought in, in the user's words. */
export function summary(report: MergeReport): string {
  const edits = `${report.edits} edit${report.edits === 1 ? "" : "s"}`;
  if (report.edits === 0 && report.undone) return `Nothing new from ${report.source}: its edits were merged before and that merge was undone. Redo brings the merge back.`;
  if (report.edits === 0) return `Nothing new from ${report.source}: this map has seen all its edits.`;
  const decided = report.conflicts.length;
  const mine = report.conflicts.filter((c) => c.chosen === "mine").length;
  const parts = [`Merged ${edits} from ${report.source}`];
  if (decided) parts.push(`${decided} conflict${decided === 1 ? "" : "s"} decided (${mine} kept as in this map, ${decided - mine} taken from theirs)`);
  if (report.dropped.length) parts.push(`left out, as what they belong to was removed: ${report.dropped.join(", ")}`);
  return `${parts.join("; ")}. Undo takes the whole merge back.`;
}

class Together {
  settings = $state<CollabSettings | null>(null);
  /** Which of this part's dialogs shows. */
  dialog = $state<null | "merge" | "folder" | "name" | "synced">(null);
  /** The copy whose passphrase the merge dialog asks for. */
  locked = $state<Locked | null>(null);
  /** Conflicts waiting for decisions. */
  pending = $state.raw<Pending | null>(null);
  /** What the last sync did, for its dialog. */
  synced = $state.raw<SyncReport | null>(null);
  busy = $state(false);

  /** Reads the settings; the window asks for the user's name when it was never asked. */
  async load() {
    try {
      const answer = await commands.collabSettings();
      if (answer.status === "ok") this.settings = answer.data;
    } catch {
      // Outside Tauri (unit tests without this command) there are no settings to read.
    }
  }

  get askName(): boolean {
    return !!this.settings && this.settings.author === null;
  }

  async setName(name: string): Promise<boolean> {
    const s = await app.ask(commands.setAuthor(name));
    if (!s) return false;
    this.settings = s;
    if (s.author) app.info = `Your edits are now signed ${s.author}`;
    return true;
  }

  async setFolder(folder: string | null): Promise<boolean> {
    const s = await app.ask(commands.setSharedFolder(folder));
    if (!s) return false;
    this.settings = s;
    app.info = s.shared_folder ? `This map syncs through ${s.shared_folder}` : "This map no longer syncs through a shared folder";
    return true;
  }

  /** Merges a copy: asks for its passphrase, or for decisions, or shows the map merged. */
  async merge(path: string, passphrase: string | null = null, decisions: Decisions = UNDECIDED): Promise<boolean> {
    this.busy = true;
    try {
      const answer = await app.ask(commands.mergeCopy(path, passphrase, decisions));
      if (!answer) return false;
      app.error = null;
      if (answer.outcome === "needs_passphrase") {
        this.locked = answer.locked;
        return false;
      }
      this.locked = null;
      if (answer.outcome === "conflicts") {
        this.pending = { from: "copy", path, passphrase, report: answer.report };
        return false;
      }
      this.pending = null;
      this.dialog = null;
      app.setMap(answer.map);
      app.info = summary(answer.report);
      return true;
    } finally {
      this.busy = false;
    }
  }

  /** Exchanges edits with the shared folder; conflicts wait for decisions as a merge's do. */
  async sync(decisions: Decisions = UNDECIDED): Promise<boolean> {
    this.busy = true;
    try {
      const answer = await app.ask(commands.syncNow(decisions));
      if (!answer) return false;
      app.error = null;
      if (!answer.report.merge.merged) {
        this.pending = { from: "sync", report: answer.report.merge };
        this.synced = answer.report;
        return false;
      }
      this.pending = null;
      if (answer.map) app.setMap(answer.map);
      this.synced = answer.report;
      this.dialog = "synced";
      return true;
    } finally {
      this.busy = false;
    }
  }

  /** Sends the decisions for the pending conflicts. */
  decide(decisions: Decisions) {
    const p = this.pending;
    if (!p) return;
    if (p.from === "copy") return this.merge(p.path, p.passphrase, decisions);
    return this.sync(decisions);
  }

  cancel() {
    this.pending = null;
    this.locked = null;
    this.dialog = null;
  }
}

export const together = new Together();
