import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { ErrorView } from "~/components/error-view";
import { useAppData } from "~/components/use-app-data";
import { DealForm, dealFormValuesFromParams } from "~/components/deals/deal-form";
import { StageBadge } from "~/components/deals/stage-badge";
import { ContactTimeline } from "~/components/contact/contact-timeline";
import { actionFailure, getCaller, loaderCall } from "~/trpc/caller.server";
import { getDealSchema } from "~/trpc/routers/deal/get.schema";
import { dealFormOptionsSchema } from "~/trpc/routers/deal/form-options.schema";
import { updateDealSchema } from "~/trpc/routers/deal/update.schema";
import { deleteDealSchema } from "~/trpc/routers/deal/delete.schema";
import { canDeleteDeal, canEditDeal } from "~/trpc/routers/deal/deal-access";
import { formatDealValue, paiseToRupeeInput } from "~/domain/deal/deal-value";
import { submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { redirectWithToast } from "~/utils/toast.server";
import { formatCalendarDate, formatDateTime } from "~/utils/format";
import { useTimeZone } from "~/components/use-app-data";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.deal.title} · Deals · Leadlane` : "Deal · Leadlane" },
];

function dealIdFrom(params: { id?: string }): string {
  const parsed = getDealSchema.safeParse({ dealId: params.id });
  if (!parsed.success) throw json({ message: "Deal not found." }, { status: 404 });
  return parsed.data.dealId;
}

/** A value from the URL, if it is one of the choices offered. */
function pick(value: string | undefined, choices: Array<{ id: string }>): string | undefined {
  return value && choices.some((choice) => choice.id === value) ? value : undefined;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const dealId = dealIdFrom(params);
  const url = new URL(request.url);
  const { caller, ctx } = await getCaller(request);
  const deal = await loaderCall(request, () => caller.deal.get({ dealId }));
  // After "Find contact" the URL carries what was typed; otherwise the form starts from the deal.
  const typed = url.searchParams.has("contactQ") ? dealFormValuesFromParams(url.searchParams) : {};
  const parsed = dealFormOptionsSchema.safeParse({
    contactQ: url.searchParams.get("contactQ") ?? "",
    contactId: typed.contactId ?? deal.contactId ?? "",
  });
  if (!parsed.success) throw json({ message: "That contact search isn't valid." }, { status: 400 });
  const [options, history] = await Promise.all([
    loaderCall(request, () => caller.deal.formOptions(parsed.data)),
    loaderCall(request, () => caller.deal.history({ dealId })),
  ]);
  const contactId =
    typed.contactId && options.contacts.some((contact) => contact.id === typed.contactId)
      ? typed.contactId
      : parsed.data.contactQ && !typed.contactId && options.contacts[0]
        ? options.contacts[0].id
        : typed.contactId === undefined
          ? (deal.contactId ?? "")
          : "";
  return json({
    deal,
    history,
    options,
    contactQ: parsed.data.contactQ,
    userId: ctx.user?.id ?? null,
    defaultValue: {
      title: typed.title ?? deal.title,
      value: typed.value ?? paiseToRupeeInput(deal.valuePaise),
      stageId: pick(typed.stageId, options.stages) ?? deal.stageId,
      probability: typed.probability ?? "",
      contactId,
      companyId: (typed.companyId === "" ? "" : pick(typed.companyId, options.companies)) ?? deal.companyId ?? "",
      ownerId: (typed.ownerId === "" ? "" : pick(typed.ownerId, options.members)) ?? deal.ownerId ?? "",
      expectedCloseDate: typed.expectedCloseDate ?? deal.expectedCloseDate ?? "",
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const dealId = dealIdFrom(params);
  const form = await request.formData();
  const { caller } = await getCaller(request);
  switch (form.get("intent")) {
    case "update": {
      if (form.get("dealId") !== dealId) return json({ message: "Deal not found." }, { status: 404 });
      return submitAndRedirect(form, updateDealSchema, async (value) => {
        const deal = await caller.deal.update(value);
        return { to: "/deals", message: `Deal “${deal.title}” saved.` };
      });
    }
    case "delete": {
      try {
        await caller.deal.delete(deleteDealSchema.parse({ dealId }));
        return redirectWithToast("/deals", { type: "success", message: "Deal deleted." });
      } catch (error) {
        return actionFailure(error);
      }
    }
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

export default function DealPage() {
  const timeZone = useTimeZone();
  const { deal, history, options, contactQ, defaultValue, userId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const { organization } = useAppData();
  const role = organization?.role ?? "VIEWER";
  const failure = actionData && "message" in actionData && typeof actionData.message === "string" ? actionData.message : null;
  const lastResult = actionData && !failure ? (actionData as FormReply) : undefined;
  const editable = canEditDeal(role, userId, deal.ownerId);
  const deleting = navigation.state === "submitting" && navigation.formData?.get("intent") === "delete";
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/deals" className="text-brand-700 hover:underline dark:text-brand-100">
          ← Deals
        </Link>
      </p>
      <PageHeader
        title={deal.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StageBadge kind={deal.stage.kind} name={deal.stage.name} />
            <span>
              {formatDealValue(deal.valuePaise)} at {deal.probability}%
            </span>
            {deal.closedAt ? <span>· closed {formatDateTime(deal.closedAt, timeZone)}</span> : null}
            {deal.contact ? (
              <span>
                ·{" "}
                <Link to={`/contacts/${deal.contact.id}`} className="underline">
                  {deal.contact.name}
                </Link>
              </span>
            ) : null}
            {deal.company ? (
              <span>
                ·{" "}
                <Link to={`/companies/${deal.company.id}`} className="underline">
                  {deal.company.name}
                </Link>
              </span>
            ) : null}
          </span>
        }
      />
      {failure ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {failure}
        </p>
      ) : null}
      {editable ? (
        <Card title="Edit deal">
          <DealForm
            key={location.search}
            id="edit-deal"
            intent="update"
            defaultValue={defaultValue}
            options={options}
            contactQ={contactQ}
            lastResult={lastResult}
            submitLabel="Save deal"
            hidden={{ dealId: deal.id, version: String(deal.version) }}
            currentProbability={deal.probability}
          />
          {lastResult?.error?.[""]?.some((message) => /reload/i.test(message)) ? (
            <p className="mt-3 text-sm">
              <a href={`/deals/${deal.id}`} className="font-medium underline">
                Reload this deal
              </a>
            </p>
          ) : null}
        </Card>
      ) : (
        <Card>
          <dl className="grid gap-2 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">Owner</dt>
              <dd>{deal.owner?.name ?? "Unassigned"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Expected close</dt>
              <dd>{deal.expectedCloseDate ? formatCalendarDate(deal.expectedCloseDate) : "—"}</dd>
            </div>
          </dl>
        </Card>
      )}
      <Card title="History">
        <ContactTimeline
          page={history}
          olderHref={null}
          newestHref={null}
          label="Deal history"
          showLinks={false}
          emptyText={
            deal.contact
              ? "Nothing recorded yet."
              : "No history yet: a deal's changes are recorded on the timeline of the contact it is linked to."
          }
        />
        {deal.updatedBy ? (
          <p className="mt-3 text-xs text-slate-500">
            Last saved by {deal.updatedBy.name} at {formatDateTime(deal.updatedAt, timeZone)}
          </p>
        ) : null}
      </Card>
      {canDeleteDeal(role) ? (
        <Card title="Delete deal">
          <details>
            <summary className="cursor-pointer text-sm font-medium text-red-700 dark:text-red-300">Delete this deal…</summary>
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="delete" />
              <Button variant="danger" pending={deleting} pendingText="Deleting…">
                Yes, delete “{deal.title}”
              </Button>
            </Form>
          </details>
        </Card>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
