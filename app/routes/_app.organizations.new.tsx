import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { createOrganizationSchema } from "~/trpc/routers/organization/create.schema";
import { getCaller } from "~/trpc/caller.server";
import { submitAndRedirect } from "~/web/form-action.server";

export const meta: MetaFunction = () => [{ title: "New organization · Leadlane" }];

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  return submitAndRedirect(form, createOrganizationSchema, async (value) => {
    const organization = await caller.organization.create(value);
    return { to: "/dashboard", message: `${organization.name} created. You are its owner.` };
  });
}

export default function NewOrganizationPage() {
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createOrganizationSchema }),
  });
  return (
    <div className="max-w-lg">
      <PageHeader title="New organization" description="A separate workspace with its own contacts, team and settings." />
      <Card>
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormError errors={form.errors} />
          <TextField label="Organization name" {...getInputProps(fields.name, { type: "text" })} error={fields.name.errors?.[0]} />
          <Button pending={navigation.state === "submitting"} pendingText="Creating…">
            Create organization
          </Button>
        </Form>
      </Card>
    </div>
  );
}
