// The editable parts of a contact page. Each is a card with a small form that
// posts to the page's action (see section-form.tsx).
import { useMemo, useRef, type ReactNode } from "react";
import { Link, useFetcher } from "@remix-run/react";
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { SelectField, TextField } from "~/components/ui/field";
import { DisclosureContext, SectionForm, useSingleSubmit } from "~/components/contact/section-form";
import { CustomFieldInputs, DetailsFields, OwnershipFields, StatusFields } from "~/components/contact/contact-fields";
import { TagChip } from "~/components/contact/tag-chip";
import type { ContactDuplicates, ContactFormOptions, ContactProfile } from "~/components/contact/contact-types";
import {
  CONSENT_CHANNEL_LABELS,
  CONSENT_STATUS_LABELS,
  FOLLOW_UP_KIND_LABELS,
  STAGE_LABELS,
  TEMPERATURE_LABELS,
} from "~/domain/contact/contact-labels";
import { TEMPERATURE_CLASSES } from "~/components/contact/temperature-classes";
import { updateContactSchema } from "~/trpc/routers/contact/update.schema";
import { addNoteSchema, NOTE_MAX } from "~/trpc/routers/contact/add-note.schema";
import { addTagSchema } from "~/trpc/routers/contact/add-tag.schema";
import { setConsentSchema } from "~/trpc/routers/contact/set-consent.schema";
import { createFollowUpSchema } from "~/trpc/routers/follow-up/create.schema";
import { FOLLOW_UP_KINDS } from "~/domain/follow-up/follow-up-kinds";
import { formatDateTime } from "~/utils/format";
import { formatPhone } from "~/utils/phone";
import { contactReach } from "~/domain/contact/contact-reach";
import { useTimeZone } from "~/components/use-app-data";

const TEXTAREA =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";

/** "Edit" that opens a form in place; works without JavaScript (a <details> element). */
function EditDisclosure({ label, children, open }: { label: string; children: ReactNode; open?: boolean }) {
  const details = useRef<HTMLDetailsElement>(null);
  const context = useMemo(() => ({ close: () => details.current?.removeAttribute("open") }), []);
  return (
    <DisclosureContext.Provider value={context}>
      <details ref={details} className="group mt-3" open={open || undefined}>
        <summary className="inline-flex min-h-10 cursor-pointer list-none items-center rounded-md border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
          <span className="group-open:hidden">{label}</span>
          <span className="hidden group-open:inline">Close</span>
        </summary>
        <div className="mt-3">{children}</div>
      </details>
    </DisclosureContext.Provider>
  );
}

/**
 * Labels and values side by side. A label takes the width it needs up to 40% of the
 * card (a long custom-field label wraps there), so the value always has the rest.
 */
