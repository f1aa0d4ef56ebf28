// An edit form that follows its record. The form is filled when another record is chosen, and
// again whenever this one changes under it (a merge, a sync, an undo, another window): a form
// left on the old values would save them back over the change. What the user has typed and not
// saved stays: the form then differs both from what it was last filled with and from the record.

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const NOTHING = Symbol("nothing");

export class Refill<T extends object> {
  private id: unknown = NOTHING;
  private shown: T | undefined;

  /** The values the form should now hold for record `id`, as `fresh` gives them, or null to
   *  leave it as it is: `typed` is what the form holds now (a plain snapshot). */
  next(id: unknown, fresh: T, typed: T): T | null {
    if (id === this.id && (same(fresh, this.shown) || (!same(typed, this.shown) && !same(typed, fresh)))) return null;
    this.id = id;
    this.shown = fresh;
    return { ...fresh };
  }

  /** The record's next values refill the form whatever it holds (after a save: the record as the
   *  core kept it). */
  forget() {
    this.id = NOTHING;
  }
}
