// The deals kanban. Without JavaScript every card has a stage selector and a
// Move button (a plain form post); that selector is also how a keyboard moves a
// card. With JavaScript cards can also be dragged between (and within) columns
// with a mouse, a finger (press and hold) or a pen: the card moves at once, the
// server is asked through deal.move, and if it refuses, the card goes back and
// a toast says why.
import { Link, useRevalidator } from "@remix-run/react";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Toaster } from "~/components/toaster";
import { useBoardDrag, useFocusAfterMove, type DragItemProps, type DropSpot } from "~/components/use-board-drag";
import type { DealCard } from "~/trpc/routers/deal/deal-output";
import { formatDealValue } from "~/domain/deal/deal-value";
import { countOf, formatCalendarDate, formatWholeRupees } from "~/utils/format";
import type { Toast } from "~/utils/toast";

export type BoardColumn = {
  id: string;
  name: string;
  kind: string;
  probability: number;
  count: number;
  totalPaise: string;
  weightedPaise: string;
  pages: number;
  hasMore: boolean;
  deals: DealCard[];
};

type PendingMove = { stageId: string; index?: number; fromVersion: number };

type MoveResult = { ok: true } | { ok: false; message: string };

/** Calls deal.move over HTTP (the same procedure the Move button's form reaches through the page). */
async function requestMove(input: { dealId: string; stageId: string; position?: number; version: number }): Promise<MoveResult> {
  try {
    const response = await fetch("/api/trpc/deal.move", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(input),
    });
    if (response.ok) return { ok: true };
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    return { ok: false, message: body?.error?.message ?? "The deal couldn't be moved. Try again." };
  } catch {
    return { ok: false, message: "You seem to be offline. The deal wasn't moved." };
  }
}

/** The loader's columns with in-flight moves applied, so a dragged card shows where it was dropped. */
function applyPending(columns: BoardColumn[], pending: Record<string, PendingMove>): BoardColumn[] {
  const ids = Object.keys(pending);
  if (ids.length === 0) return columns;
  const moving = new Map<string, DealCard>();
  const stripped = columns.map((column) => ({
    ...column,
    deals: column.deals.filter((deal) => {
      if (!pending[deal.id]) return true;
      moving.set(deal.id, deal);
      return false;
    }),
  }));
  for (const [dealId, move] of Object.entries(pending)) {
    const deal = moving.get(dealId);
    const target = stripped.find((column) => column.id === move.stageId);
    if (!deal || !target) continue;
    const index = Math.min(move.index ?? 0, target.deals.length);
    target.deals.splice(index, 0, { ...deal, stageId: target.id });
  }
  return stripped;
}

const moveSelectId = (dealId: string) => `move-${dealId}`;

function DealCardView({
  deal,
  columns,
  editable,
  draggable,
  dragProps,
  returnSearch,
  onMoveSubmit,
}: {
  deal: DealCard;
  columns: BoardColumn[];
  editable: boolean;
  draggable: boolean;
  dragProps: DragItemProps;
  returnSearch: string;
  onMoveSubmit: (event: FormEvent<HTMLFormElement>, deal: DealCard) => void;
}) {
  const selectId = moveSelectId(deal.id);
  return (
    <li
      data-deal-id={deal.id}
      {...dragProps}
      aria-label={deal.title}
      className={`rounded-md border border-slate-200 bg-white p-3 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900 ${
        draggable ? "cursor-grab select-none active:cursor-grabbing" : ""
      } ${dragProps["data-dragging"] ? "opacity-40" : ""}`}
    >
      <div className="flex items-start justify-between gap-2">
        <Link to={`/deals/${deal.id}`} className="min-w-0 break-words font-medium text-brand-700 hover:underline dark:text-brand-100">
          {deal.title}
        </Link>
        <span className="shrink-0 font-semibold">{formatDealValue(deal.valuePaise)}</span>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {deal.probability}%{deal.expectedCloseDate ? ` · closes ${formatCalendarDate(deal.expectedCloseDate)}` : ""}
      </p>
      {deal.contact || deal.company ? (
        <p className="mt-1 truncate text-xs text-slate-600 dark:text-slate-300">
          {[deal.contact?.name, deal.company?.name].filter(Boolean).join(" · ")}
        </p>
      ) : null}
      <p className="mt-1 truncate text-xs text-slate-500">{deal.owner ? deal.owner.name : "Unassigned"}</p>
      {editable ? (
        <form method="post" className="mt-2 flex items-center gap-2" onSubmit={(event) => onMoveSubmit(event, deal)}>
          <input type="hidden" name="intent" value="move" />
          <input type="hidden" name="dealId" value={deal.id} />
          <input type="hidden" name="version" value={deal.version} />
          <input type="hidden" name="returnSearch" value={returnSearch} />
          <label htmlFor={selectId} className="sr-only">
            Stage for {deal.title}
          </label>
          <select
            id={selectId}
            name="stageId"
            defaultValue={deal.stageId}
            className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1.5 py-1 text-xs dark:border-slate-700 dark:bg-slate-900"
          >
            {columns.map((column) => (
              <option key={column.id} value={column.id}>
                {column.name}
              </option>
            ))}
          </select>
          <button
            type="submit"
            aria-label={`Move ${deal.title}`}
            className="rounded border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Move
          </button>
        </form>
      ) : null}
    </li>
  );
}

