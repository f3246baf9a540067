// Drag and drop for the kanban boards, built on pointer events so it works the
// same with a mouse, a finger or a pen (HTML5 drag events never fire for touch).
//
// - Mouse: the drag starts once the pointer has moved a few pixels, so a click
//   on the card's link is still a click.
// - Touch and pen: the drag starts after a short press-and-hold; moving before
//   that is left to the browser, so swiping over cards still scrolls the page
//   and the board. Once a drag has started, the page no longer scrolls under
//   the finger.
// - A copy of the card follows the pointer, the column under it is reported as
//   `over`, and near the edges of the board (sideways) or of the window (up and
//   down) the view scrolls by itself.
// - Escape, or the browser taking the pointer away, cancels the drag.
//
// Items carry `data-drag-item`, columns `data-drop-column`; the drop reports the
// column and the index among the column's other items where the card landed.
// Keyboard users move cards with each card's stage selector (useFocusAfterMove
// keeps their focus on it when the card re-appears in another column).
import { useCallback, useEffect, useRef, useState, type CSSProperties, type DragEvent, type PointerEvent as ReactPointerEvent } from "react";

export type DropSpot = { column: string; index: number };

/** How far a mouse moves before a press becomes a drag (px). */
const MOUSE_THRESHOLD = 5;
/** How long a finger or pen holds still before a drag starts (ms). */
const LONG_PRESS_MS = 300;
/** How far a finger may wander during that hold before it counts as a scroll (px). */
const TOUCH_SLOP = 10;
/**
 * Distance from an edge where auto-scroll starts (px), and its top speed (px
 * per frame), on a wide screen. Both shrink with the scrolled area, so on a
 * 360 px phone the board does not rush past the column next to the one you
 * came from.
 */
const EDGE = 48;
const MAX_SPEED = 16;
const FULL_SPEED_WIDTH = 960;

/** Controls inside a card keep their own behaviour; pressing them never starts a drag. */
const INTERACTIVE = "button, select, input, textarea, label, option, [contenteditable]";

type Session = {
  pointerId: number;
  pointerType: string;
  itemId: string;
  source: HTMLElement;
  startX: number;
  startY: number;
  x: number;
  y: number;
  active: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  frame: number | null;
  ghost: HTMLElement | null;
  offsetX: number;
  offsetY: number;
  spot: DropSpot | null;
  cleanup: () => void;
};

export type DragItemProps = {
  "data-drag-item": string;
  "data-dragging"?: "true";
  "aria-roledescription"?: string;
  onPointerDown?: (event: ReactPointerEvent<HTMLElement>) => void;
  onDragStart?: (event: DragEvent<HTMLElement>) => void;
  style?: CSSProperties;
};

function sameSpot(a: DropSpot | null, b: DropSpot | null): boolean {
  return a === b || (a !== null && b !== null && a.column === b.column && a.index === b.index);
}

/** Scroll speed for a pointer `before` px from the start edge and `after` px from the end edge of an area `size` px long. */
export function edgeSpeed(before: number, after: number, size: number): number {
  const edge = Math.min(EDGE, size * 0.08);
  const top = Math.max(3, MAX_SPEED * Math.min(1, size / FULL_SPEED_WIDTH));
  if (before < edge) return -Math.ceil(top * (1 - Math.max(before, 0) / edge));
  if (after < edge) return Math.ceil(top * (1 - Math.max(after, 0) / edge));
  return 0;
}

/** The copy of the card that follows the pointer: looks like the card, is invisible to everything else. */
function makeGhost(source: HTMLElement): HTMLElement {
  const rect = source.getBoundingClientRect();
  const ghost = source.cloneNode(true) as HTMLElement;
  for (const element of [ghost, ...ghost.querySelectorAll<HTMLElement>("*")]) {
    element.removeAttribute("id");
    element.removeAttribute("data-drag-item");
    element.removeAttribute("aria-label");
    element.removeAttribute("aria-roledescription");
  }
  ghost.setAttribute("aria-hidden", "true");
  ghost.inert = true;
  Object.assign(ghost.style, {
    position: "fixed",
    top: "0",
    left: "0",
    margin: "0",
    width: `${rect.width}px`,
    height: `${rect.height}px`,
    boxSizing: "border-box",
    listStyle: "none",
    pointerEvents: "none",
    zIndex: "60",
    opacity: "0.92",
    boxShadow: "0 12px 28px rgba(15, 23, 42, 0.28)",
    willChange: "transform",
  });
  document.body.appendChild(ghost);
  return ghost;
}

function placeGhost(s: Session) {
  if (s.ghost) s.ghost.style.transform = `translate(${s.x - s.offsetX}px, ${s.y - s.offsetY}px) rotate(2deg)`;
}

