// The contacts kanban board: a column per stage with its count and a "Show
// more" link. Every card the person may move has a stage <select> and a Move
// button (a plain form without JavaScript, and the keyboard's way to move a
// card). With JavaScript, cards can be dragged to another column with a mouse,
// a finger (press and hold) or a pen: the card moves at once, the change is
// posted through a fetcher, and if the server refuses it the card goes back
// (the error arrives as a toast).
import { Form, Link, useFetchers, useSearchParams, useSubmit } from "@remix-run/react";
import { useState } from "react";
import { useBoardDrag, useFocusAfterMove, type DragItemProps, type DropSpot } from "~/components/use-board-drag";
import { ScoreBadge, TemperatureBadge } from "~/components/contacts/contact-badges";
import { CONTACT_STAGES, type ContactStage, type Temperature } from "~/domain/contact/contact-filter.schema";
import { STAGE_LABELS, contactsAtLeastLabel, formatCount } from "~/domain/contact/contact-labels";
import { columnPageParam } from "~/trpc/routers/contacts/board.schema";
import { formatPhone } from "~/utils/phone";

export type BoardCardData = {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  stage: ContactStage;
  temperature: Temperature;
  score: number;
  ownerId: string | null;
  ownerName: string | null;
  version: number;
};

export type BoardColumnData = {
  stage: ContactStage;
  count: number;
  countIsExact: boolean;
  page: number;
  hasMore: boolean;
  cards: BoardCardData[];
};

const MOVE_KEY = "move-";
const stageSelectId = (contactId: string) => `stage-${contactId}`;

type Props = {
  columns: BoardColumnData[];
  /** Who may move which card (the server still decides). */
  canMove: (card: BoardCardData) => boolean;
  hydrated: boolean;
};

function MoveForm({ card, view, onMove }: { card: BoardCardData; view: string; onMove: (stage: ContactStage) => void }) {
  const [stage, setStage] = useState<ContactStage>(card.stage);
  return (
    <Form
      method="post"
      action="/board"
      className="mt-2 flex items-center gap-2"
      onSubmit={(event) => {
        // With JavaScript the move goes through a fetcher, like a drag.
        event.preventDefault();
        onMove(stage);
      }}
    >
      <input type="hidden" name="intent" value="changeStage" />
      <input type="hidden" name="contactId" value={card.id} />
      <input type="hidden" name="version" value={card.version} />
      <input type="hidden" name="view" value={view} />
      <label className="sr-only" htmlFor={stageSelectId(card.id)}>
        Stage for {card.name}
      </label>
      <select
        id={stageSelectId(card.id)}
        name="stage"
        value={stage}
        onChange={(event) => setStage(event.currentTarget.value as ContactStage)}
        className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1.5 py-1 text-xs dark:border-slate-700 dark:bg-slate-900"
      >
        {CONTACT_STAGES.map((option) => (
          <option key={option} value={option}>
            {STAGE_LABELS[option]}
          </option>
        ))}
      </select>
      <button
        type="submit"
        aria-label={`Move ${card.name}`}
        className="rounded border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      >
        Move
      </button>
    </Form>
  );
}

function Card(props: {
  card: BoardCardData;
  movable: boolean;
  draggable: boolean;
  dragProps: DragItemProps;
  pending: boolean;
  view: string;
  onMove: (card: BoardCardData, stage: ContactStage) => void;
}) {
  const { card } = props;
  return (
    <li
      {...props.dragProps}
      aria-label={card.name}
      aria-busy={props.pending || undefined}
      className={`rounded-md border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-700 dark:bg-slate-900 ${
        props.draggable ? "cursor-grab select-none active:cursor-grabbing" : ""
      } ${props.pending || props.dragProps["data-dragging"] ? "opacity-60" : ""}`}
    >
      <div className="flex items-start justify-between gap-2">
        <Link to={`/contacts/${card.id}`} className="min-w-0 truncate font-medium hover:text-brand-700 hover:underline dark:hover:text-brand-100">
          {card.name}
        </Link>
        <ScoreBadge score={card.score} />
      </div>
      <p className="mt-1 truncate whitespace-nowrap text-xs text-slate-600 dark:text-slate-300">
        {card.phone ? formatPhone(card.phone) : card.email}
      </p>
      <div className="mt-2 flex items-center justify-between gap-2 text-xs">
        <TemperatureBadge temperature={card.temperature} />
        <span className="truncate text-slate-500">{card.ownerName ?? "Unassigned"}</span>
      </div>
      {props.movable ? <MoveForm card={card} view={props.view} onMove={(stage) => props.onMove(card, stage)} /> : null}
    </li>
  );
}

const stageAnchor = (stage: ContactStage) => `stage-${stage}`;

