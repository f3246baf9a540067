import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useState, type DragEvent } from "react";
import type { z } from "zod";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { ErrorView } from "~/components/error-view";
import { StageBadge } from "~/components/deals/stage-badge";
import { actionFailure, getCaller, loaderCall, toActionFailure } from "~/trpc/caller.server";
import { createStageSchema } from "~/trpc/routers/deal-stage/create.schema";
import { updateStageSchema } from "~/trpc/routers/deal-stage/update.schema";
import { reorderStageSchema } from "~/trpc/routers/deal-stage/reorder.schema";
import { deleteStageSchema } from "~/trpc/routers/deal-stage/delete.schema";
import { fieldErrorsFrom } from "~/trpc/trpc.server";
import { redirectWithToast } from "~/utils/toast.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "Deal pipeline · Settings · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  const stages = await loaderCall(request, () => caller.dealStage.list());
  // Everyone in the organization may see the pipeline; only owners and admins get the forms (the procedures refuse the rest).
  return json({ stages, manage: can(ctx.org?.role, "update:settings:any") });
}

type RowReply = { row: string; message: string; fieldErrors: Record<string, string> };

/** A refused stage form comes back to its own row with field errors and the procedure's status. */
async function saveRow<S extends z.ZodType>(
  row: string,
  form: FormData,
  schema: S,
  run: (input: z.output<S>) => Promise<string>,
) {
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return json<RowReply>({ row, message: "Check the highlighted fields.", fieldErrors: fieldErrorsFrom(parsed.error) }, { status: 400 });
  }
  try {
    return redirectWithToast("/settings/pipeline", { type: "success", message: await run(parsed.data) });
  } catch (error) {
    const failure = toActionFailure(error);
    if (failure.status === 401) return actionFailure(error);
    return json<RowReply>({ row, message: failure.message, fieldErrors: failure.fieldErrors }, { status: failure.status });
  }
}

