// A small form on a contact page that posts to the page's action. Without
// JavaScript it is a plain POST that redirects back (or comes back with field
// errors). With JavaScript it submits in place through a fetcher.
//
// Versioned forms (edits of the contact's fields) carry the contact's
// `version`. The version is pinned the moment someone starts typing, so a live
// refresh of the page underneath them can't quietly turn their stale edit into
// an overwrite: the save is refused with "Changed by … — reload" instead.
import { createContext, useContext, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Link, useActionData, useFetcher, useLocation, useRevalidator } from "@remix-run/react";
import { getFormProps, useForm, type FormMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { Button } from "~/components/ui/button";
import type { ContactFormReply } from "~/domain/contact/contact-form-reply";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- forms here are checked by their zod schema, not by Conform's types
type LooseSchema = Record<string, any>;
export type SectionFields = ReturnType<FormMetadata<LooseSchema, string[]>["getFieldset"]>;
export type SectionFormMeta = FormMetadata<LooseSchema, string[]>;

type SectionFormProps = {
  intent: string;
  /** Tells apart several forms with the same intent on one page. */
  formKey?: string;
  schema: z.ZodType;
  defaultValue?: Record<string, unknown>;
  /** The contact's version when this form edits its fields. */
  version?: number;
  hidden?: Record<string, string>;
  submitLabel: string;
  pendingLabel?: string;
  submitVariant?: "primary" | "secondary";
  className?: string;
  /** Where to post; the current page by default. */
  action?: string;
  children: (fields: SectionFields, form: SectionFormMeta) => ReactNode;
};

/** Lets a form inside an "Edit" disclosure close it once its edit is saved or discarded. */
export const DisclosureContext = createContext<{ close: () => void } | null>(null);

export function useContactReply(intent: string, formKey: string | null) {
  const actionData = useActionData<ContactFormReply | { message?: string } | undefined>();
  if (actionData && "intent" in actionData && actionData.intent === intent && actionData.formKey === formKey) {
    return actionData;
  }
  return undefined;
}

type Fetcher = ReturnType<typeof useFetcher>;

/**
 * Submits a fetcher form at most once at a time. A double-click used to post
 * twice: the button only disables once React renders the fetcher's new state,
 * and a second submit through the same fetcher while the first one's redirect
 * was still being followed left the router with a fetcher it no longer knew
 * ("Expected fetcher: …") and the page never showed the saved note. The check
 * here is synchronous (a ref), and the submit renders its pending state at
 * once, so the button is disabled before the next click can land.
 */
export function useSingleSubmit(fetcher: Fetcher, before?: (event: FormEvent<HTMLFormElement>) => void) {
  const inFlight = useRef(false);
  const previousState = useRef(fetcher.state);
  useEffect(() => {
    const was = previousState.current;
    previousState.current = fetcher.state;
    if (was !== "idle" && fetcher.state === "idle") inFlight.current = false;
  }, [fetcher.state]);
  return (event: FormEvent<HTMLFormElement>) => {
    if (inFlight.current) {
      event.preventDefault();
      return;
    }
    before?.(event);
    if (event.defaultPrevented) return;
    event.preventDefault();
    inFlight.current = true;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    fetcher.submit(submitter ?? event.currentTarget, { method: "post", flushSync: true });
  };
}

export function SectionForm(props: SectionFormProps) {
  const formKey = props.formKey ?? null;
  const fetcher = useFetcher<ContactFormReply>();
  const revalidator = useRevalidator();
  const fromDocumentPost = useContactReply(props.intent, formKey);
  const [pinned, setPinned] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);
  const [dismissed, setDismissed] = useState<ContactFormReply | null>(null);
  const previousState = useRef(fetcher.state);
  const disclosure = useContext(DisclosureContext);

  useEffect(() => {
    const was = previousState.current;
    previousState.current = fetcher.state;
    // A successful save redirects, which leaves the fetcher with no data: start afresh from the saved contact.
    if (was !== "idle" && fetcher.state === "idle" && fetcher.data === undefined) {
      setPinned(null);
      setGeneration((n) => n + 1);
      disclosure?.close();
    }
  }, [fetcher.state, fetcher.data, disclosure]);

  const fetched = fetcher.data && fetcher.data !== dismissed ? fetcher.data : undefined;
  const reply = fetched ?? fromDocumentPost;
  const submittedVersion = reply?.result.initialValue?.version;
  const version =
    props.version === undefined
      ? undefined
      : (pinned ?? (typeof submittedVersion === "string" ? Number(submittedVersion) : props.version));

  const discard = () => {
    setDismissed(fetcher.data ?? null);
    setPinned(null);
    setGeneration((n) => n + 1);
    disclosure?.close();
    revalidator.revalidate();
  };

  return (
    <SectionFormInner
      key={`${generation}:${version ?? ""}`}
      {...props}
      formKey={formKey}
      fetcher={fetcher}
      reply={reply}
      version={version}
      onEdit={() => {
        if (props.version !== undefined) setPinned((current) => current ?? version ?? null);
      }}
      onDiscard={discard}
    />
  );
}

function SectionFormInner(
  props: Omit<SectionFormProps, "formKey"> & {
    formKey: string | null;
    fetcher: ReturnType<typeof useFetcher<ContactFormReply>>;
    reply: ContactFormReply | undefined;
    onEdit: () => void;
    onDiscard: () => void;
  },
) {
  const { fetcher, reply, schema } = props;
  const location = useLocation();
  const [form, fields] = useForm<LooseSchema, LooseSchema, string[]>({
    id: `${props.intent}${props.formKey ? `-${props.formKey}` : ""}`,
    lastResult: reply?.result,
    defaultValue: props.defaultValue,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schema as z.ZodType<LooseSchema>, disableAutoCoercion: true }),
  });
  const conflict = reply?.status === 409 && !reply.duplicate;
  const formProps = getFormProps(form);
  const onSubmit = useSingleSubmit(fetcher, formProps.onSubmit);
  return (
    <fetcher.Form
      method="post"
      action={props.action}
      {...formProps}
      onSubmit={onSubmit}
      onInput={props.onEdit}
      className={props.className ?? "space-y-3"}
    >
      <input type="hidden" name="intent" value={props.intent} />
      {props.formKey ? <input type="hidden" name="formKey" value={props.formKey} /> : null}
      {props.version !== undefined ? <input type="hidden" name="version" value={props.version} /> : null}
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {form.errors?.length || reply?.duplicate ? (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {form.errors?.length ? <p>{form.errors.join(" ")}</p> : null}
          {reply?.duplicate ? (
            <DuplicateNotice duplicate={reply.duplicate} />
          ) : null}
          {conflict ? (
            <a
              href={location.pathname + location.search}
              onClick={(event) => {
                event.preventDefault();
                props.onDiscard();
              }}
              className="mt-1 inline-block font-semibold underline"
            >
              Reload and discard my edits
            </a>
          ) : null}
        </div>
      ) : null}
      {props.children(fields, form)}
      <Button
        variant={props.submitVariant ?? "primary"}
        pending={fetcher.state !== "idle"}
        pendingText={props.pendingLabel ?? "Saving…"}
      >
        {props.submitLabel}
      </Button>
    </fetcher.Form>
  );
}

export function DuplicateNotice({ duplicate }: { duplicate: NonNullable<ContactFormReply["duplicate"]> }) {
  return (
    <p>
      {duplicate.name} already has this {duplicate.field === "phone" ? "phone number" : "email address"}.{" "}
      <Link to={`/contacts/${duplicate.id}`} className="font-semibold underline">
        Open {duplicate.name}
      </Link>
    </p>
  );
}
