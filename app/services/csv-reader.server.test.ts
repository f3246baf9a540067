import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import {
  chunksOf,
  CsvFileError,
  csvReadCounters,
  normalizeCsvEncoding,
  NOT_TEXT_MESSAGE,
  parseCsvRecords,
  scanCsv,
  summarizeCsv,
} from "~/services/csv-reader.server";

const PARSE_OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: true };

async function records(content: Buffer, chunkSize: number, encoding: "utf-8" | "windows-1252" = "utf-8") {
  const cells: string[][] = [];
  for await (const record of parseCsvRecords(chunksOf(content, chunkSize), ",", encoding)) cells.push(record.cells);
  return cells;
}

/** A Windows-1252 file as Excel's plain "CSV (Comma delimited)" writes it: José, Müller, €, “smart quotes”. */
const WINDOWS_1252 = Buffer.from([
  ...Buffer.from("Name,Phone,Notes\r\nJos"), 0xe9, ...Buffer.from(" M"), 0xfc, ...Buffer.from("ller,9876543210,"),
  ...Buffer.from('"Paid '), 0x80, ...Buffer.from("500, said "), 0x93, ...Buffer.from("call me"), 0x94, ...Buffer.from('"\r\n'),
]);

describe("encodings", () => {
  test("a Windows-1252 file from Excel is read as Windows-1252: José, Müller, € and smart quotes arrive intact", async () => {
    const file = normalizeCsvEncoding(WINDOWS_1252);
    expect(file.encoding).toBe("windows-1252");
    expect(await records(file.content, 7, "windows-1252")).toEqual([
      ["Name", "Phone", "Notes"],
      ["José Müller", "9876543210", "Paid €500, said “call me”"],
    ]);
  });

  test("UTF-8 with and without BOM, UTF-16 with BOM; NUL bytes (binary, UTF-16 without BOM) are refused", () => {
    expect(normalizeCsvEncoding(Buffer.from("a,b\nअनुज,1\n")).encoding).toBe("utf-8");
    const withBom = normalizeCsvEncoding(Buffer.from("\uFEFFa,b\n", "utf8"));
    expect([withBom.encoding, withBom.content.toString("utf8")]).toEqual(["utf-8-bom", "a,b\n"]);
    const utf16 = normalizeCsvEncoding(Buffer.from("\uFEFFa,b\nअनुज,1\n", "utf16le"));
    expect([utf16.encoding, utf16.content.toString("utf8")]).toEqual(["utf-16le", "a,b\nअनुज,1\n"]);
    expect(() => normalizeCsvEncoding(Buffer.from("a,b\n", "utf16le"))).toThrow(NOT_TEXT_MESSAGE);
  });

  test("a multi-byte character split between two pieces of the file is read whole", async () => {
    const content = Buffer.from("name,city\nअनुज,पुणे\n");
    for (const size of [1, 2, 3, 5]) expect(await records(content, size)).toEqual([["name", "city"], ["अनुज", "पुणे"]]);
  });
});

describe("scanCsv: counting rows without parsing them", () => {
  test.each([
    ["plain LF", "a,b\n1,2\n3,4\n"],
    ["CRLF, no final line end", "a,b\r\n1,2\r\n3,4"],
    ["old Mac CR", "a,b\r1,2\r3,4\r"],
    ["empty lines are skipped", "a,b\n\n1,2\n\n\n3,4\n\n"],
    ["line breaks, delimiters and doubled quotes inside quotes", 'a,b\n"1\n2, ""x""",2\n"3\r\n4",5\n'],
    ["a quote inside an unquoted field is an ordinary character", 'a,b\nPriya "PJ" Sharma,2\n5" screen,3\n'],
    ["text after a closing quote", 'a,b\n"Asha" Rao,1\n2,3\n'],
    ['a quoted empty field makes a record: ""', 'a\n""\n\n1\n'],
    ["a line of commas is a record", "a,b\n,\n1,2\n"],
  ])("%s: the same count as csv-parse", (_label, text) => {
    const content = Buffer.from(text);
    const expected = (parse(content, PARSE_OPTIONS) as string[][]).length;
    expect(scanCsv(content, ",")).toEqual({ records: expected, problem: null });
  });

  test("agrees with csv-parse on thousands of random files of quotes, delimiters and line ends", () => {
    const pieces = ["a", ",", '"', '""', "\n", "\r\n", "\r", " "];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let i = 0; i < 2_000; i += 1) {
      const text = Array.from({ length: Math.floor(random() * 16) }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      const content = Buffer.from(text);
      const scan = scanCsv(content, ",");
      let expected: number | "error";
      try {
        expected = (parse(content, PARSE_OPTIONS) as string[][]).length;
      } catch {
        expected = "error";
      }
      expect(expected === "error" ? Boolean(scan.problem) : scan, JSON.stringify(text)).toEqual(
        expected === "error" ? true : { records: expected, problem: null },
      );
    }
  });

  test.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("a quote opened on line 4 and never closed is reported on line 4 (%s)", (_label, eol) => {
    // Line 2 holds a quoted field with a line break in it, so the quote on line 4 opens the third record.
    const text = ["name,phone", '"Ravi', 'Kumar",9876543211', '"Meera,9876543212', "Dev,9876543213", ""].join(eol);
    expect(scanCsv(Buffer.from(text), ",").problem).toBe(
      "The file isn't valid CSV: the quoted field that opens on line 4 is never closed (a \" is missing).",
    );
  });

  test("a row longer than a million bytes is reported with the line it starts on", () => {
    const text = `name,notes\nAsha,short\nRavi,${"x".repeat(1_000_001)}\nDev,short\n`;
    expect(scanCsv(Buffer.from(text), ",").problem).toMatch(/the row starting on line 3 is far too long/);
  });
});

describe("summarizeCsv", () => {
  test("parses only the header of a large file; the rows are counted by the scan", async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `Person ${i},98765${String(i).padStart(5, "0")},"note, with a comma"`);
    const content = Buffer.from(`name,phone,notes\n${rows.join("\n")}\n`);
    const before = { ...csvReadCounters };
    const summary = await summarizeCsv({ content, encoding: "utf-8" });
    expect(summary).toEqual({ delimiter: ",", headers: ["name", "phone", "notes"], totalRows: 40_000 });
    expect(csvReadCounters.records - before.records).toBe(1);
    expect(csvReadCounters.bytes - before.bytes).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  test("an unclosed quote is refused at upload, naming its line", async () => {
    const content = Buffer.from('name,phone\nAsha,1\nRavi,2\n"Meera,3\nDev,4\n');
    await expect(summarizeCsv({ content, encoding: "utf-8" })).rejects.toThrow(CsvFileError);
    await expect(summarizeCsv({ content, encoding: "utf-8" })).rejects.toThrow(/opens on line 4 is never closed/);
  });
});
