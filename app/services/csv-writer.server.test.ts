import { describe, expect, test } from "vitest";
import { parse } from "csv-parse/sync";
import { csvCell, csvRow, stripFormulaGuard } from "~/services/csv-writer.server";

describe("csvCell / csvRow (RFC 4180)", () => {
  test("quotes only fields with a comma, quote or line break, doubling quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("Sharma, Priya")).toBe('"Sharma, Priya"');
    expect(csvCell('Priya "PJ" Sharma')).toBe('"Priya ""PJ"" Sharma"');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("carriage\r\nreturn")).toBe('"carriage\r\nreturn"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
    expect(csvRow(["a", "b,c", ""])).toBe('a,"b,c",\r\n');
  });

  test("neutralizes formulas: =, +, -, @, tab and carriage return get a leading quote", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell("+919876543210")).toBe("'+919876543210");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\rcmd")).toBe(`"'\rcmd"`);
    expect(csvCell("a=b")).toBe("a=b");
  });

  test("a row parses back to the same values (with the guard removed again)", () => {
    const values = ["Sharma, \"PJ\"\nPriya", "+919876543210", "=1+1", "नमस्ते", "'quoted already"];
    const [parsed] = parse(csvRow(values)) as string[][];
    expect(parsed!.map(stripFormulaGuard)).toEqual(values);
  });

  test("stripFormulaGuard removes only the quote that the export added", () => {
    expect(stripFormulaGuard("'+919876543210")).toBe("+919876543210");
    expect(stripFormulaGuard("'=A1")).toBe("=A1");
    expect(stripFormulaGuard("'hello")).toBe("'hello");
    expect(stripFormulaGuard("'")).toBe("'");
    expect(stripFormulaGuard("O'Brien")).toBe("O'Brien");
  });
});