export function useBoardDrag({ onDrop }: { onDrop: (itemId: string, spot: DropSpot) => void }) {
  const [draggingId, setDraggingId] = useState<string | null>(null);
  const [over, setOver] = useState<DropSpot | null>(null);
  const session = useRef<Session | null>(null);
  const board = useRef<HTMLElement | null>(null);
  const boardCleanup = useRef<(() => void) | null>(null);
  const dropHandler = useRef(onDrop);
  dropHandler.current = onDrop;

  const findSpot = useCallback((s: Session): DropSpot | null => {
    const column = document.elementFromPoint(s.x, s.y)?.closest<HTMLElement>("[data-drop-column]");
    if (!column || !board.current?.contains(column)) return null;
    let index = 0;
    for (const item of column.querySelectorAll<HTMLElement>("[data-drag-item]")) {
      if (item.dataset.dragItem === s.itemId) continue;
      const rect = item.getBoundingClientRect();
      if (rect.top + rect.height / 2 < s.y) index += 1;
    }
    return { column: column.dataset.dropColumn ?? "", index };
  }, []);

  const updateSpot = useCallback(
    (s: Session) => {
      const spot = findSpot(s);
      if (sameSpot(spot, s.spot)) return;
      s.spot = spot;
      setOver(spot);
    },
    [findSpot],
  );

  /** Ends the session: "drop" where the pointer is, "cancel" it, or cancel it while the button is still "held" (Escape). */
  const finish = useCallback((how: "drop" | "cancel" | "held") => {
    const s = session.current;
    if (!s) return;
    session.current = null;
    s.cleanup();
    if (s.timer !== null) clearTimeout(s.timer);
    if (s.frame !== null) cancelAnimationFrame(s.frame);
    if (!s.active) return;
    s.ghost?.remove();
    document.body.style.removeProperty("user-select");
    document.body.style.removeProperty("-webkit-user-select");
    if (s.source.hasPointerCapture?.(s.pointerId)) s.source.releasePointerCapture(s.pointerId);
    // The press that ended a drag is not also a click on the card's link.
    const swallow = (event: MouseEvent) => {
      event.preventDefault();
      event.stopPropagation();
    };
    const stopSwallowing = () => setTimeout(() => window.removeEventListener("click", swallow, { capture: true }), 0);
    window.addEventListener("click", swallow, { capture: true, once: true });
    if (how === "held") {
      const released = () => {
        window.removeEventListener("pointerup", released, { capture: true });
        window.removeEventListener("pointercancel", released, { capture: true });
        stopSwallowing();
      };
      window.addEventListener("pointerup", released, { capture: true });
      window.addEventListener("pointercancel", released, { capture: true });
    } else stopSwallowing();
    setDraggingId(null);
    setOver(null);
    if (how === "drop" && s.spot) dropHandler.current(s.itemId, s.spot);
  }, []);

  const autoScroll = useCallback(() => {
    const s = session.current;
    if (!s?.active) return;
    let scrolled = false;
    const element = board.current;
    if (element && element.scrollWidth > element.clientWidth) {
      const rect = element.getBoundingClientRect();
      if (s.y >= rect.top && s.y <= rect.bottom) {
        const dx = edgeSpeed(s.x - rect.left, rect.right - s.x, rect.width);
        const before = element.scrollLeft;
        if (dx) element.scrollLeft += dx;
        scrolled ||= element.scrollLeft !== before;
      }
    }
    const dy = edgeSpeed(s.y, window.innerHeight - s.y, window.innerHeight);
    if (dy) {
      const before = window.scrollY;
      window.scrollBy(0, dy);
      scrolled ||= window.scrollY !== before;
    }
    if (scrolled) updateSpot(s);
    s.frame = requestAnimationFrame(autoScroll);
  }, [updateSpot]);

  const activate = useCallback(
    (s: Session) => {
      s.active = true;
      s.timer = null;
      const rect = s.source.getBoundingClientRect();
      s.offsetX = Math.min(Math.max(s.startX - rect.left, 0), rect.width);
      s.offsetY = Math.min(Math.max(s.startY - rect.top, 0), rect.height);
      s.ghost = makeGhost(s.source);
      placeGhost(s);
      try {
        s.source.setPointerCapture(s.pointerId);
      } catch {
        // The pointer is already gone; the next pointerup or pointercancel ends the drag.
      }
      window.getSelection()?.removeAllRanges();
      document.body.style.setProperty("user-select", "none");
      document.body.style.setProperty("-webkit-user-select", "none");
      setDraggingId(s.itemId);
      updateSpot(s);
      s.frame = requestAnimationFrame(autoScroll);
    },
    [autoScroll, updateSpot],
  );

  const onPointerDown = useCallback(
    (event: ReactPointerEvent<HTMLElement>, itemId: string) => {
      if (session.current || !event.isPrimary) return;
      if (event.pointerType === "mouse" && event.button !== 0) return;
      if ((event.target as Element).closest(INTERACTIVE)) return;
      const touchLike = event.pointerType !== "mouse";
      const onMove = (move: PointerEvent) => {
        const s = session.current;
        if (!s || move.pointerId !== s.pointerId) return;
        s.x = move.clientX;
        s.y = move.clientY;
        if (!s.active) {
          const distance = Math.hypot(s.x - s.startX, s.y - s.startY);
          if (touchLike) {
            // Moving before the hold is over: the person is scrolling.
            if (distance > TOUCH_SLOP) finish("cancel");
            return;
          }
          if (distance < MOUSE_THRESHOLD) return;
          activate(s);
        }
        move.preventDefault();
        placeGhost(s);
        updateSpot(s);
      };
      const onUp = (up: PointerEvent) => {
        const s = session.current;
        if (!s || up.pointerId !== s.pointerId) return;
        s.x = up.clientX;
        s.y = up.clientY;
        if (s.active) updateSpot(s);
        finish("drop");
      };
      const onCancel = (cancel: PointerEvent) => {
        if (cancel.pointerId === session.current?.pointerId) finish("cancel");
      };
      const onKey = (key: KeyboardEvent) => {
        if (key.key === "Escape" && session.current?.active) {
          key.preventDefault();
          finish("held");
        }
      };
      const onBlur = () => finish("cancel");
      window.addEventListener("pointermove", onMove, { passive: false });
      window.addEventListener("pointerup", onUp);
      window.addEventListener("pointercancel", onCancel);
      window.addEventListener("keydown", onKey);
      window.addEventListener("blur", onBlur);
      const s: Session = {
        pointerId: event.pointerId,
        pointerType: event.pointerType,
        itemId,
        source: event.currentTarget,
        startX: event.clientX,
        startY: event.clientY,
        x: event.clientX,
        y: event.clientY,
        active: false,
        timer: null,
        frame: null,
        ghost: null,
        offsetX: 0,
        offsetY: 0,
        spot: null,
        cleanup: () => {
          window.removeEventListener("pointermove", onMove);
          window.removeEventListener("pointerup", onUp);
          window.removeEventListener("pointercancel", onCancel);
          window.removeEventListener("keydown", onKey);
          window.removeEventListener("blur", onBlur);
        },
      };
      session.current = s;
      if (touchLike) s.timer = setTimeout(() => session.current === s && activate(s), LONG_PRESS_MS);
    },
    [activate, finish, updateSpot],
  );

  // Registered by hand, not through React: the touchmove listener must be able
  // to cancel scrolling (React's are passive), and it only does so mid-drag.
  const boardRef = useCallback((element: HTMLElement | null) => {
    boardCleanup.current?.();
    boardCleanup.current = null;
    board.current = element;
    if (!element) return;
    const onTouchMove = (event: TouchEvent) => {
      if (session.current?.active && event.cancelable) event.preventDefault();
    };
    // A long press would otherwise open the link menu or select text.
    const onContextMenu = (event: Event) => {
      if (session.current && session.current.pointerType !== "mouse") event.preventDefault();
    };
    element.addEventListener("touchmove", onTouchMove, { passive: false });
    element.addEventListener("contextmenu", onContextMenu);
    boardCleanup.current = () => {
      element.removeEventListener("touchmove", onTouchMove);
      element.removeEventListener("contextmenu", onContextMenu);
    };
  }, []);

  useEffect(() => () => finish("cancel"), [finish]);

  const itemProps = (itemId: string, enabled: boolean): DragItemProps => {
    if (!enabled) return { "data-drag-item": itemId };
    return {
      "data-drag-item": itemId,
      "data-dragging": draggingId === itemId ? "true" : undefined,
      "aria-roledescription": "draggable card",
      onPointerDown: (event) => onPointerDown(event, itemId),
      // The card's link and text would otherwise start the browser's own drag, which takes the pointer away.
      onDragStart: (event) => event.preventDefault(),
      style: { WebkitTouchCallout: "none" },
    };
  };

  const columnProps = (column: string) => ({ "data-drop-column": column });

  return { draggingId, over, boardRef, itemProps, columnProps };
}

/**
 * After a move made with a card's stage selector, the card is rendered again in
 * its new column and the focus would fall back to the page; this puts it back on
 * the control with the given id, until the person focuses something else.
 */
export function useFocusAfterMove(): (elementId: string) => void {
  const wanted = useRef<string | null>(null);
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target as Element | null;
      if (wanted.current && target?.id !== wanted.current) wanted.current = null;
    };
    document.addEventListener("focusin", onFocusIn);
    return () => document.removeEventListener("focusin", onFocusIn);
  }, []);
  useEffect(() => {
    const id = wanted.current;
    if (!id) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    document.getElementById(id)?.focus();
  });
  return useCallback((elementId: string) => {
    wanted.current = elementId;
  }, []);
}
