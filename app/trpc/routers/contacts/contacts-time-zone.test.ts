// "Last activity from / to" are days in the organization's own time zone: the
// list, the count and the CSV export agree on where a day starts.
import { Writable } from "node:stream";
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { callerFor } from "~/testing/caller";
import { contactListSchema } from "~/domain/contact/contact-filter.schema";
import { exportContactsCsv } from "~/services/contact-export.server";
import { createOrganization } from "../../../../prisma/factories";
import { createListContact } from "../../../../prisma/factories-contact-list";

async function organizationIn(timeZone: string, contacts: Array<[name: string, lastActivityAt: string]>) {
  const { organization, owner } = await createOrganization(prisma);
  await prisma.organization.update({ where: { id: organization.id }, data: { timezone: timeZone } });
  for (const [name, at] of contacts) {
    await createListContact(prisma, { organizationId: organization.id, name, lastActivityAt: new Date(at) });
  }
  const { caller } = await callerFor(owner, { organizationId: organization.id });
  const input = (filter: Record<string, unknown>) => contactListSchema.parse({ filter, perPage: 100, sort: "name", dir: "asc" });
  const names = async (filter: Record<string, unknown>) => {
    const list = await caller.contacts.list(input(filter));
    const { count } = await caller.contacts.count({ filter: input(filter).filter });
    expect(count, "count agrees with the list").toBe(list.total);
    return list.rows.map((row) => row.name);
  };
  const exported = async (filter: Record<string, unknown>) => {
    let text = "";
    const writable = new Writable({
      write(chunk, _encoding, done) {
        text += chunk.toString("utf8");
        done();
      },
    });
    await exportContactsCsv({ organizationId: organization.id, userId: owner.id }, input(filter).filter, writable, { sort: "name", dir: "asc" });
    const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    return { header: lines[0]!.split(",").slice(-1)[0], rows: lines.slice(1).map((line) => [line.split(",")[0], line.split(",").slice(-1)[0]]) };
  };
  return { names, exported };
}

describe("activeFrom / activeTo in India", () => {
  test("23:59 IST belongs to its day, 00:01 IST to the next, in the list, the count and the export", async () => {
    const org = await organizationIn("Asia/Kolkata", [
      ["Late Lata", "2026-11-10T18:29:00Z"], // 23:59 IST on the 10th
      ["Early Esha", "2026-11-10T18:31:00Z"], // 00:01 IST on the 11th (still the 10th in UTC)
    ]);
    expect(await org.names({ activeFrom: "2026-11-10", activeTo: "2026-11-10" })).toEqual(["Late Lata"]);
    expect(await org.names({ activeFrom: "2026-11-11", activeTo: "2026-11-11" })).toEqual(["Early Esha"]);
    expect(await org.names({ activeTo: "2026-11-10" })).toEqual(["Late Lata"]);
    expect(await org.exported({ activeFrom: "2026-11-11" })).toEqual({
      header: "Last activity at (Asia/Kolkata)",
      rows: [["Early Esha", "2026-11-11 00:01:00"]],
    });
    expect(await org.exported({ activeTo: "2026-11-10" })).toEqual({
      header: "Last activity at (Asia/Kolkata)",
      rows: [["Late Lata", "2026-11-10 23:59:00"]],
    });
  });
});

describe("activeFrom / activeTo in other zones", () => {
  test("New York: days follow New York's midnight on both sides of the autumn change", async () => {
    const org = await organizationIn("America/New_York", [
      ["Before Bina", "2026-11-01T03:59:00Z"], // 23:59 EDT on 31 Oct
      ["After Arun", "2026-11-01T04:01:00Z"], // 00:01 EDT on 1 Nov
      ["Late Lata", "2026-11-02T04:59:00Z"], // 23:59 EST on 1 Nov (the 25-hour day)
      ["Next Neha", "2026-11-02T05:01:00Z"], // 00:01 EST on 2 Nov
    ]);
    expect(await org.names({ activeFrom: "2026-11-01", activeTo: "2026-11-01" })).toEqual(["After Arun", "Late Lata"]);
    expect(await org.names({ activeTo: "2026-10-31" })).toEqual(["Before Bina"]);
    expect(await org.names({ activeFrom: "2026-11-02" })).toEqual(["Next Neha"]);
    expect(await org.exported({ activeFrom: "2026-11-01", activeTo: "2026-11-01" })).toEqual({
      header: "Last activity at (America/New_York)",
      rows: [
        ["After Arun", "2026-11-01 00:01:00"],
        ["Late Lata", "2026-11-01 23:59:00"],
      ],
    });
  });

  test("Dubai: the day is 20:00 to 20:00 UTC", async () => {
    const org = await organizationIn("Asia/Dubai", [
      ["Late Lata", "2026-11-10T19:59:00Z"],
      ["Early Esha", "2026-11-10T20:01:00Z"],
    ]);
    expect(await org.names({ activeFrom: "2026-11-10", activeTo: "2026-11-10" })).toEqual(["Late Lata"]);
    expect(await org.names({ activeFrom: "2026-11-11" })).toEqual(["Early Esha"]);
    expect(await org.exported({})).toEqual({
      header: "Last activity at (Asia/Dubai)",
      rows: [
        ["Early Esha", "2026-11-11 00:01:00"],
        ["Late Lata", "2026-11-10 23:59:00"],
      ],
    });
  });
});
