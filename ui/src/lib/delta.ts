// Applying an edit's answer: the core sends what changed (records upserted and removed, and the
// map's head: its small fields), and the window's copy of the map is patched with it rather than replaced.
// Records keep their order; new ones go at the end. No rule here: the core decided what changed.
import type { MapDelta, MapView } from "../bindings";

/** `list` with the records whose key is in `removed` taken out and `upserts` put in (in place of
 *  the record with the same key, else at the end). The same array when nothing changes. */
export function patchList<T, K>(list: T[], keyOf: (t: T) => K, upserts: T[], removed: K[]): T[] {
  if (upserts.length === 0 && removed.length === 0) return list;
  const gone = new Set(removed);
  const fresh = new Map(upserts.map((u) => [keyOf(u), u]));
  const out: T[] = [];
  for (const x of list) {
    const k = keyOf(x);
    const u = fresh.get(k);
    if (u !== undefined) {
      out.push(u);
      fresh.delete(k);
    } else if (!gone.has(k)) out.push(x);
  }
  for (const u of fresh.values()) out.push(u);
  return out;
}

/** The map as it is after the edit `delta` describes. */
export function applyDelta(map: MapView, d: MapDelta): MapView {
  return {
    ...map,
    ...d.head,
    people: patchList(map.people, (p) => p.key, d.people, d.people_removed),
    ties: patchList(map.ties, (t) => t.id, d.ties, d.ties_removed),
    departments: patchList(map.departments, (x) => x.id, d.departments, d.departments_removed),
    engagements: patchList(map.engagements, (e) => e.id, d.engagements, d.engagements_removed),
  };
}
