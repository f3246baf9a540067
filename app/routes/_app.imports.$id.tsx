import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { useEffect, useRef } from "react";
import { parseWithZod } from "@conform-to/zod/v4";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { Button, buttonClass } from "~/components/ui/button";
import { FormError } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { configureImportSchema } from "~/trpc/routers/contact-import/configure.schema";
import { importIdSchema } from "~/trpc/routers/contact-import/get.schema";
import { DUPLICATE_STRATEGIES, IMPORT_FIELDS, type DuplicateStrategyValue } from "~/domain/contact-import/import-fields";
import { submitAndRedirect, type FormReply } from "~/web/form-action.server";
import { countOf, formatDateTime } from "~/utils/format";
import { useTimeZone } from "~/components/use-app-data";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.contactImport.fileName ?? "Import"} · Imports · Leadlane` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = importIdSchema.safeParse({ id: params.id });
  if (!parsed.success) throw json({ message: "Import not found." }, { status: 404 });
  const { caller } = await getCaller(request);
  return json(await loaderCall(request, () => caller.contactImport.get(parsed.data)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  const { caller } = await getCaller(request);
  const to = `/imports/${params.id}`;
  return submitAndRedirect(formData, configureImportSchema, async (value) => {
    if (intent === "start") {
      await caller.contactImport.start(value);
      return { to, message: "Import started." };
    }
    await caller.contactImport.configure(value);
    return { to, message: "Preview updated with your columns." };
  });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

const STRATEGY_OUTCOME: Record<DuplicateStrategyValue, string> = {
  SKIP: "will be skipped",
  UPDATE: "will be updated",
  MERGE: "will be merged",
};

function ColumnSelect({
  id,
  name,
  label,
  headers,
  defaultValue,
  error,
}: {
  id: string;
  name: string;
  label: string;
  headers: string[];
  defaultValue: number | undefined;
  error?: string;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue === undefined ? "" : String(defaultValue)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-sm dark:bg-slate-900 ${
          error ? "border-red-500" : "border-slate-300 dark:border-slate-700"
        }`}
      >
        <option value="">— Don&apos;t import —</option>
        {headers.map((header, index) => (
          <option key={index} value={index}>
            {header}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** "Preview: the first 20 rows", "Preview: the first row". */
function previewTitle(rows: number): string {
  return rows === 1 ? "Preview: the first row" : `Preview: the first ${countOf(rows, "row")}`;
}

/** "No problems in these rows.", "1 of these rows has a problem and will not be imported; …" */
function previewSummary(rows: number, problemRows: number): string {
  if (problemRows === 0) return rows === 1 ? "No problems in this row." : "No problems in these rows.";
  if (rows === 1) return "This row has a problem and will not be imported; you can download it with the reason after the import.";
  const which = problemRows === 1 ? "1 of these rows has a problem" : `${problemRows} of these rows have problems`;
  return `${which} and will not be imported; you can download ${problemRows === 1 ? "it" : "them"} with the reason after the import.`;
}

function MappingStep({ data }: { data: LoaderData }) {
  const actionData = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const { contactImport, headers, columns, customFields, preview, missingRequired, encoding, encodingWasGuessed } = data;
  const [form] = useForm({
    id: `import-${contactImport.id}`,
    lastResult: navigation.state === "idle" ? actionData : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: configureImportSchema }),
  });
  const errors = form.allErrors;
  const submitting = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const strategy = contactImport.duplicateStrategy as DuplicateStrategyValue;
  const mappedFields = IMPORT_FIELDS.filter((field) => columns[field.key] !== undefined);
  const mappedCustom = customFields.filter((field) => columns.customFields?.[field.key] !== undefined);
  const problemRows = preview?.filter((row) => row.problems.length > 0).length ?? 0;
  return (
    <>
      <Form method="post" {...getFormProps(form)} className="space-y-6">
        <input type="hidden" name="id" value={contactImport.id} />
        <FormError errors={form.errors} />
        {missingRequired.length > 0 ? (
          <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
            We couldn&apos;t find a column for {missingRequired.join(", ")}. A name column and a phone or email column are
            required — choose them below.
          </div>
        ) : null}
        <Card title="Step 2 of 3: match the columns">
          <p className="mb-2 text-sm text-slate-600 dark:text-slate-300">
            {countOf(contactImport.totalRows, "row")} in {contactImport.fileName}. For each field, pick the column of your
            file that holds it; columns you don&apos;t pick are not imported.
          </p>
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-300" data-testid="import-encoding">
            Read as {encoding}.
            {encodingWasGuessed
              ? " If names in the preview look wrong, save the file from Excel as CSV UTF-8 and upload it again."
              : null}
          </p>
          <div className="grid gap-4 sm:grid-cols-2">
            {IMPORT_FIELDS.map((field) => (
              <ColumnSelect
                key={field.key}
                id={`map-${field.key}`}
                name={`mapping.${field.key}`}
                label={field.required ? `${field.label} (required)` : field.label}
                headers={headers}
                defaultValue={columns[field.key]}
                error={errors[`mapping.${field.key}`]?.[0]}
              />
            ))}
            {customFields.map((field) => (
              <ColumnSelect
                key={field.key}
                id={`map-cf-${field.key}`}
                name={`mapping.customFields.${field.key}`}
                label={`${field.label} (custom field)`}
                headers={headers}
                defaultValue={columns.customFields?.[field.key]}
                error={errors[`mapping.customFields.${field.key}`]?.[0]}
              />
            ))}
          </div>
        </Card>
        <Card title="Contacts that already exist">
          <fieldset className="space-y-3">
            <legend className="mb-2 text-sm text-slate-600 dark:text-slate-300">
              When a row&apos;s phone number already belongs to a contact:
            </legend>
            {DUPLICATE_STRATEGIES.map((option) => (
              <label key={option.value} className="flex items-start gap-3 text-sm">
                <input
                  type="radio"
                  name="duplicateStrategy"
                  value={option.value}
                  defaultChecked={strategy === option.value}
                  className="mt-1"
                />
                <span>
                  <span className="font-medium">{option.label}</span>
                  <span className="block text-slate-500">{option.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </Card>
        <div className="flex flex-wrap gap-2">
          <Button name="intent" value="configure" variant="secondary" pending={submitting === "configure"} pendingText="Updating…">
            Update preview
          </Button>
          <Button name="intent" value="start" pending={submitting === "start"} pendingText="Starting…">
            Start import
          </Button>
        </div>
      </Form>
      <Card title={previewTitle(preview?.length ?? 0)}>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">
          {previewSummary(preview?.length ?? 0, problemRows)}{" "}
          Row numbers count the header as row 1. Using the saved columns; after changing columns, choose Update preview.
        </p>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-3">Row</th>
                <th scope="col" className="py-2 pr-3">Problems</th>
                {mappedFields.map((field) => (
                  <th key={field.key} scope="col" className="py-2 pr-3">
                    {field.label}
                  </th>
                ))}
                {mappedCustom.map((field) => (
                  <th key={field.key} scope="col" className="py-2 pr-3">
                    {field.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {(preview ?? []).map((row) => (
                <tr key={row.rowNumber} className={row.problems.length ? "bg-red-50 dark:bg-red-950/40" : undefined}>
                  <td className="py-2 pr-3 align-top tabular-nums">{row.rowNumber}</td>
                  <td className="min-w-[14rem] py-2 pr-3 align-top">
                    {row.problems.length ? (
                      <ul className="space-y-0.5 text-red-700 dark:text-red-300">
                        {row.problems.map((problem) => (
                          <li key={problem}>{problem}</li>
                        ))}
                      </ul>
                    ) : row.existing ? (
                      <span className="text-slate-500">Already a contact — {STRATEGY_OUTCOME[strategy]}</span>
                    ) : (
                      <span className="text-emerald-700 dark:text-emerald-300">OK</span>
                    )}
                  </td>
                  {mappedFields.map((field) => (
                    <td key={field.key} className="max-w-[14rem] truncate py-2 pr-3 align-top">
                      {row.values[field.key]}
                    </td>
                  ))}
                  {mappedCustom.map((field) => (
                    <td key={field.key} className="max-w-[14rem] truncate py-2 pr-3 align-top">
                      {row.values[`cf.${field.key}`]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}

function Counts({ data }: { data: LoaderData }) {
  const item = data.contactImport;
  const counts = [
    ["Created", item.createdCount],
    ["Updated", item.updatedCount],
    ["Skipped", item.skippedCount],
    ["Failed", item.failedCount],
  ] as const;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {counts.map(([label, value]) => (
        <div key={label} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
          <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
          <dd className="text-xl font-semibold tabular-nums" data-testid={`import-${label.toLowerCase()}`}>
            {value.toLocaleString("en-IN")}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ProgressStep({ data }: { data: LoaderData }) {
  const item = data.contactImport;
  const percent = item.totalRows ? Math.floor((item.processedRows / item.totalRows) * 100) : 0;
  return (
    <Card title="Step 3 of 3: importing">
      {/* Without JavaScript the page reloads itself every two seconds until the import is done. */}
      <noscript>
        <meta httpEquiv="refresh" content="2" />
      </noscript>
      <div role="status" aria-live="polite" className="space-y-4">
        <p className="text-sm">
          Imported {item.processedRows.toLocaleString("en-IN")} of {countOf(item.totalRows, "row")} ({percent}%).
        </p>
        <progress
          className="h-3 w-full"
          value={item.processedRows}
          max={Math.max(item.totalRows, 1)}
          aria-label="Import progress"
        />
        <Counts data={data} />
        <p className="text-sm text-slate-500">
          You can leave this page; the import keeps running.{" "}
          <a href={`/imports/${item.id}`} className="underline">
            Refresh
          </a>
        </p>
      </div>
    </Card>
  );
}

function ResultStep({ data }: { data: LoaderData }) {
  const timeZone = useTimeZone();
  const item = data.contactImport;
  return (
    <Card title={item.status === "FAILED" ? "The import stopped" : "Import complete"}>
      <div role="status" className="space-y-4">
        {item.status === "FAILED" ? (
          <p className="text-sm text-red-700 dark:text-red-300">{item.error ?? "The import could not finish."}</p>
        ) : (
          <p className="text-sm">
            {item.totalRows === 1 ? "The 1 row was processed" : `All ${countOf(item.totalRows, "row")} were processed`}
            {item.finishedAt ? ` (finished ${formatDateTime(item.finishedAt, timeZone)})` : ""}.
          </p>
        )}
        <Counts data={data} />
        <div className="flex flex-wrap gap-2">
          {item.failedCount > 0 ? (
            <a href={`/imports/${item.id}/errors.csv`} download className={buttonClass("primary")}>
              Download the {countOf(item.failedCount, "failed row")} as CSV
            </a>
          ) : null}
          <Link to="/contacts" className={buttonClass("secondary")}>
            Go to contacts
          </Link>
        </div>
      </div>
    </Card>
  );
}

export default function ImportPage() {
  const timeZone = useTimeZone();
  const data = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const item = data.contactImport;
  useLiveRefresh([useWorkspaceTopics().organization], ["import.progress"], (event) => event.type === "import.progress" && event.importId === item.id);
  // Live events carry the progress; a slow poll also covers an import that finished before the stream connected.
  const running = item.status === "RUNNING";
  const latestRevalidator = useRef(revalidator);
  latestRevalidator.current = revalidator;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (latestRevalidator.current.state === "idle") latestRevalidator.current.revalidate();
    }, 3_000);
    return () => clearInterval(timer);
  }, [running]);
  return (
    <div className="max-w-5xl space-y-6">
      <PageHeader
        title={`Import: ${item.fileName}`}
        description={`Uploaded ${formatDateTime(item.createdAt, timeZone)}${item.createdBy ? ` by ${item.createdBy.name}` : ""}`}
        actions={
          <Link to="/imports" className="text-sm underline">
            All imports
          </Link>
        }
      />
      {item.status === "PENDING" ? (
        <MappingStep data={data} />
      ) : item.status === "RUNNING" ? (
        <ProgressStep data={data} />
      ) : (
        <ResultStep data={data} />
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
