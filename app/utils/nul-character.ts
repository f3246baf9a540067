// PostgreSQL text cannot hold the NUL character (U+0000): a value carrying
// one fails deep in a query. Procedures refuse such input up front (see the
// base procedure in trpc.server.ts); public website forms drop the character
// instead, so a lead is never lost to it. Browser-safe.

/** The path of the first string in `value` holding a NUL character ("" for the value itself), or null. */
export function findNulCharacter(value: unknown, path: readonly (string | number)[] = []): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNulCharacter(item, [...path, index]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found = findNulCharacter(key, [...path, key]) ?? findNulCharacter(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

/** The same fields with every NUL character removed. */
export function withoutNulCharacters(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key.replaceAll("\u0000", ""), value.replaceAll("\u0000", "")]));
}
