// The two ways leads-export writes a million contacts as CSV: the app's
// exportContactsCsv (COPY … TO STDOUT on a pooled connection), and the
// baseline, a plain `pg` cursor (DECLARE … FETCH 10000) over the same columns
// with a simple join, each row joined into a CSV line in JavaScript.
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import pg from "pg";

export type ExportMode = "app" | "pg";

export async function exportViaApp(
  databaseUrl: string,
  scope: { organizationId: string; userId: string },
  writable: Writable,
): Promise<number> {
  const { exportContactsCsv } = await import("../../app/services/contact-export.server");
  const { contactFilterSchema } = await import("../../app/domain/contact/contact-filter.schema");
  const { createPool } = await import("../../app/utils/pg-pool.server");
  const pool = createPool(databaseUrl, 1);
  try {
    const result = await exportContactsCsv(scope, contactFilterSchema.parse({}), writable, { pool });
    return result.rows;
  } finally {
    await pool.end();
  }
}

const HEADER = ["Name", "Phone", "Email", "Stage", "Temperature", "Score", "Source", "Owner email", "Tags", "Company", "Created at", "Last activity at"];

export function baselineSql(organizationId: string): string {
  const org = pg.escapeLiteral(organizationId);
  return `
SELECT c."name", c."phone", c."email", c."stage"::text, c."temperature"::text, c."score", c."source"::text,
       u."email" AS "ownerEmail", tg."tags", co."name" AS "company", c."createdAt", c."lastActivityAt"
  FROM "Contact" c
  LEFT JOIN "User" u ON u."id" = c."ownerId"
  LEFT JOIN "Company" co ON co."id" = c."companyId"
  LEFT JOIN (
    SELECT ct."contactId", string_agg(t."name", ';' ORDER BY t."name") AS "tags"
      FROM "ContactTag" ct JOIN "Tag" t ON t."id" = ct."tagId"
     WHERE ct."organizationId" = ${org}::uuid
     GROUP BY ct."contactId"
  ) tg ON tg."contactId" = c."id"
 WHERE c."organizationId" = ${org}::uuid`;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  const first = text.charCodeAt(0);
  // = + - @ tab CR: neutralized like the app does.
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const FETCH = 10_000;

export async function exportViaPgCursor(databaseUrl: string, organizationId: string, writable: Writable): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let rows = 0;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // A cursor is planned for its first rows by default; this one is read to the end.
    await client.query("SET LOCAL cursor_tuple_fraction = 1");
    await client.query(`DECLARE export_cursor NO SCROLL CURSOR FOR ${baselineSql(organizationId)}`);
    writable.write(`\uFEFF${HEADER.join(",")}\r\n`);
    for (;;) {
      const page = await client.query<unknown[]>({ text: `FETCH ${FETCH} FROM export_cursor`, rowMode: "array" });
      if (page.rows.length === 0) break;
      let text = "";
      for (const row of page.rows) text += `${row.map(cell).join(",")}\r\n`;
      rows += page.rows.length;
      if (!writable.write(text)) await new Promise((resolve) => writable.once("drain", resolve));
    }
    await client.query("COMMIT");
    writable.end();
    await finished(writable, { readable: false });
    return rows;
  } finally {
    await client.end().catch(() => {});
  }
}
