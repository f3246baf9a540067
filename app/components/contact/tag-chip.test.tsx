import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { TagChip } from "~/components/contact/tag-chip";
import { TagChip as ListTagChip } from "~/components/contacts/contact-badges";

/** The markup of the element that opens at `start` (a <span>), up to its own closing tag. */
function spanAt(html: string, start: number): string {
  const tag = /<span\b[^>]*>|<\/span>/g;
  tag.lastIndex = start;
  let depth = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    depth += match[0].startsWith("</") ? -1 : 1;
    if (depth === 0) return html.slice(start, tag.lastIndex);
  }
  throw new Error("unbalanced <span>");
}

const textOf = (html: string) => html.replace(/<[^>]+>/g, "");

/** What the chip's pill (the coloured, rounded part) reads. */
function pillText(html: string): string {
  const start = html.lastIndexOf("<span", html.indexOf("data-tag-source"));
  return textOf(spanAt(html, start));
}

describe("an AI-suggested tag", () => {
  const html = renderToStaticMarkup(<TagChip name="vip" color="violet" source="AI" confidence={0.92} />);

  test("the pill holds only the tag's name; 'AI 92%' sits beside it", () => {
    expect(pillText(html)).toBe("vip");
    expect(textOf(html)).toMatch(/^vipAI 92%/);
  });

  test("a screen reader hears what the mark means", () => {
    expect(textOf(html)).toContain("(suggested by AI, 92% confident)");
  });

  test("the contacts list shows the same chip", () => {
    const listHtml = renderToStaticMarkup(<ListTagChip tag={{ name: "vip", color: "violet", source: "AI", confidence: 0.92 }} />);
    expect(pillText(listHtml)).toBe("vip");
    expect(textOf(listHtml)).toMatch(/^vipAI 92%/);
  });
});

test("a tag added by hand has no AI mark", () => {
  const html = renderToStaticMarkup(<TagChip name="vip" color="violet" />);
  expect(pillText(html)).toBe("vip");
  expect(textOf(html)).toBe("vip");
});
