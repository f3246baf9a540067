import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { PageHeader } from "~/components/page-header";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { FormError } from "~/components/ui/field";
import { ErrorView } from "~/components/error-view";
import { fileTooLargeMessage } from "~/services/csv-reader.server";
import { getCaller, toActionFailure } from "~/trpc/caller.server";
import { MAX_IMPORT_BYTES } from "~/domain/contact-import/import-fields";
import { countOf } from "~/utils/format";
import { roleAtLeast } from "~/utils/permissions";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "New import · Leadlane" }];

/** Room for the multipart envelope (boundaries, part headers) around a file of the maximum size. */
const MULTIPART_SLACK = 64 * 1024;
/** A refused upload is read to its end (and thrown away) up to this size, so the browser sees our answer. */
const MAX_DISCARD_BYTES = 1024 * 1024 * 1024;

async function requireImporter(request: Request) {
  const { caller, ctx } = await getCaller(request);
  if (!ctx.user) {
    throw redirect(`/login?redirectTo=${encodeURIComponent("/imports/new")}`);
  }
  if (!ctx.org || !roleAtLeast(ctx.org.role, "MANAGER")) {
    throw json({ message: "Managers, admins and owners can import contacts." }, { status: 403 });
  }
  return caller;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireImporter(request);
  return json({ maxBytes: MAX_IMPORT_BYTES });
}

/** Reads and drops what is left of the request body, without keeping it. */
async function discardBody(request: Request) {
  const body = request.body;
  if (!body || body.locked) return;
  const reader = body.getReader();
  let seen = 0;
  try {
    while (seen <= MAX_DISCARD_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += value.byteLength;
    }
  } catch {
    // The client gave up; nothing to answer.
  } finally {
    reader.releaseLock();
  }
}

function tooLarge(bytes: number | null) {
  return json({ error: fileTooLargeMessage(bytes) }, { status: 413 });
}

export async function action({ request }: ActionFunctionArgs) {
  const caller = await requireImporter(request);
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > MAX_IMPORT_BYTES + MULTIPART_SLACK) {
    // Refuse before parsing: nothing of it is kept.
    await discardBody(request);
    return tooLarge(declared);
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      await discardBody(request);
      return tooLarge(null);
    }
    if (error instanceof TypeError) return json({ error: "Choose a CSV file to upload." }, { status: 400 });
    throw error;
  }
  const file = form.get("file");
  if (!(file instanceof File) || !file.name || file.size === 0) {
    return json({ error: file instanceof File && file.name ? "The file is empty." : "Choose a CSV file to upload." }, { status: 400 });
  }
  try {
    const created = await caller.contactImport.create({ fileName: file.name, content: file });
    return redirectWithToast(`/imports/${created.id}`, {
      type: "success",
      message: `${file.name}: ${countOf(created.totalRows, "row")} found. Check the columns, then start the import.`,
    });
  } catch (error) {
    const failure = toActionFailure(error);
    if (failure.status === 401) throw redirect("/login");
    return json({ error: failure.message }, { status: failure.status });
  }
}

export default function NewImportPage() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [clientError, setClientError] = useState<string | null>(null);
  const error = clientError ?? actionData?.error ?? null;
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader
        title="Import contacts"
        description="Step 1 of 3: upload a CSV file. Next you match its columns and check a preview; then the import runs."
        actions={
          <Link to="/imports" className="text-sm underline">
            Back to imports
          </Link>
        }
      />
      <Card title="Upload a CSV file">
        <ul className="mb-4 list-disc space-y-1 pl-5 text-sm text-slate-600 dark:text-slate-300">
          <li>The first row holds the column names. A name column and a phone or email column are required; a row
            needs a phone or an email.</li>
          <li>
            Phones in any common Indian format work (98765 43210, 098765-43210, +91 98765 43210); other countries need
            their + code.
          </li>
          <li>
            Any CSV from Excel or Google Sheets: CSV UTF-8 is best (it keeps Hindi and other scripts); Excel&apos;s plain CSV
            (Windows-1252) works too. Up to 50 MB.
          </li>
        </ul>
        <Form
          method="post"
          encType="multipart/form-data"
          className="space-y-4"
          onSubmit={(event) => {
            const input = event.currentTarget.elements.namedItem("file") as HTMLInputElement | null;
            const file = input?.files?.[0];
            if (file && file.size > MAX_IMPORT_BYTES) {
              event.preventDefault();
              const mb = Math.round(file.size / (1024 * 1024));
              setClientError(`The file is ${mb} MB; the limit is 50 MB — split it into smaller files.`);
            } else {
              setClientError(null);
            }
          }}
        >
          <FormError errors={error ? [error] : null} />
          <div className="space-y-1">
            <label htmlFor="file" className="block text-sm font-medium text-slate-700 dark:text-slate-200">
              CSV file
            </label>
            <input
              id="file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              aria-invalid={error ? true : undefined}
              className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium dark:file:bg-slate-800"
            />
          </div>
          <Button pending={navigation.state === "submitting"} pendingText="Uploading…">
            Upload and map columns
          </Button>
        </Form>
      </Card>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
