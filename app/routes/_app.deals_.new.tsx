import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { ErrorView } from "~/components/error-view";
import { DealForm, dealFormValuesFromParams } from "~/components/deals/deal-form";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { dealFormOptionsSchema } from "~/trpc/routers/deal/form-options.schema";
import { createDealSchema } from "~/trpc/routers/deal/create.schema";
import { canCreateDeal } from "~/trpc/routers/deal/deal-access";
import { submitAndRedirect, type FormReply } from "~/web/form-action.server";

export const meta: MetaFunction = () => [{ title: "New deal · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { caller, ctx } = await getCaller(request);
  if (ctx.org && !canCreateDeal(ctx.org.role)) {
    throw json({ message: "Your role can't create deals." }, { status: 403 });
  }
  const values = dealFormValuesFromParams(url.searchParams);
  const parsed = dealFormOptionsSchema.safeParse({
    contactQ: url.searchParams.get("contactQ") ?? "",
    contactId: values.contactId ?? "",
  });
  if (!parsed.success) throw json({ message: "That contact search isn't valid." }, { status: 400 });
  const options = await loaderCall(request, () => caller.deal.formOptions(parsed.data));
  const firstOpen = options.stages.find((stage) => stage.kind === "OPEN") ?? options.stages[0];
  const contactId =
    values.contactId && options.contacts.some((contact) => contact.id === values.contactId)
      ? values.contactId
      : parsed.data.contactQ && options.contacts[0]
        ? options.contacts[0].id
        : "";
  return json({
    options,
    contactQ: parsed.data.contactQ,
    defaultValue: {
      title: values.title ?? "",
      value: values.value ?? "",
      stageId: values.stageId && options.stages.some((s) => s.id === values.stageId) ? values.stageId : (firstOpen?.id ?? ""),
      probability: values.probability ?? "",
      contactId,
      companyId: values.companyId && options.companies.some((c) => c.id === values.companyId) ? values.companyId : "",
      ownerId:
        values.ownerId === undefined
          ? (ctx.user?.id ?? "")
          : options.members.some((member) => member.id === values.ownerId)
            ? values.ownerId
            : "",
      expectedCloseDate: values.expectedCloseDate ?? "",
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  return submitAndRedirect(form, createDealSchema, async (value) => {
    const deal = await caller.deal.create(value);
    return { to: "/deals", message: `Deal “${deal.title}” created.` };
  });
}

export default function NewDealPage() {
  const { options, contactQ, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as FormReply | undefined;
  const location = useLocation();
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm">
        <Link to="/deals" className="text-brand-700 hover:underline dark:text-brand-100">
          ← Deals
        </Link>
      </p>
      <PageHeader title="New deal" description="A sale you are working on: its value, stage and when you expect it to close." />
      <Card>
        <DealForm
          key={location.search}
          id="create-deal"
          intent="create"
          defaultValue={defaultValue}
          options={options}
          contactQ={contactQ}
          lastResult={lastResult}
          submitLabel="Create deal"
        />
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