export function DealBoard({
  columns: loaderColumns,
  canEdit,
  showMoreHref,
  returnSearch,
}: {
  columns: BoardColumn[];
  canEdit: (deal: DealCard) => boolean;
  showMoreHref: (column: BoardColumn) => string;
  returnSearch: string;
}) {
  const revalidator = useRevalidator();
  const [hydrated, setHydrated] = useState(false);
  const [pending, setPending] = useState<Record<string, PendingMove>>({});
  const [toast, setToast] = useState<Toast | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const focusAfterMove = useFocusAfterMove();

  useEffect(() => setHydrated(true), []);

  // Once fresh data shows the move (a newer version), or the deal is gone, stop overriding it.
  useEffect(() => {
    setPending((current) => {
      const next = { ...current };
      let changed = false;
      for (const [dealId, move] of Object.entries(current)) {
        const deal = loaderColumns.flatMap((column) => column.deals).find((candidate) => candidate.id === dealId);
        if (!deal || deal.version > move.fromVersion) {
          delete next[dealId];
          changed = true;
        }
      }
      return changed ? next : current;
    });
  }, [loaderColumns]);

  const columns = useMemo(() => applyPending(loaderColumns, pending), [loaderColumns, pending]);

  async function move(deal: DealCard, stageId: string, index?: number) {
    setPending((current) => ({ ...current, [deal.id]: { stageId, index, fromVersion: deal.version } }));
    const result = await requestMove({ dealId: deal.id, stageId, position: index, version: deal.version });
    if (!result.ok) {
      setPending((current) => {
        const next = { ...current };
        delete next[deal.id];
        return next;
      });
      setToast({ type: "error", message: result.message });
    }
    revalidator.revalidate();
  }

  function onDrop(dealId: string, spot: DropSpot) {
    const deal = columns.flatMap((candidate) => candidate.deals).find((candidate) => candidate.id === dealId);
    const target = columns.find((candidate) => candidate.id === spot.column);
    if (!deal || !target || !canEdit(deal)) return;
    const from = columns.find((candidate) => candidate.id === deal.stageId);
    const currentIndex = from?.deals.findIndex((candidate) => candidate.id === deal.id) ?? -1;
    if (deal.stageId === target.id && currentIndex === spot.index) return;
    if (deal.stageId !== target.id) setAnnouncement(`Moved ${deal.title} to ${target.name}.`);
    void move(deal, target.id, spot.index);
  }

  const drag = useBoardDrag({ onDrop });

  function onMoveSubmit(event: FormEvent<HTMLFormElement>, deal: DealCard) {
    if (!hydrated) return;
    event.preventDefault();
    const stageId = new FormData(event.currentTarget).get("stageId");
    if (typeof stageId !== "string" || stageId === deal.stageId) return;
    const target = columns.find((candidate) => candidate.id === stageId);
    if (target) setAnnouncement(`Moved ${deal.title} to ${target.name}.`);
    // The card is drawn again in its new column; the keyboard focus follows it.
    focusAfterMove(moveSelectId(deal.id));
    void move(deal, stageId);
  }

  return (
    <>
      <div
        ref={drag.boardRef}
        role="region"
        aria-label="Deal pipeline"
        tabIndex={0}
        className="relative max-w-full overflow-x-auto pb-4 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      >
        <div className="flex w-max items-start gap-3">
          {columns.map((column) => {
            const headingId = `stage-${column.id}`;
            const over = drag.over?.column === column.id;
            return (
              <section
                key={column.id}
                aria-labelledby={headingId}
                data-stage-id={column.id}
                {...drag.columnProps(column.id)}
                className={`flex w-64 shrink-0 flex-col rounded-lg border bg-slate-50 p-2 dark:bg-slate-950 sm:w-72 ${
                  over ? "border-brand-500 ring-2 ring-brand-500/40" : "border-slate-200 dark:border-slate-800"
                }`}
              >
                <header className="mb-2 px-1">
                  <div className="flex items-baseline justify-between gap-2">
                    <h2 id={headingId} className="truncate font-semibold">
                      {column.name}
                    </h2>
                    <span className="shrink-0 text-xs text-slate-500" title="Default probability for deals entering this stage">
                      {column.probability}%
                    </span>
                  </div>
                  <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="column-totals">
                    <span>{countOf(column.count, "deal")}</span>
                    {" · "}
                    <span>{formatDealValue(column.totalPaise)}</span>
                    {" · "}
                    <span>{formatWholeRupees(column.weightedPaise)} weighted</span>
                  </p>
                </header>
                <ul aria-label={`Deals in ${column.name}`} className="flex min-h-16 flex-col gap-2">
                  {column.deals.map((deal) => (
                    <DealCardView
                      key={deal.id}
                      deal={deal}
                      columns={columns}
                      editable={canEdit(deal)}
                      draggable={hydrated && canEdit(deal)}
                      dragProps={drag.itemProps(deal.id, hydrated && canEdit(deal))}
                      returnSearch={returnSearch}
                      onMoveSubmit={onMoveSubmit}
                    />
                  ))}
                  {column.deals.length === 0 ? (
                    <li className="rounded-md border border-dashed border-slate-300 p-3 text-center text-xs text-slate-500 dark:border-slate-700">
                      No deals
                    </li>
                  ) : null}
                </ul>
                {column.hasMore ? (
                  <Link
                    to={showMoreHref(column)}
                    preventScrollReset
                    className="mt-2 rounded-md px-2 py-1 text-center text-sm font-medium text-brand-700 hover:bg-slate-100 dark:text-brand-100 dark:hover:bg-slate-800"
                  >
                    Show more ({column.count - column.deals.length} more)
                  </Link>
                ) : null}
              </section>
            );
          })}
        </div>
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <Toaster toast={toast} />
    </>
  );
}
