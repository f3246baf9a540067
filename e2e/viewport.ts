// "Nothing is wider than the phone": the page doesn't scroll sideways, and when
// it does, the failure names the elements that stick out past the screen's edge.
import type { Locator, Page } from "@playwright/test";
import { expect } from "./fixtures";

type Offender = { element: string; left: number; right: number };

/** Elements whose box reaches past the screen's right (or left) edge, innermost first. */
function elementsPastTheEdge(width: number): Offender[] {
  const clipsSideways = (element: Element) => {
    const style = getComputedStyle(element);
    return style.overflowX !== "visible" || style.display === "none";
  };
  // An element inside a box that scrolls or clips sideways doesn't widen the page by itself,
  // and a fixed one (a toast) is as wide as the widened page because of the others.
  const clippedByAncestor = (element: Element) => {
    for (let parent: Element | null = element; parent && parent !== document.body; parent = parent.parentElement) {
      if (parent !== element && clipsSideways(parent)) return true;
      if (getComputedStyle(parent).position === "fixed") return true;
    }
    return false;
  };
  const sticksOut = (element: Element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5);
  };
  const describe = (element: Element) => {
    const name =
      element.getAttribute("aria-label") ??
      (element.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 60);
    const id = element.id ? `#${element.id}` : "";
    return `<${element.tagName.toLowerCase()}${id}> "${name}"`;
  };
  const offenders = Array.from(document.body.querySelectorAll("*")).filter((element) => sticksOut(element) && !clippedByAncestor(element));
  // The innermost ones are the culprits; their ancestors only stick out because of them.
  const innermost = offenders.filter((element) => !offenders.some((other) => other !== element && element.contains(other)));
  return innermost.slice(0, 8).map((element) => {
    const box = element.getBoundingClientRect();
    return { element: describe(element), left: Math.round(box.left), right: Math.round(box.right) };
  });
}

/**
 * Asserts the page is no wider than the screen (document.scrollWidth ≤ innerWidth, and
 * innerWidth is the viewport's width: a phone browser widens its layout viewport to fit
 * content that is too wide, so innerWidth alone would grow with the page). On failure
 * the message lists the elements that reach past the edge, by name.
 */
export async function expectNothingWiderThanViewport(page: Page, where = page.url()) {
  const screen = page.viewportSize()?.width;
  if (!screen) throw new Error("expectNothingWiderThanViewport needs a page with a fixed viewport");
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  const widest = Math.max(scrollWidth, innerWidth);
  const offenders = widest > screen ? await page.evaluate(elementsPastTheEdge, screen) : [];
  const list = offenders.map((offender) => `  ${offender.element} spans ${offender.left}–${offender.right} px`).join("\n");
  expect(
    widest,
    `${where} is ${widest} px wide on a ${screen} px screen; past the edge:\n${list || "  (no single element found)"}`,
  ).toBeLessThanOrEqual(screen);
}

/** How many lines an element's text takes on screen (a value squeezed into a narrow column takes many). */
export async function linesOfText(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size;
  });
}
