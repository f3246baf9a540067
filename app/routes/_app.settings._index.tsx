import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Card } from "~/components/ui/card";
import { Button, buttonClass } from "~/components/ui/button";
import { FormError, TextField } from "~/components/ui/field";
import { useAppData } from "~/components/use-app-data";
import { getCaller } from "~/trpc/caller.server";
import { updateTimeZoneSchema } from "~/trpc/routers/organization/update-time-zone.schema";
import { submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { DEFAULT_TIME_ZONE, formatDateTime, isTimeZone, now } from "~/utils/clock";
import { can, ROLE_LABELS } from "~/utils/permissions";

export async function loader({ request }: LoaderFunctionArgs) {
  const { ctx } = await getCaller(request);
  // Suggestions for the zone field: every IANA zone this server knows, the current one and India's first.
  const known = Intl.supportedValuesOf("timeZone").filter(isTimeZone);
  const current = ctx.org?.timeZone ?? DEFAULT_TIME_ZONE;
  const zones = [...new Set([current, DEFAULT_TIME_ZONE, ...known])];
  return json({ zones, manage: can(ctx.org?.role, "update:settings:any"), now: now().toISOString() });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const { caller } = await getCaller(request);
  return submitAndRedirect(form, updateTimeZoneSchema, async (value) => {
    const result = await caller.organization.updateTimeZone(value);
    return { to: "/settings", message: `Time zone set to ${result.timeZone}.` };
  });
}

function TimeZoneForm({ timeZone, zones }: { timeZone: string; zones: string[] }) {
  const lastResult = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "time-zone",
    lastResult,
    defaultValue: { timeZone },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateTimeZoneSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end">
      <div className="sm:col-span-2">
        <FormError errors={form.errors} />
      </div>
      <TextField
        label="Time zone"
        {...getInputProps(fields.timeZone, { type: "text" })}
        list="time-zone-names"
        autoComplete="off"
        hint="A place name such as Asia/Kolkata, Asia/Dubai or America/New_York."
        error={fields.timeZone.errors?.[0]}
      />
      <datalist id="time-zone-names">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <Button pending={navigation.state === "submitting"} pendingText="Saving…">
        Save time zone
      </Button>
    </Form>
  );
}

export default function OrganizationSettingsPage() {
  const { organization, organizations, user } = useAppData();
  const { zones, manage, now: at } = useLoaderData<typeof loader>();
  const timeZone = organization?.timeZone ?? DEFAULT_TIME_ZONE;
  return (
    <div className="space-y-6">
      <Card title="Current organization">
        <dl className="grid gap-3 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">Name</dt>
            <dd className="font-medium">{organization?.name}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Your role</dt>
            <dd className="font-medium">{organization ? ROLE_LABELS[organization.role] : "—"}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Signed in as</dt>
            <dd className="font-medium">{user.email}</dd>
          </div>
        </dl>
      </Card>
      <Card title="Time zone">
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-300">
          Today&apos;s follow-ups, activity dates, exports and this month&apos;s forecast follow this zone. It is now{" "}
          {formatDateTime(at, timeZone)} in {timeZone}.
        </p>
        {manage ? <TimeZoneForm timeZone={timeZone} zones={zones} /> : <p className="text-sm font-medium">{timeZone}</p>}
      </Card>
      <Card
        title="Your organizations"
        actions={
          <Link to="/organizations/new" className={buttonClass("secondary")}>
            New organization
          </Link>
        }
      >
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
          {organizations.map((org) => (
            <li key={org.id} className="flex items-center justify-between py-2">
              <span>
                {org.name} {org.current ? <span className="text-xs text-brand-700 dark:text-brand-100">(current)</span> : null}
              </span>
              <span className="text-slate-500">{ROLE_LABELS[org.role]}</span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
