import { describe, expect, test } from "vitest";
import { checkFormOrigin, MAX_ALLOWED_ORIGINS, parseOriginList, toOrigin } from "~/utils/web-form-origin";

describe("toOrigin", () => {
  test.each([
    ["https://shop.example.in", "https://shop.example.in"],
    ["https://Shop.Example.IN/", "https://shop.example.in"],
    ["shop.example.in", "https://shop.example.in"],
    ["http://localhost:8080", "http://localhost:8080"],
    ["localhost:8080", "https://localhost:8080"],
    ["https://shop.example.in:443", "https://shop.example.in"],
    ["http://127.0.0.1:5500", "http://127.0.0.1:5500"],
    ["http://[::1]:5500", "http://[::1]:5500"],
    ["https://दुकान.भारत", "https://xn--11b7ah1gn.xn--h2brj9c"],
  ])("%s → %s", (entry, origin) => {
    expect(toOrigin(entry)).toBe(origin);
  });

  test.each([
    "https://shop.example.in/contact",
    "https://shop.example.in/?ref=x",
    "https://shop.example.in#form",
    "https://*.example.in",
    "ftp://shop.example.in",
    "javascript:alert(1)",
    "https://user:pass@shop.example.in",
    "shop",
    "https://intranet",
    "https://",
    "null",
    "",
  ])("%s is not a website origin", (entry) => {
    expect(toOrigin(entry)).toBeNull();
  });
});

describe("parseOriginList", () => {
  test("lines, commas or spaces; normalized and without repeats", () => {
    expect(parseOriginList("https://shop.example.in\n  www.example.in, https://SHOP.example.in/  http://localhost:3000\n")).toEqual({
      ok: true,
      origins: ["https://shop.example.in", "https://www.example.in", "http://localhost:3000"],
    });
    expect(parseOriginList("   ")).toEqual({ ok: true, origins: [] });
  });

  test("names the entry that isn't an origin", () => {
    expect(parseOriginList("https://shop.example.in\nhttps://shop.example.in/contact")).toEqual({
      ok: false,
      message: '"https://shop.example.in/contact" isn\'t a website address. Write it like https://www.example.in (no path).',
    });
  });

  test(`at most ${MAX_ALLOWED_ORIGINS}`, () => {
    const many = Array.from({ length: MAX_ALLOWED_ORIGINS + 1 }, (_, i) => `https://site${i}.example.in`).join("\n");
    expect(parseOriginList(many)).toEqual({ ok: false, message: `List at most ${MAX_ALLOWED_ORIGINS} websites.` });
  });
});

describe("checkFormOrigin", () => {
  test("no list: any website, answered with *", () => {
    expect(checkFormOrigin([], "https://anyone.example")).toEqual({ allowed: true, allowOrigin: "*" });
    expect(checkFormOrigin([], "null")).toEqual({ allowed: true, allowOrigin: "*" });
    expect(checkFormOrigin([], null)).toEqual({ allowed: true, allowOrigin: "*" });
  });

  test("a list: listed origins get themselves back, others are refused, requests without Origin pass", () => {
    const list = ["https://shop.example.in"];
    expect(checkFormOrigin(list, "https://shop.example.in")).toEqual({ allowed: true, allowOrigin: "https://shop.example.in" });
    expect(checkFormOrigin(list, "https://evil.example")).toEqual({ allowed: false, allowOrigin: null });
    expect(checkFormOrigin(list, "https://shop.example.in.evil.example")).toEqual({ allowed: false, allowOrigin: null });
    expect(checkFormOrigin(list, "null")).toEqual({ allowed: false, allowOrigin: null });
    expect(checkFormOrigin(list, null)).toEqual({ allowed: true, allowOrigin: null });
  });
});
