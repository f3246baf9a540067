import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button, buttonClass } from "~/components/ui/button";
import { FormError, SelectField, TextField } from "~/components/ui/field";
import { useAppData, useTimeZone } from "~/components/use-app-data";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { createInvitationSchema } from "~/trpc/routers/invitation/create.schema";
import { revokeInvitationSchema } from "~/trpc/routers/invitation/revoke.schema";
import { updateMemberRoleSchema } from "~/trpc/routers/member/update-role.schema";
import { setMemberAvailabilitySchema } from "~/domain/member/set-availability.schema";
import { setAutoAssignConversationsSchema } from "~/domain/organization/auto-assign.schema";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { parseForm, runAndRedirect, type FormReply } from "~/web/form-action.server";
import { assignableRoles, can, roleAtLeast, ROLE_LABELS, type Role } from "~/utils/permissions";

export async function loader({ request }: LoaderFunctionArgs) {
  const { caller, ctx } = await getCaller(request);
  const members = await loaderCall(request, () => caller.member.list());
  const invitations = can(ctx.org?.role, "read:invitation:any")
    ? await loaderCall(request, () => caller.invitation.list())
    : [];
  const conversationSettings = await loaderCall(request, () => caller.organization.conversationSettings());
  return json({ members, invitations, myUserId: ctx.user?.id ?? null, conversationSettings });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  const intent = form.get("intent");
  const here = new URL(request.url).pathname;
  const fields = Object.fromEntries(form);
  switch (intent) {
    case "invite": {
      const parsed = parseForm(form, createInvitationSchema);
      if (!parsed.ok) return parsed.response;
      try {
        const invitation = await caller.invitation.create(parsed.value);
        return json({ status: "success" as const, invited: { email: invitation.email, link: invitation.link } });
      } catch (error) {
        return parsed.reply(error);
      }
    }
    case "updateRole":
      return runAndRedirect(here, async () => {
        const result = await caller.member.updateRole(updateMemberRoleSchema.parse(fields));
        return `Role changed to ${ROLE_LABELS[result.role]}.`;
      });
    case "setAvailability":
      return runAndRedirect(here, async () => {
        const result = await caller.member.setAvailability(setMemberAvailabilitySchema.parse(fields));
        const who = result.self ? "You are" : `${result.name} is`;
        return result.available ? `${who} available for new conversations.` : `${who} away: new conversations go to others.`;
      });
    case "setAutoAssign":
      return runAndRedirect(here, async () => {
        const result = await caller.organization.setAutoAssign(setAutoAssignConversationsSchema.parse(fields));
        return result.autoAssignConversations ? "New conversations are assigned round-robin." : "New conversations stay unassigned until someone takes them.";
      });
    case "revoke":
      return runAndRedirect(here, async () => {
        await caller.invitation.revoke(revokeInvitationSchema.parse(fields));
        return "Invitation withdrawn.";
      });
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

function roleOptions(role: Role) {
  return assignableRoles(role).map((value) => ({ value, label: ROLE_LABELS[value] }));
}

function InviteForm({ role }: { role: Role }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const invited = actionData && "invited" in actionData ? actionData.invited : null;
  const lastResult = (actionData && "status" in actionData && !invited ? actionData : undefined) as FormReply | undefined;
  const [form, fields] = useForm({
    id: "invite",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: { role: "AGENT" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createInvitationSchema }),
  });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "invite";
  return (
    <Card title="Invite a teammate">
      {invited ? (
        <div role="status" className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950">
          <p className="font-medium">Invitation sent to {invited.email}.</p>
          <p className="mt-1">{"Share this link if the email doesn't arrive (it works once, for 7 days):"}</p>
          <input
            readOnly
            aria-label="Invitation link"
            value={invited.link}
            className="mt-2 w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs dark:bg-slate-900"
            onFocus={(event) => event.currentTarget.select()}
          />
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
        <input type="hidden" name="intent" value="invite" />
        <div className="sm:col-span-3">
          <FormError errors={form.errors} />
        </div>
        <TextField label="Email" {...getInputProps(fields.email, { type: "email" })} error={fields.email.errors?.[0]} />
        <SelectField label="Role" {...getSelectProps(fields.role)} options={roleOptions(role)} error={fields.role.errors?.[0]} />
        <Button pending={submitting} pendingText="Sending…">
          Send invitation
        </Button>
      </Form>
    </Card>
  );
}

/** Whether the member takes new conversations in the round-robin; a one-button form that flips it. */
function AvailabilityToggle(props: { membershipId: string; name: string; available: boolean; works: boolean; self: boolean; canChange: boolean }) {
  if (!props.works) return null;
  const state = props.available ? "Available" : "Away";
  if (!props.canChange) return <span className="text-sm text-slate-500">{state}</span>;
  return (
    <Form method="post" className="flex items-center gap-2">
      <input type="hidden" name="intent" value="setAvailability" />
      <input type="hidden" name="membershipId" value={props.membershipId} />
      <input type="hidden" name="available" value={props.available ? "false" : "true"} />
      <span className={`text-sm ${props.available ? "text-emerald-700 dark:text-emerald-300" : "text-slate-500"}`}>{state}</span>
      <Button variant="ghost" className="min-h-8 px-3 py-1" aria-label={props.available ? `Mark ${props.self ? "yourself" : props.name} away` : `Mark ${props.self ? "yourself" : props.name} available`}>
        {props.available ? "Set away" : "Set available"}
      </Button>
    </Form>
  );
}

/** The organization's round-robin switch (owners and admins change it; everyone sees it). */
function AutoAssignCard({ enabled, canChange }: { enabled: boolean; canChange: boolean }) {
  return (
    <Card title="Conversations">
      {canChange ? (
        <Form method="post" className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="intent" value="setAutoAssign" />
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="enabled" defaultChecked={enabled} key={String(enabled)} className="h-4 w-4" />
            Auto-assign new conversations
          </label>
          <Button variant="secondary" className="min-h-8 px-3 py-1">
            Save
          </Button>
          <p className="w-full text-sm text-slate-500">
            A new conversation, or a customer writing in an unassigned one, goes to the next available agent, manager, admin or owner,
            whoever was assigned least recently.
          </p>
        </Form>
      ) : (
        <p className="text-sm">{enabled ? "New conversations are assigned round-robin among available members." : "New conversations stay unassigned until someone takes them."}</p>
      )}
    </Card>
  );
}

export default function MembersPage() {
  const { members, invitations, myUserId, conversationSettings } = useLoaderData<typeof loader>();
  const { organization } = useAppData();
  useLiveRefresh([useWorkspaceTopics().organization], ["member.joined", "member.updated"]);
  const myRole = organization?.role ?? "VIEWER";
  const manage = can(myRole, "update:member:any");
  const timeZone = useTimeZone();
  return (
    <div className="space-y-6">
      {can(myRole, "create:invitation:any") ? <InviteForm role={myRole} /> : null}
      <AutoAssignCard enabled={conversationSettings.autoAssignConversations} canChange={can(myRole, "update:settings:any")} />
      <Card title={`Members (${members.length})`}>
        <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Members">
          {members.map((member) => (
            <li key={member.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="truncate font-medium">
                  {member.user.name} {member.user.id === myUserId ? <span className="text-xs text-slate-500">(you)</span> : null}
                </p>
                <p className="truncate text-sm text-slate-500">{member.user.email}</p>
              </div>
              <AvailabilityToggle
                membershipId={member.id}
                name={member.user.name}
                available={member.available}
                works={roleAtLeast(member.role, "AGENT")}
                self={member.user.id === myUserId}
                canChange={member.user.id === myUserId || roleAtLeast(myRole, "MANAGER")}
              />
              {manage ? (
                <div className="flex flex-wrap items-center gap-2">
                  <Form method="post" className="flex items-center gap-2">
                    <input type="hidden" name="intent" value="updateRole" />
                    <input type="hidden" name="membershipId" value={member.id} />
                    <label className="sr-only" htmlFor={`role-${member.id}`}>
                      Role for {member.user.name}
                    </label>
                    <select
                      id={`role-${member.id}`}
                      name="role"
                      defaultValue={member.role}
                      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
                    >
                      {roleOptions(myRole).map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                    <Button variant="secondary" className="min-h-8 px-3 py-1">
                      Save role
                    </Button>
                  </Form>
                  {member.user.id !== myUserId ? (
                    <Link
                      to={`/settings/members/${member.id}/remove`}
                      className={`${buttonClass("ghost")} min-h-8 px-3 py-1 text-red-700 dark:text-red-300`}
                      aria-label={`Remove ${member.user.name}`}
                    >
                      Remove
                    </Link>
                  ) : null}
                </div>
              ) : (
                <span className="text-sm text-slate-500">{ROLE_LABELS[member.role]}</span>
              )}
            </li>
          ))}
        </ul>
      </Card>
      {invitations.length ? (
        <Card title="Pending invitations">
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Pending invitations">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
                <div>
                  <p className="font-medium">{invitation.email}</p>
                  <p className="text-slate-500">
                    {ROLE_LABELS[invitation.role]} · invited by {invitation.invitedBy.name} · expires{" "}
                    {new Date(invitation.expiresAt).toLocaleDateString("en-IN", { day: "numeric", month: "short", timeZone })}
                  </p>
                </div>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke" />
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <Button variant="ghost" className="min-h-8 px-3 py-1" aria-label={`Withdraw invitation for ${invitation.email}`}>
                    Withdraw
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
