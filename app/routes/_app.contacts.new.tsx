import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { ErrorView } from "~/components/error-view";
import { SectionForm } from "~/components/contact/section-form";
import {
  CustomFieldInputs,
  DetailsFields,
  OwnershipFields,
  SourceField,
  StatusFields,
} from "~/components/contact/contact-fields";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { createContactSchema } from "~/trpc/routers/contact/create.schema";
import { parseContactForm } from "~/web/contact-form-action.server";
import { redirectAfter } from "~/web/form-action.server";
import { can } from "~/utils/permissions";

export const meta: MetaFunction = () => [{ title: "New contact · Leadlane" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  const options = await loaderCall(request, () => caller.contact.formOptions());
  if (!can(ctx.org?.role, "create:contact:any")) {
    throw json({ message: "Your role can't add contacts." }, { status: 403 });
  }
  return json({ options });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  return redirectAfter(parseContactForm(form, createContactSchema, "create"), async (value) => {
    const contact = await caller.contact.create(value);
    return { to: `/contacts/${contact.id}`, message: `${contact.name} added.` };
  });
}

export default function NewContactPage() {
  const { options } = useLoaderData<typeof loader>();
  const agent = options.role === "AGENT";
  return (
    <div className="max-w-2xl">
      <PageHeader title="New contact" description="Add a lead by hand. Their phone number identifies them; without one, their email does." />
      <Card>
        <SectionForm
          intent="create"
          schema={createContactSchema}
          defaultValue={{
            source: "MANUAL",
            stage: "NEW",
            temperature: "COLD",
            score: "0",
            ownerId: agent ? options.me.id : "",
            companyId: "",
          }}
          submitLabel="Add contact"
          pendingLabel="Adding…"
          className="space-y-4"
        >
          {(fields, form) => (
            <>
              <DetailsFields fields={fields} />
              <div className="grid gap-4 sm:grid-cols-2">
                <StatusFields fields={fields} />
                <SourceField fields={fields} />
                <OwnershipFields fields={fields} options={options} />
              </div>
              {options.customFields.length ? (
                <fieldset className="space-y-4 border-t border-slate-200 pt-4 dark:border-slate-800">
                  <legend className="text-sm font-semibold">Custom fields</legend>
                  <CustomFieldInputs form={form} definitions={options.customFields} values={{}} />
                </fieldset>
              ) : null}
            </>
          )}
        </SectionForm>
      </Card>
      <p className="mt-4 text-sm">
        <Link to="/contacts" className="underline">
          Back to contacts
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