function Facts({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <dl className="grid grid-cols-[fit-content(40%)_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="min-w-0 text-slate-500 [overflow-wrap:anywhere]">{label}</dt>
          <dd className="min-w-0 [overflow-wrap:anywhere]">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type WithProfile = { profile: ContactProfile };
type WithOptions = WithProfile & { options: ContactFormOptions };

export function DetailsSection({ profile, openWith }: WithProfile & { openWith?: string }) {
  const { contact, permissions } = profile;
  return (
    <Card title="Details">
      <Facts
        rows={[
          ["Name", contact.name],
          ["Phone", contact.phone ? formatPhone(contact.phone) : "—"],
          ["Email", contact.email ?? "—"],
        ]}
      />
      {permissions.canEdit ? (
        <EditDisclosure label="Edit details" open={openWith === "details"}>
          <SectionForm
            intent="details"
            schema={updateContactSchema}
            version={contact.version}
            hidden={{ id: contact.id }}
            defaultValue={{ name: contact.name, phone: contact.phone ? formatPhone(contact.phone) : "", email: contact.email ?? "" }}
            submitLabel="Save details"
          >
            {(fields) => <DetailsFields fields={fields} />}
          </SectionForm>
        </EditDisclosure>
      ) : null}
    </Card>
  );
}

export function StatusSection({ profile, openWith }: WithProfile & { openWith?: string }) {
  const { contact, permissions } = profile;
  return (
    <Card title="Status">
      <Facts
        rows={[
          ["Stage", STAGE_LABELS[contact.stage]],
          [
            "Temperature",
            <span key="temperature" className={`rounded px-1.5 py-0.5 text-xs font-semibold ${TEMPERATURE_CLASSES[contact.temperature]}`}>
              {TEMPERATURE_LABELS[contact.temperature]}
            </span>,
          ],
          ["Score", `${contact.score} / 100`],
        ]}
      />
      {permissions.canEdit ? (
        <EditDisclosure label="Change status" open={openWith === "status"}>
          <SectionForm
            intent="status"
            schema={updateContactSchema}
            version={contact.version}
            hidden={{ id: contact.id }}
            defaultValue={{ stage: contact.stage, temperature: contact.temperature, score: String(contact.score) }}
            submitLabel="Save status"
          >
            {(fields) => <StatusFields fields={fields} />}
          </SectionForm>
        </EditDisclosure>
      ) : null}
    </Card>
  );
}

export function OwnershipSection({ profile, options, openWith }: WithOptions & { openWith?: string }) {
  const { contact, permissions } = profile;
  return (
    <Card title="Owner and company">
      <Facts
        rows={[
          ["Owner", contact.owner?.name ?? "Unassigned"],
          ["Company", contact.company?.name ?? "—"],
        ]}
      />
      {permissions.canEdit ? (
        <EditDisclosure label="Change owner or company" open={openWith === "ownership"}>
          <SectionForm
            intent="ownership"
            schema={updateContactSchema}
            version={contact.version}
            hidden={{ id: contact.id }}
            defaultValue={{ ownerId: contact.owner?.id ?? "", companyId: contact.company?.id ?? "" }}
            submitLabel="Save owner and company"
          >
            {(fields) => (
              <OwnershipFields
                fields={fields}
                options={{
                  ...options,
                  // Keep the current owner choosable even when the caller couldn't pick them.
                  members:
                    contact.owner && !options.members.some((m) => m.id === contact.owner!.id)
                      ? [...options.members, { id: contact.owner.id, name: contact.owner.name, role: "AGENT" as const }]
                      : options.members,
                  companies:
                    contact.company && !options.companies.some((c) => c.id === contact.company!.id)
                      ? [...options.companies, contact.company]
                      : options.companies,
                }}
              />
            )}
          </SectionForm>
        </EditDisclosure>
      ) : null}
    </Card>
  );
}

export function CustomFieldsSection({ profile, openWith }: WithProfile & { openWith?: string }) {
  const { contact, permissions, customFields } = profile;
  if (customFields.length === 0) return null;
  const values = Object.fromEntries(customFields.map((field) => [field.key, field.value]));
  return (
    <Card title="Custom fields">
      <Facts rows={customFields.map((field) => [field.label, field.value ?? "—"])} />
      {permissions.canEdit ? (
        <EditDisclosure label="Edit custom fields" open={openWith === "customFields"}>
          <SectionForm
            intent="customFields"
            schema={updateContactSchema}
            version={contact.version}
            hidden={{ id: contact.id }}
            submitLabel="Save custom fields"
          >
            {(_fields, form) => <CustomFieldInputs form={form} definitions={customFields} values={values} />}
          </SectionForm>
        </EditDisclosure>
      ) : null}
    </Card>
  );
}

/** A single button that posts in place (remove a tag, mark done). */
function ButtonForm({
  intent,
  hidden,
  label,
  ariaLabel,
  variant = "ghost",
  className = "",
}: {
  intent: string;
  hidden: Record<string, string>;
  label: ReactNode;
  ariaLabel?: string;
  variant?: "ghost" | "secondary" | "danger" | "primary";
  className?: string;
}) {
  const fetcher = useFetcher();
  const onSubmit = useSingleSubmit(fetcher);
  return (
    <fetcher.Form method="post" className="inline" onSubmit={onSubmit}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button variant={variant} aria-label={ariaLabel} pending={fetcher.state !== "idle"} className={className}>
        {label}
      </Button>
    </fetcher.Form>
  );
}

export function TagsSection({ profile, options }: WithOptions) {
  const { contact, tags, permissions } = profile;
  return (
    <Card title="Tags">
      {tags.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">No tags yet.</p>
      ) : (
        <ul aria-label="Tags" className="flex flex-wrap gap-2">
          {tags.map((tag) => (
            <li key={tag.id} className="flex max-w-full items-center">
              <TagChip name={tag.name} color={tag.color} source={tag.source} confidence={tag.confidence}>
                {permissions.canEdit ? (
                  <ButtonForm
                    intent="removeTag"
                    hidden={{ tagId: tag.id }}
                    label="×"
                    ariaLabel={`Remove tag ${tag.name}`}
                    className="min-h-6 px-1.5 py-0 text-sm leading-none"
                  />
                ) : null}
              </TagChip>
            </li>
          ))}
        </ul>
      )}
      {tags.some((tag) => tag.source === "AI") ? (
        <p className="mt-2 text-xs text-slate-500">Dashed tags marked AI were suggested by lead scoring, with its confidence.</p>
      ) : null}
      {permissions.canEdit ? (
        <SectionForm
          intent="addTag"
          schema={addTagSchema}
          hidden={{ id: contact.id }}
          submitLabel="Add tag"
          pendingLabel="Adding…"
          submitVariant="secondary"
          className="mt-4 flex flex-wrap items-end gap-2"
        >
          {(fields) => (
            <div className="min-w-0 flex-1 basis-40">
              <TextField
                label="Tag"
                list="contact-tag-options"
                autoComplete="off"
                placeholder="vip"
                {...getInputProps(fields.name!, { type: "text" })}
                error={fields.name!.errors?.[0]}
              />
              <datalist id="contact-tag-options">
                {options.tags.map((tag) => (
                  <option key={tag.id} value={tag.name} />
                ))}
              </datalist>
            </div>
          )}
        </SectionForm>
      ) : null}
    </Card>
  );
}

export function ConsentSection({ profile, openWith, openKey }: WithProfile & { openWith?: string; openKey?: string | null }) {
  const timeZone = useTimeZone();
  const { contact, consents, permissions } = profile;
  return (
    <Card title="Consent">
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Consent">
        {consents.map((consent) => (
          <li key={consent.channel} className="py-3 first:pt-0">
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">{CONSENT_CHANNEL_LABELS[consent.channel]}:</span>
              <span
                className={
                  consent.status === "OPTED_OUT"
                    ? "font-semibold text-red-700 dark:text-red-300"
                    : consent.status === "OPTED_IN"
                      ? "font-semibold text-emerald-700 dark:text-emerald-300"
                      : "text-slate-500"
                }
              >
                {consent.status ? CONSENT_STATUS_LABELS[consent.status] : "Not recorded"}
              </span>
            </p>
            {consent.changedAt ? (
              <p className="text-xs text-slate-500">
                {formatDateTime(consent.changedAt, timeZone)} · {consent.source}
              </p>
            ) : null}
            {permissions.canEdit ? (
              <EditDisclosure
                label={`Change ${CONSENT_CHANNEL_LABELS[consent.channel]} consent`}
                open={openWith === "consent" && openKey === consent.channel}
              >
                <SectionForm
                  intent="consent"
                  formKey={consent.channel}
                  schema={setConsentSchema}
                  hidden={{ id: contact.id, channel: consent.channel }}
                  defaultValue={{ status: consent.status === "OPTED_IN" ? "OPTED_OUT" : "OPTED_IN" }}
                  submitLabel={`Save ${CONSENT_CHANNEL_LABELS[consent.channel]} consent`}
                >
                  {(fields) => (
                    <>
                      <SelectField
                        label={`${CONSENT_CHANNEL_LABELS[consent.channel]} consent`}
                        {...getSelectProps(fields.status!)}
                        options={[
                          { value: "OPTED_IN", label: "Opted in" },
                          { value: "OPTED_OUT", label: "Opted out" },
                        ]}
                        error={fields.status!.errors?.[0]}
                      />
                      <TextField
                        label={`Reason for the ${CONSENT_CHANNEL_LABELS[consent.channel]} change`}
                        placeholder="Asked on a call to stop messages"
                        {...getInputProps(fields.reason!, { type: "text" })}
                        error={fields.reason!.errors?.[0]}
                      />
                    </>
                  )}
                </SectionForm>
              </EditDisclosure>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function FollowUpsSection({
  profile,
  options,
  defaultDueAt,
  now,
  openWith,
}: WithOptions & { defaultDueAt: string; now: string; openWith?: string }) {
  const timeZone = useTimeZone();
  const { contact, followUps, permissions } = profile;
  const pending = followUps.filter((f) => f.status === "PENDING");
  const closed = followUps.filter((f) => f.status !== "PENDING");
  return (
    <Card title="Follow-ups">
      {pending.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-300">Nothing scheduled.</p>
      ) : (
        <ul aria-label="Scheduled follow-ups" className="divide-y divide-slate-200 dark:divide-slate-800">
          {pending.map((followUp) => {
            const overdue = new Date(followUp.dueAt).getTime() < new Date(now).getTime();
            return (
              <li key={followUp.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
                <div className="min-w-0 text-sm">
                  <p className="font-medium">
                    {FOLLOW_UP_KIND_LABELS[followUp.kind]} · {formatDateTime(followUp.dueAt, timeZone)}
                    {overdue ? <span className="ml-2 text-xs font-semibold text-red-700 dark:text-red-300">Overdue</span> : null}
                  </p>
                  <p className="text-xs text-slate-500">{followUp.assignee?.name ?? "Unassigned"}</p>
                  {followUp.note ? <p className="whitespace-pre-wrap break-words">{followUp.note}</p> : null}
                </div>
                {permissions.canEdit || followUp.assignee?.id === options.me.id ? (
                  <div className="flex flex-wrap gap-2">
                    <ButtonForm
                      intent="completeFollowUp"
                      hidden={{ followUpId: followUp.id }}
                      label="Mark done"
                      ariaLabel={`Mark ${FOLLOW_UP_KIND_LABELS[followUp.kind].toLowerCase()} due ${formatDateTime(followUp.dueAt, timeZone)} done`}
                      variant="secondary"
                      className="min-h-9 px-3 py-1"
                    />
                    <ButtonForm
                      intent="cancelFollowUp"
                      hidden={{ followUpId: followUp.id }}
                      label="Cancel"
                      ariaLabel={`Cancel ${FOLLOW_UP_KIND_LABELS[followUp.kind].toLowerCase()} due ${formatDateTime(followUp.dueAt, timeZone)}`}
                      variant="ghost"
                      className="min-h-9 px-3 py-1"
                    />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {closed.length ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-300">Recently done or cancelled ({closed.length})</summary>
          <ul aria-label="Closed follow-ups" className="mt-2 space-y-1 text-slate-600 dark:text-slate-300">
            {closed.map((followUp) => (
              <li key={followUp.id}>
                {FOLLOW_UP_KIND_LABELS[followUp.kind]} due {formatDateTime(followUp.dueAt, timeZone)} —{" "}
                {followUp.status === "DONE" ? "done" : <span className="font-medium">cancelled</span>} by{" "}
                {followUp.completedBy?.name ?? "someone"}
                {followUp.completedAt ? `, ${formatDateTime(followUp.completedAt, timeZone)}` : ""}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {permissions.canEdit ? (
        <EditDisclosure label="Schedule a follow-up" open={openWith === "scheduleFollowUp"}>
          <SectionForm
            intent="scheduleFollowUp"
            schema={createFollowUpSchema}
            hidden={{ contactId: contact.id }}
            defaultValue={{ kind: "CALL", dueAt: defaultDueAt, assigneeId: options.me.id }}
            submitLabel="Schedule follow-up"
            pendingLabel="Scheduling…"
          >
            {(fields) => (
              <>
                <SelectField
                  label="Kind"
                  {...getSelectProps(fields.kind!)}
                  options={FOLLOW_UP_KINDS.map((value) => ({ value, label: FOLLOW_UP_KIND_LABELS[value] }))}
                  error={fields.kind!.errors?.[0]}
                />
                <TextField
                  label={`Due (${timeZone})`}
                  {...getInputProps(fields.dueAt!, { type: "datetime-local" })}
                  error={fields.dueAt!.errors?.[0]}
                />
                <SelectField
                  label="Assignee"
                  {...getSelectProps(fields.assigneeId!)}
                  options={options.members.map((member) => ({
                    value: member.id,
                    label: member.id === options.me.id ? `${member.name} (me)` : member.name,
                  }))}
                  error={fields.assigneeId!.errors?.[0]}
                />
                <div className="space-y-1">
                  <label htmlFor={fields.note!.id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
                    Note (optional)
                  </label>
                  <textarea {...getTextareaProps(fields.note!)} rows={2} maxLength={1000} className={TEXTAREA} />
                  {fields.note!.errors?.[0] ? <p className="text-sm text-red-600">{fields.note!.errors[0]}</p> : null}
                </div>
              </>
            )}
          </SectionForm>
        </EditDisclosure>
      ) : null}
    </Card>
  );
}

export function AddNoteForm({ profile }: WithProfile) {
  if (!profile.permissions.canEdit) return null;
  return (
    <SectionForm
      intent="addNote"
      schema={addNoteSchema}
      hidden={{ id: profile.contact.id }}
      submitLabel="Add note"
      pendingLabel="Adding…"
      submitVariant="secondary"
      className="mb-6 space-y-2"
    >
      {(fields) => (
        <div className="space-y-1">
          <label htmlFor={fields.body!.id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
            Note
          </label>
          <textarea
            {...getTextareaProps(fields.body!)}
            rows={3}
            maxLength={NOTE_MAX}
            placeholder="What happened on the call?"
            aria-describedby={fields.body!.errors?.length ? `${fields.body!.id}-error` : undefined}
            className={TEXTAREA}
          />
          {fields.body!.errors?.[0] ? (
            <p id={`${fields.body!.id}-error`} className="text-sm text-red-600 dark:text-red-400">
              {fields.body!.errors[0]}
            </p>
          ) : null}
        </div>
      )}
    </SectionForm>
  );
}

const DUPLICATE_REASONS = { phone: "same last 10 digits", email: "same email", name: "similar name" } as const;

export function DuplicatesSection({ profile, duplicates }: WithProfile & { duplicates: ContactDuplicates }) {
  if (duplicates.length === 0) return null;
  const { contact } = profile;
  return (
    <Card title="Possible duplicates">
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Possible duplicates">
        {duplicates.map((duplicate) => (
          <li key={duplicate.id} className="py-3 first:pt-0 text-sm">
            <p>
              <Link to={`/contacts/${duplicate.id}`} className="font-medium underline">
                {duplicate.name}
              </Link>
            </p>
            <p className="break-all text-slate-500">
              {contactReach(duplicate)} · {DUPLICATE_REASONS[duplicate.matchedOn]}
            </p>
            {duplicate.canMerge ? (
              <Link
                to={`/contacts/${contact.id}/merge?with=${duplicate.id}`}
                className="mt-2 inline-flex min-h-10 items-center rounded-md border border-slate-300 px-3 font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
              >
                Compare and merge…
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