/** Reorder and delete answer with a toast on the page, success or not. */
async function rowAction(run: () => Promise<string>) {
  try {
    return await redirectWithToast("/settings/pipeline", { type: "success", message: await run() });
  } catch (error) {
    const failure = toActionFailure(error);
    if (failure.status === 401) return actionFailure(error);
    if (failure.status === 403 || failure.status === 404) throw json({ message: failure.message }, { status: failure.status });
    return redirectWithToast("/settings/pipeline", { type: "error", message: failure.message }, { status: 303 });
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  const fields = Object.fromEntries(form);
  switch (form.get("intent")) {
    case "create":
      return saveRow("new", form, createStageSchema, async (input) => {
        const stage = await caller.dealStage.create(input);
        return `Stage “${stage.name}” added.`;
      });
    case "update":
      return saveRow(String(form.get("stageId") ?? ""), form, updateStageSchema, async (input) => {
        const stage = await caller.dealStage.update(input);
        return `Stage “${stage.name}” saved.`;
      });
    case "reorder":
      return rowAction(async () => {
        await caller.dealStage.reorder(reorderStageSchema.parse(fields));
        return "Pipeline order saved.";
      });
    case "delete":
      return rowAction(async () => {
        await caller.dealStage.delete(deleteStageSchema.parse(fields));
        return "Stage deleted.";
      });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

const INPUT =
  "block w-full rounded-md border bg-white px-2 py-1.5 text-sm dark:bg-slate-900";

function inputClass(error?: string) {
  return `${INPUT} ${error ? "border-red-500" : "border-slate-300 dark:border-slate-700"}`;
}

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="mt-1 text-xs text-red-600 dark:text-red-400">
      {error}
    </p>
  ) : null;
}

const KIND_NOTES: Record<string, string> = {
  WON: "Deals here count as won (always 100%).",
  LOST: "Deals here count as lost (always 0%).",
};

type StageRow = ReturnType<typeof useLoaderData<typeof loader>>["stages"][number];

export default function PipelineSettingsPage() {
  const { stages, manage } = useLoaderData<typeof loader>();
  return manage ? <PipelineEditor stages={stages} /> : <PipelineView stages={stages} />;
}

function stageKindLabel(kind: string) {
  return kind === "OPEN" ? "Open" : kind === "WON" ? "Won" : "Lost";
}

/** The pipeline for members who can't change it: the same stages, nothing to press. */
function PipelineView({ stages }: { stages: StageRow[] }) {
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600 dark:text-slate-300">Only owners and admins can change the deal pipeline.</p>
      <Card title="Deal pipeline">
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
          The columns of the deals board, in order. A deal entering a stage takes its probability, unless someone sets one on the deal.
        </p>
        <ol className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Stages">
          {stages.map((stage, index) => (
            <li key={stage.id} aria-label={stage.name} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
              <span className="font-mono text-xs text-slate-500">{index + 1}.</span>
              <span className="min-w-0 break-words font-medium">{stage.name}</span>
              <StageBadge kind={stage.kind} name={stageKindLabel(stage.kind)} />
              <span className="text-slate-600 dark:text-slate-300">{stage.probability}%</span>
              <span className="text-xs text-slate-500">
                {stage.dealCount} {stage.dealCount === 1 ? "deal" : "deals"}
              </span>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}

function PipelineEditor({ stages }: { stages: StageRow[] }) {
  const actionData = useActionData<typeof action>() as RowReply | { message: string } | undefined;
  const reply = actionData && "row" in actionData ? actionData : null;
  const navigation = useNavigation();
  const submit = useSubmit();
  const [hydrated, setHydrated] = useState(false);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<number | null>(null);
  useEffect(() => setHydrated(true), []);
  const busy = navigation.state !== "idle";

  function onDrop(event: DragEvent<HTMLLIElement>, to: number) {
    event.preventDefault();
    const stageId = dragging ?? event.dataTransfer.getData("text/plain");
    setDragging(null);
    setOver(null);
    const from = stages.findIndex((stage) => stage.id === stageId);
    if (from === -1 || from === to) return;
    submit({ intent: "reorder", stageId, to: String(to) }, { method: "post" });
  }

  return (
    <div className="space-y-6">
      <Card title="Deal pipeline">
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
          The columns of the deals board, in order. A deal entering a stage takes its probability, unless someone sets one
          on the deal. The pipeline always keeps one won and one lost stage; a stage can be deleted once it has no deals.
          {hydrated ? " Drag a stage to reorder, or use the arrows." : ""}
        </p>
        <ol className="space-y-3" aria-label="Stages">
          {stages.map((stage, index) => {
            const errors = reply?.row === stage.id ? reply.fieldErrors : {};
            const rowMessage = reply?.row === stage.id ? reply.message : null;
            return (
              <li
                key={stage.id}
                onDragOver={(event) => {
                  if (!dragging) return;
                  event.preventDefault();
                  if (over !== index) setOver(index);
                }}
                onDrop={(event) => onDrop(event, index)}
                aria-label={stage.name}
                className={`rounded-lg border p-3 ${
                  over === index && dragging !== stage.id ? "border-brand-500 ring-2 ring-brand-500/40" : "border-slate-200 dark:border-slate-800"
                } ${dragging === stage.id ? "opacity-50" : ""}`}
              >
                <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
                  <span className="flex items-center gap-2">
                    {hydrated ? (
                      <span
                        draggable
                        data-testid="stage-handle"
                        title={`Drag to move ${stage.name}`}
                        aria-hidden
                        onDragStart={(event) => {
                          event.dataTransfer.setData("text/plain", stage.id);
                          event.dataTransfer.effectAllowed = "move";
                          const row = event.currentTarget.closest("li");
                          if (row) event.dataTransfer.setDragImage(row, 16, 16);
                          setDragging(stage.id);
                        }}
                        onDragEnd={() => {
                          setDragging(null);
                          setOver(null);
                        }}
                        className="cursor-grab select-none rounded px-1 text-base leading-none text-slate-400 hover:bg-slate-100 active:cursor-grabbing dark:hover:bg-slate-800"
                      >
                        ⠿
                      </span>
                    ) : null}
                    <span className="font-mono">{index + 1}.</span>
                    <StageBadge kind={stage.kind} name={stageKindLabel(stage.kind)} />
                    <span>
                      {stage.dealCount} {stage.dealCount === 1 ? "deal" : "deals"}
                    </span>
                  </span>
                  <span className="flex items-center gap-1">
                    <Form method="post">
                      <input type="hidden" name="intent" value="reorder" />
                      <input type="hidden" name="stageId" value={stage.id} />
                      <input type="hidden" name="to" value={Math.max(index - 1, 0)} />
                      <button
                        type="submit"
                        disabled={index === 0 || busy}
                        aria-label={`Move ${stage.name} up`}
                        className="rounded border border-slate-300 px-2 py-1 disabled:opacity-40 dark:border-slate-700"
                      >
                        ↑
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="reorder" />
                      <input type="hidden" name="stageId" value={stage.id} />
                      <input type="hidden" name="to" value={index + 1} />
                      <button
                        type="submit"
                        disabled={index === stages.length - 1 || busy}
                        aria-label={`Move ${stage.name} down`}
                        className="rounded border border-slate-300 px-2 py-1 disabled:opacity-40 dark:border-slate-700"
                      >
                        ↓
                      </button>
                    </Form>
                    {stage.kind === "OPEN" ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="delete" />
                        <input type="hidden" name="stageId" value={stage.id} />
                        <button
                          type="submit"
                          disabled={busy}
                          aria-label={`Delete ${stage.name}`}
                          className="rounded px-2 py-1 text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950"
                        >
                          Delete
                        </button>
                      </Form>
                    ) : null}
                  </span>
                </div>
                <Form method="post" className="grid grid-cols-[1fr_5.5rem_auto] items-start gap-2">
                  <input type="hidden" name="intent" value="update" />
                  <input type="hidden" name="stageId" value={stage.id} />
                  <div>
                    <label htmlFor={`name-${stage.id}`} className="sr-only">
                      Name of {stage.name}
                    </label>
                    <input
                      id={`name-${stage.id}`}
                      name="name"
                      defaultValue={stage.name}
                      maxLength={60}
                      aria-invalid={errors.name ? true : undefined}
                      aria-describedby={errors.name ? `name-${stage.id}-error` : undefined}
                      className={inputClass(errors.name)}
                    />
                    <FieldError id={`name-${stage.id}-error`} error={errors.name} />
                  </div>
                  <div>
                    <label htmlFor={`probability-${stage.id}`} className="sr-only">
                      Probability of {stage.name} (%)
                    </label>
                    <div className="flex items-center gap-1">
                      <input
                        id={`probability-${stage.id}`}
                        name="probability"
                        inputMode="numeric"
                        defaultValue={stage.probability}
                        readOnly={stage.kind !== "OPEN"}
                        aria-invalid={errors.probability ? true : undefined}
                        aria-describedby={errors.probability ? `probability-${stage.id}-error` : undefined}
                        className={inputClass(errors.probability)}
                      />
                      <span className="text-sm text-slate-500">%</span>
                    </div>
                    <FieldError id={`probability-${stage.id}-error`} error={errors.probability} />
                  </div>
                  <Button variant="secondary" className="min-h-9 px-3 py-1.5" aria-label={`Save ${stage.name}`}>
                    Save
                  </Button>
                  {rowMessage && !Object.keys(errors).length ? (
                    <p role="alert" className="col-span-3 text-sm text-red-600 dark:text-red-400">
                      {rowMessage}
                    </p>
                  ) : null}
                  {KIND_NOTES[stage.kind] ? <p className="col-span-3 text-xs text-slate-500">{KIND_NOTES[stage.kind]}</p> : null}
                </Form>
              </li>
            );
          })}
        </ol>
      </Card>
      <Card title="Add a stage">
        <Form method="post" className="grid gap-3 sm:grid-cols-[1fr_8rem_auto] sm:items-end">
          <input type="hidden" name="intent" value="create" />
          <div>
            <label htmlFor="new-stage-name" className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
              Stage name
            </label>
            <input
              id="new-stage-name"
              name="name"
              maxLength={60}
              aria-invalid={reply?.row === "new" && reply.fieldErrors.name ? true : undefined}
              aria-describedby={reply?.row === "new" && reply.fieldErrors.name ? "new-stage-name-error" : undefined}
              className={inputClass(reply?.row === "new" ? reply.fieldErrors.name : undefined)}
            />
            <FieldError id="new-stage-name-error" error={reply?.row === "new" ? reply.fieldErrors.name : undefined} />
          </div>
          <div>
            <label htmlFor="new-stage-probability" className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-200">
              Probability (%)
            </label>
            <input
              id="new-stage-probability"
              name="probability"
              inputMode="numeric"
              defaultValue="50"
              aria-invalid={reply?.row === "new" && reply.fieldErrors.probability ? true : undefined}
              className={inputClass(reply?.row === "new" ? reply.fieldErrors.probability : undefined)}
            />
            <FieldError id="new-stage-probability-error" error={reply?.row === "new" ? reply.fieldErrors.probability : undefined} />
          </div>
          <Button pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "create"} pendingText="Adding…">
            Add stage
          </Button>
        </Form>
        <p className="mt-2 text-xs text-slate-500">New stages are open stages and go after the last open one.</p>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