/** On a phone the columns stack; links to each (plain anchors, so they work without JavaScript). */
function StageJumpList({ columns }: { columns: BoardColumnData[] }) {
  return (
    <nav aria-label="Jump to a stage" className="mb-3 sm:hidden">
      <ul className="flex flex-wrap gap-2">
        {columns.map((column) => (
          <li key={column.stage}>
            <a
              href={`#${stageAnchor(column.stage)}`}
              aria-label={`${STAGE_LABELS[column.stage]}, ${contactsAtLeastLabel(column.count, column.countIsExact)}`}
              className="inline-flex min-h-10 items-center gap-1.5 rounded-full border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
            >
              {STAGE_LABELS[column.stage]}
              <span className="rounded-full bg-slate-200 px-1.5 text-xs tabular-nums dark:bg-slate-800">
                {formatCount(column.count)}
                {column.countIsExact ? "" : "+"}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ContactBoard({ columns, canMove, hydrated }: Props) {
  const [params] = useSearchParams();
  const submit = useSubmit();
  const fetchers = useFetchers();
  const [announcement, setAnnouncement] = useState("");
  const focusAfterMove = useFocusAfterMove();
  const view = params.toString();

  // Moves still in flight (submitting, or reloading the board after): shown as done.
  const pending = new Map<string, ContactStage>();
  for (const fetcher of fetchers) {
    if (!fetcher.key.startsWith(MOVE_KEY) || !fetcher.formData) continue;
    const contactId = fetcher.formData.get("contactId");
    const stage = fetcher.formData.get("stage");
    if (typeof contactId === "string" && typeof stage === "string") pending.set(contactId, stage as ContactStage);
  }
  const cardsById = new Map(columns.flatMap((column) => column.cards.map((card) => [card.id, card] as const)));

  function move(card: BoardCardData, stage: ContactStage) {
    if (card.stage === stage && !pending.has(card.id)) return;
    const data = new FormData();
    data.set("intent", "changeStage");
    data.set("contactId", card.id);
    data.set("stage", stage);
    data.set("version", String(card.version));
    data.set("view", view);
    data.set("js", "1");
    submit(data, { method: "post", action: "/board", navigate: false, fetcherKey: `${MOVE_KEY}${card.id}` });
  }

  function onDrop(contactId: string, spot: DropSpot) {
    const card = cardsById.get(contactId);
    const stage = CONTACT_STAGES.find((candidate) => candidate === spot.column);
    if (!card || !stage || !canMove(card)) return;
    if ((pending.get(card.id) ?? card.stage) !== stage) setAnnouncement(`Moved ${card.name} to ${STAGE_LABELS[stage]}.`);
    move(card, stage);
  }

  const drag = useBoardDrag({ onDrop });

  const showMoreHref = (column: BoardColumnData) => {
    const next = new URLSearchParams(params);
    next.set(columnPageParam(column.stage), String(column.page + 1));
    return `/board?${next.toString()}`;
  };

  return (
    <>
      <StageJumpList columns={columns} />
      <div ref={drag.boardRef} className="relative grid gap-3 sm:flex sm:items-start sm:overflow-x-auto sm:pb-4">
        {columns.map((column) => {
          const staying = column.cards.filter((card) => (pending.get(card.id) ?? card.stage) === column.stage);
          const arriving = [...pending.entries()]
            .filter(([id, stage]) => stage === column.stage && cardsById.get(id)?.stage !== column.stage)
            .map(([id]) => cardsById.get(id))
            .filter((card): card is BoardCardData => Boolean(card));
          const count = column.count + arriving.length - (column.cards.length - staying.length);
          const cards = [...arriving, ...staying];
          return (
            <section
              key={column.stage}
              id={stageAnchor(column.stage)}
              aria-label={`${STAGE_LABELS[column.stage]} column`}
              {...drag.columnProps(column.stage)}
              className={`min-w-0 scroll-mt-20 rounded-lg border bg-slate-50 p-2 dark:bg-slate-950 sm:w-72 sm:shrink-0 ${
                drag.over?.column === column.stage ? "border-brand-500 ring-2 ring-brand-500" : "border-slate-200 dark:border-slate-800"
              }`}
            >
              <header className="mb-2 flex items-center justify-between px-1">
                <h2 className="text-sm font-semibold">{STAGE_LABELS[column.stage]}</h2>
                <span
                  className="rounded-full bg-slate-200 px-2 text-xs font-medium tabular-nums dark:bg-slate-800"
                  aria-label={contactsAtLeastLabel(count, column.countIsExact)}
                >
                  {formatCount(count)}
                  {column.countIsExact ? "" : "+"}
                </span>
              </header>
              {cards.length === 0 ? (
                <p className="rounded-md border border-dashed border-slate-300 p-4 text-center text-xs text-slate-500 dark:border-slate-700">
                  No contacts here.
                </p>
              ) : (
                <ul className="space-y-2">
                  {cards.map((card) => (
                    <Card
                      key={card.id}
                      card={{ ...card, stage: pending.get(card.id) ?? card.stage }}
                      movable={canMove(card)}
                      draggable={hydrated && canMove(card)}
                      dragProps={drag.itemProps(card.id, hydrated && canMove(card))}
                      pending={pending.has(card.id)}
                      view={view}
                      onMove={(moved, stage) => {
                        if ((pending.get(card.id) ?? card.stage) !== stage) setAnnouncement(`Moved ${card.name} to ${STAGE_LABELS[stage]}.`);
                        // The card is drawn again in its new column; the keyboard focus follows it.
                        focusAfterMove(stageSelectId(card.id));
                        move({ ...moved, stage: card.stage }, stage);
                      }}
                    />
                  ))}
                </ul>
              )}
              {column.hasMore ? (
                <Link to={showMoreHref(column)} preventScrollReset className="mt-2 block rounded-md px-2 py-1 text-center text-sm font-medium text-brand-700 hover:bg-white dark:text-brand-100 dark:hover:bg-slate-900">
                  Show more<span className="sr-only"> in {STAGE_LABELS[column.stage]}</span>
                </Link>
              ) : null}
            </section>
          );
        })}
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </>
  );
}
