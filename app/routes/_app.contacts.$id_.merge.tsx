// /contacts/:id/merge: find the contact to merge with (possible duplicates by
// phone, email or a similar name, or a search), then /contacts/:id/merge?with=<id>
// compares the two side by side with a choice per field. :id is the contact
// that stays. Plain links and form posts, so it all works without JavaScript.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Card } from "~/components/ui/card";
import { Button, buttonClass } from "~/components/ui/button";
import { ErrorView } from "~/components/error-view";
import { MergeChoices, mergeRows } from "~/components/contact/merge-choices";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { contactIdSchema } from "~/trpc/routers/contact/get.schema";
import { mergeContactsSchema } from "~/domain/contact/merge.schema";
import { contactListSchema } from "~/domain/contact/contact-filter.schema";
import { runAndRedirect } from "~/web/form-action.server";
import { contactReach } from "~/domain/contact/contact-reach";
import { contactIdOr404 } from "~/web/contact-id-param.server";
import { ContactBreadcrumb } from "~/components/contact/contact-breadcrumb";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Merge with ${data.survivor.contact.name} · Leadlane` : "Merge contacts · Leadlane" },
];


const REASONS = { phone: "same last 10 digits", email: "same email", name: "similar name" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = contactIdOr404(params.id);
  const url = new URL(request.url);
  const withId = url.searchParams.get("with");
  const { caller } = await getCaller(request);
  const survivor = await loaderCall(request, () => caller.contact.get({ id }));
  if (!survivor.permissions.canEdit) throw json({ message: "Your role can't merge this contact." }, { status: 403 });

  if (withId) {
    const duplicateId = contactIdOr404(withId);
    if (duplicateId === id) throw json({ message: "Choose two different contacts." }, { status: 400 });
    const duplicate = await loaderCall(request, () => caller.contact.get({ id: duplicateId }));
    return json({ survivor, duplicate, candidates: null, search: null });
  }

  const q = (url.searchParams.get("q") ?? "").trim();
  const listInput = contactListSchema.safeParse({ filter: { q }, perPage: 25 });
  if (!listInput.success) throw json({ message: listInput.error.issues[0]?.message ?? "Check the search." }, { status: 400 });
  const [candidates, found] = await Promise.all([
    loaderCall(request, () => caller.contact.duplicates({ id, similarNames: true })),
    q ? loaderCall(request, () => caller.contacts.list(listInput.data)) : Promise.resolve(null),
  ]);
  const search = found
    ? { q, rows: found.rows.filter((row) => row.id !== id).map(({ id, name, phone, email }) => ({ id, name, phone, email })) }
    : null;
  return json({ survivor, duplicate: null, candidates, search });
}

/** The form's `keep.<field>` and `keep.customFields.<key>` radios, as the schema's nested object. */
function keepFrom(form: FormData) {
  const keep: Record<string, unknown> = {};
  const customFields: Record<string, unknown> = {};
  for (const [name, value] of form) {
    if (name.startsWith("keep.customFields.")) customFields[name.slice("keep.customFields.".length)] = value;
    else if (name.startsWith("keep.")) keep[name.slice("keep.".length)] = value;
  }
  return { ...keep, customFields };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const survivorId = contactIdOr404(params.id);
  const form = await request.formData();
  const { caller } = await getCaller(request);
  const duplicateId = String(form.get("duplicateId") ?? "");
  const comparing = contactIdSchema.safeParse({ id: duplicateId }).success && duplicateId.toLowerCase() !== survivorId;
  const here = `/contacts/${survivorId}/merge${comparing ? `?with=${duplicateId}` : ""}`;
  return runAndRedirect(
    `/contacts/${survivorId}`,
    async () => {
      const input = mergeContactsSchema.parse({
        survivorId,
        duplicateId,
        keep: keepFrom(form),
        survivorVersion: form.get("survivorVersion") ?? undefined,
        duplicateVersion: form.get("duplicateVersion") ?? undefined,
      });
      const summary = await caller.contact.merge(input);
      return `Merged ${summary.duplicate.name} into this contact.`;
    },
    { failTo: here },
  );
}

export default function MergePage() {
  const data = useLoaderData<typeof loader>();
  const { survivor } = data;
  const name = survivor.contact.name;
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <ContactBreadcrumb contact={{ id: survivor.contact.id, name }} />
      {data.duplicate ? (
        <CompareAndMerge survivor={survivor} duplicate={data.duplicate} />
      ) : (
        <FindContact survivorId={survivor.contact.id} name={name} candidates={data.candidates ?? []} search={data.search} />
      )}
    </div>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function FindContact({
  survivorId,
  name,
  candidates,
  search,
}: {
  survivorId: string;
  name: string;
  candidates: NonNullable<Data["candidates"]>;
  search: Data["search"];
}) {
  return (
    <>
      <header>
        <h1 className="break-words text-2xl font-semibold tracking-tight">Merge with {name}</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          Choose the other record of this person. You compare the two before anything changes; {name} is the one that stays.
        </p>
      </header>
      <Card title="Possible duplicates">
        {candidates.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">No other contact has the same phone, the same email or a similar name.</p>
        ) : (
          <CandidateList survivorId={survivorId} label="Possible duplicates" rows={candidates.map((row) => ({ ...row, reason: REASONS[row.matchedOn] }))} />
        )}
      </Card>
      <Card title="Find another contact">
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <label className="min-w-0 flex-1 text-sm">
            <span className="mb-1 block font-medium">Name, phone or email</span>
            <input
              type="search"
              name="q"
              defaultValue={search?.q ?? ""}
              maxLength={100}
              className="block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
            />
          </label>
          <Button variant="secondary">Search</Button>
        </Form>
        {search ? (
          search.rows.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600 dark:text-slate-300">No other contact matches “{search.q}”.</p>
          ) : (
            <div className="mt-3">
              <CandidateList survivorId={survivorId} label="Search results" rows={search.rows.map((row) => ({ ...row, reason: null }))} />
            </div>
          )
        ) : null}
      </Card>
    </>
  );
}

function CandidateList({
  survivorId,
  label,
  rows,
}: {
  survivorId: string;
  label: string;
  rows: Array<{ id: string; name: string; phone: string | null; email: string | null; reason: string | null }>;
}) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-200 dark:divide-slate-800">
      {rows.map((row) => (
        <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm first:pt-0">
          <div className="min-w-0">
            <p className="break-words font-medium">{row.name}</p>
            <p className="break-all text-slate-500">
              {contactReach(row)}
              {row.reason ? ` · ${row.reason}` : ""}
            </p>
          </div>
          <Link to={`/contacts/${survivorId}/merge?with=${row.id}`} className={buttonClass("secondary")} aria-label={`Compare with ${row.name}`}>
            Compare
          </Link>
        </li>
      ))}
    </ul>
  );
}

function CompareAndMerge({ survivor, duplicate }: { survivor: Data["survivor"]; duplicate: NonNullable<Data["duplicate"]> }) {
  const navigation = useNavigation();
  const a = survivor.contact;
  const b = duplicate.contact;
  return (
    <>
      <header>
        <h1 className="break-words text-2xl font-semibold tracking-tight">
          Merge {b.name} into {a.name}
        </h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          For each field, choose the value to keep. {b.name}&apos;s timeline, notes, tags, follow-ups, consent, deals and form
          submissions move to {a.name}, the phone and email not kept stay on {a.name} as secondary ones, and then {b.name} is
          deleted. This can&apos;t be undone.
        </p>
        <p className="mt-2 text-sm">
          <Link to={`/contacts/${b.id}/merge?with=${a.id}`} className="underline">
            Keep {b.name} instead (its link stays)
          </Link>
        </p>
      </header>
      <Form method="post" className="space-y-6">
        <input type="hidden" name="duplicateId" value={b.id} />
        <input type="hidden" name="survivorVersion" value={a.version} />
        <input type="hidden" name="duplicateVersion" value={b.version} />
        <Card>
          <MergeChoices rows={mergeRows(survivor, duplicate)} survivorName={a.name} duplicateName={b.name} />
        </Card>
        <div className="flex flex-wrap gap-2">
          <Button variant="danger" pending={navigation.state === "submitting"} pendingText="Merging…">
            Merge {b.name} into {a.name}
          </Button>
          <Link to={`/contacts/${a.id}`} className={buttonClass("secondary")}>
            Cancel
          </Link>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
