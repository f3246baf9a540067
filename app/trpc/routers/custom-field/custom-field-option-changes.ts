// Works out what an edit of a single-choice field's options means for the
// values contacts already hold: which options were renamed (their values carry
// over), which were removed, and the new list in its new order.
import type { CustomFieldOptionRow } from "~/trpc/routers/custom-field/update.schema";

export type OptionRename = { from: string; to: string };

export type OptionChanges =
  | { ok: true; options: string[]; renames: OptionRename[]; removed: string[] }
  /** A row names an option the field no longer has: someone else changed it meanwhile. */
  | { ok: false; stale: string };

export function planOptionChanges(current: readonly string[], rows: readonly CustomFieldOptionRow[]): OptionChanges {
  const existing = new Set(current);
  const claimed = new Set<string>();
  for (const row of rows) {
    if (row.from === null) continue;
    if (!existing.has(row.from)) return { ok: false, stale: row.from };
    claimed.add(row.from);
  }
  // A new row spelled like a removed option (in any case) is that option kept, not a new one.
  const unclaimed = new Map(current.filter((option) => !claimed.has(option)).map((option) => [option.toLowerCase(), option]));
  const resolved = rows.map((row) => {
    if (row.from !== null) return row;
    const original = unclaimed.get(row.name.toLowerCase());
    if (original === undefined) return row;
    unclaimed.delete(row.name.toLowerCase());
    return { ...row, from: original };
  });
  return {
    ok: true,
    options: resolved.map((row) => row.name),
    renames: resolved
      .filter((row): row is { from: string; name: string } => row.from !== null && row.from !== row.name)
      .map((row) => ({ from: row.from, to: row.name })),
    removed: [...unclaimed.values()],
  };
}
