// /settings/members/:membershipId/remove — removing a member, choosing who takes over their
// contacts, deals and pending follow-ups (or nobody). A plain form: works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button, buttonClass } from "~/components/ui/button";
import { FormError, SelectField } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { removalPreviewSchema, removeMemberSchema } from "~/trpc/routers/member/remove.schema";
import { submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { countOf } from "~/utils/format";
import { ROLE_LABELS } from "~/utils/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Remove ${data.member.name} · Members · Leadlane` : "Remove member · Leadlane" },
];

function membershipIdOr404(value: string | undefined): string {
  const parsed = removalPreviewSchema.safeParse({ membershipId: value });
  if (!parsed.success) throw json({ message: "Member not found." }, { status: 404 });
  return parsed.data.membershipId;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membershipId = membershipIdOr404(params.membershipId);
  const { caller } = await getCaller(request);
  return json(await loaderCall(request, () => caller.member.removal({ membershipId })));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const membershipId = membershipIdOr404(params.membershipId);
  const form = await request.formData();
  // The member comes from the address, whatever the form says.
  form.set("membershipId", membershipId);
  const { caller } = await getCaller(request);
  return submitAndRedirect(form, removeMemberSchema, async (value) => {
    const result = await caller.member.remove(value);
    const { contacts, deals, followUps } = result.moved;
    const moved = [countOf(contacts, "contact"), countOf(deals, "deal"), countOf(followUps, "pending follow-up")].join(", ");
    return {
      to: "/settings/members",
      message: result.reassignedTo ? `Member removed. ${moved} went to ${result.reassignedTo.name}.` : `Member removed. ${moved} left unassigned.`,
    };
  });
}

export default function RemoveMemberPage() {
  const { member, holdings, successors } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "remove-member",
    lastResult,
    defaultValue: { membershipId: member.id, reassignTo: "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: removeMemberSchema }),
  });
  const options = [
    { value: "", label: "Nobody: leave them unassigned" },
    ...successors.map((successor) => ({ value: successor.id, label: `${successor.name} (${ROLE_LABELS[successor.role]})` })),
  ];
  return (
    <Card title={`Remove ${member.name}`}>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {member.name} ({member.email}, {ROLE_LABELS[member.role]}) will lose access to this organization at once.
      </p>
      <p className="mt-2 text-sm">
        They own {countOf(holdings.contacts, "contact")} and {countOf(holdings.deals, "deal")}, and have{" "}
        {countOf(holdings.followUps, "pending follow-up")}. Each affected contact&apos;s timeline will say who took them over.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <FormError errors={form.errors} />
        <input type="hidden" name="membershipId" value={member.id} />
        <SelectField
          label="Hand their contacts, deals and follow-ups to"
          {...getSelectProps(fields.reassignTo)}
          options={options}
          error={fields.reassignTo.errors?.[0]}
        />
        <div className="flex flex-wrap gap-2">
          <Button variant="danger" pending={navigation.state === "submitting"} pendingText="Removing…">
            Remove {member.name}
          </Button>
          <Link to="/settings/members" className={buttonClass("secondary")}>
            Cancel
          </Link>
        </div>
      </Form>
    </Card>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
