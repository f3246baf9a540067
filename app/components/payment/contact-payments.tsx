// On a contact's page (and beside a chat): what they have spent, their payment links with each one's
// status and opens ("opened 2×, not paid"), their payments, and a form that makes a link for a
// product or a typed amount, optionally sent in one of their conversations. Plain form posts; live
// updates reload the page's data when a link is opened or paid.
import { Form, useNavigation } from "@remix-run/react";
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { SerializeFrom } from "@remix-run/node";
import type { ContactFormReply } from "~/domain/contact/contact-form-reply";
import {
  createPaymentLinkSchema,
  DEFAULT_LINK_EXPIRY_DAYS,
  PAYMENT_CHECKOUT_LABELS,
  PAYMENT_CHECKOUTS,
} from "~/domain/payment/payment-link.schema";
import { formatAmount } from "~/domain/payment/money";
import {
  PAYMENT_LINK_STATUS_LABELS,
  PAYMENT_STATUS_LABELS,
} from "~/domain/payment/payment-status";
import { CONSENT_CHANNEL_LABELS } from "~/domain/contact/contact-labels";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { FormError } from "~/components/ui/field";
import { useTimeZone } from "~/components/use-app-data";
import { formatDateTime } from "~/utils/format";
import type {
  PaymentLinkView,
  PaymentView,
} from "~/trpc/routers/payment-link/payment-link-view";
import type { ProductView } from "~/trpc/routers/product/product-view";

export type ContactPayments = {
  links: SerializeFrom<PaymentLinkView>[];
  payments: SerializeFrom<PaymentView>[];
  products: SerializeFrom<ProductView>[];
  conversations: Array<{
    id: string;
    kind: "WHATSAPP" | "SMS" | "EMAIL";
    channelName: string;
  }>;
  amountSpentPaise: string;
  lastPaymentAt: string | null;
  canCharge: boolean;
};

const CONTROL =
  "mt-1 block w-full max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
const BADGE: Record<string, string> = {
  PAID: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  CAPTURED:
    "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  OPENED: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
  FAILED: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
};

const amount = (paise: string) => formatAmount(BigInt(paise));
const conversationLabel = (
  conversation: ContactPayments["conversations"][number]
) =>
  `${CONSENT_CHANNEL_LABELS[conversation.kind]} · ${conversation.channelName}`;

function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span
      className={`rounded px-1.5 py-0.5 text-xs font-medium ${
        BADGE[status] ??
        "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200"
      }`}
    >
      {label}
    </span>
  );
}

/** "Opened 2×, not paid": what no checkout page tells the agent. */
export function linkProgress(
  link: Pick<SerializeFrom<PaymentLinkView>, "status" | "openCount">
): string {
  const label = PAYMENT_LINK_STATUS_LABELS[link.status];
  if (link.status === "OPENED") return `Opened ${link.openCount}×, not paid`;
  if (
    link.openCount > 0 &&
    link.status !== "PAID" &&
    link.status !== "REFUNDED"
  )
    return `${label} · opened ${link.openCount}×`;
  return label;
}

function CreatePaymentLinkForm({
  contactId,
  data,
  reply,
  defaultConversationId,
}: {
  contactId: string;
  data: ContactPayments;
  reply: ContactFormReply | undefined;
  defaultConversationId?: string;
}) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "create-payment-link",
    lastResult:
      reply?.intent === "createPaymentLink" ? reply.result : undefined,
    defaultValue: {
      contactId,
      productId: data.products[0]?.id ?? "",
      expiresInDays: String(DEFAULT_LINK_EXPIRY_DAYS),
      checkout: "PAYMENT_LINK",
      sendInConversationId:
        defaultConversationId ?? data.conversations[0]?.id ?? "",
    },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: createPaymentLinkSchema }),
  });
  const pending =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === "createPaymentLink";
  const error = (field: { errors?: string[] }) =>
    field.errors?.[0] ? (
      <span className="text-red-600 dark:text-red-400">{field.errors[0]}</span>
    ) : null;
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="intent" value="createPaymentLink" />
      <input type="hidden" name="contactId" value={contactId} />
      <FormError errors={form.errors} />
      <label className="block text-sm">
        <span className="font-medium">Product</span>
        <select {...getSelectProps(fields.productId)} className={CONTROL}>
          <option value="">No product: a custom amount</option>
          {data.products.map((product) => (
            <option key={product.id} value={product.id}>
              {product.name} · {amount(product.pricePaise)}
            </option>
          ))}
        </select>
        {error(fields.productId)}
      </label>
      <div className="grid gap-2 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="font-medium">Amount in ₹</span>
          <input
            {...getInputProps(fields.amount, { type: "text" })}
            inputMode="decimal"
            placeholder="The product's price"
            className={CONTROL}
          />
          {error(fields.amount)}
        </label>
        <label className="block text-sm">
          <span className="font-medium">Payable for (days)</span>
          <input
            {...getInputProps(fields.expiresInDays, { type: "number" })}
            min={1}
            max={90}
            className={CONTROL}
          />
          {error(fields.expiresInDays)}
        </label>
      </div>
      <label className="block text-sm">
        <span className="font-medium">What it is for</span>
        <input
          {...getInputProps(fields.description, { type: "text" })}
          maxLength={2048}
          placeholder="The product's name"
          className={CONTROL}
        />
        {error(fields.description)}
      </label>
      <label className="block text-sm">
        <span className="font-medium">The customer pays on</span>
        <select {...getSelectProps(fields.checkout)} className={CONTROL}>
          {PAYMENT_CHECKOUTS.map((checkout) => (
            <option key={checkout} value={checkout}>
              {PAYMENT_CHECKOUT_LABELS[checkout]}
            </option>
          ))}
        </select>
        {error(fields.checkout)}
      </label>
      <label className="block text-sm">
        <span className="font-medium">Send it</span>
        <select
          {...getSelectProps(fields.sendInConversationId)}
          className={CONTROL}
        >
          {data.conversations.map((conversation) => (
            <option key={conversation.id} value={conversation.id}>
              In the {conversationLabel(conversation)} chat
            </option>
          ))}
          <option value="">{"Don't send; I'll copy the link"}</option>
        </select>
        {error(fields.sendInConversationId)}
      </label>
      <Button pending={pending} pendingText="Making the link…">
        Make the payment link
      </Button>
    </Form>
  );
}

function LinkActions({
  link,
  conversations,
}: {
  link: SerializeFrom<PaymentLinkView>;
  conversations: ContactPayments["conversations"];
}) {
  const open =
    link.status === "CREATED" ||
    link.status === "OPENED" ||
    link.status === "FAILED";
  if (!open) return null;
  return (
    <div className="mt-1 flex flex-wrap items-end gap-2">
      {conversations.length ? (
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="resendPaymentLink" />
          <input type="hidden" name="paymentLinkId" value={link.id} />
          <label className="text-xs">
            <span className="sr-only">Send again in</span>
            <select
              name="conversationId"
              defaultValue={link.conversationId ?? conversations[0]!.id}
              className={`${CONTROL} mt-0 py-1 text-xs`}
            >
              {conversations.map((conversation) => (
                <option key={conversation.id} value={conversation.id}>
                  {conversationLabel(conversation)}
                </option>
              ))}
            </select>
          </label>
          <Button variant="secondary" className="min-h-8 px-2 py-1 text-xs">
            Send again
          </Button>
        </Form>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="cancelPaymentLink" />
        <input type="hidden" name="paymentLinkId" value={link.id} />
        <Button variant="ghost" className="min-h-8 px-2 py-1 text-xs">
          Cancel link
        </Button>
      </Form>
    </div>
  );
}

export function ContactPaymentsSection({
  contactId,
  data,
  reply,
  defaultConversationId,
  title = "Payments",
}: {
  contactId: string;
  data: ContactPayments;
  reply: ContactFormReply | undefined;
  defaultConversationId?: string;
  title?: string;
}) {
  const timeZone = useTimeZone();
  const spent = BigInt(data.amountSpentPaise);
  const heading = `${title} · ${amount(data.amountSpentPaise)} spent`;
  return (
    <div role="region" aria-label={heading}>
      <Card title={heading}>
        {spent > 0n && data.lastPaymentAt ? (
          <p className="mb-2 text-sm text-slate-600 dark:text-slate-300">
            Last paid {formatDateTime(data.lastPaymentAt, timeZone)}
          </p>
        ) : null}
        {data.links.length ? (
          <ul
            className="mb-3 divide-y divide-slate-200 text-sm dark:divide-slate-800"
            aria-label="Payment links"
          >
            {data.links.map((link) => (
              <li key={link.id} className="py-2" data-payment-link={link.id}>
                <div className="flex flex-wrap items-baseline justify-between gap-x-2">
                  <span className="font-medium">
                    {amount(link.amountPaise)} · {link.description}
                  </span>
                  <StatusBadge
                    status={link.status}
                    label={linkProgress(link)}
                  />
                </div>
                <p className="text-xs text-slate-500">
                  Made {formatDateTime(link.createdAt, timeZone)}
                  {link.createdByName ? ` by ${link.createdByName}` : ""}
                  {link.expiresAt && link.status !== "PAID"
                    ? ` · payable until ${formatDateTime(
                        link.expiresAt,
                        timeZone
                      )}`
                    : ""}
                </p>
                {link.providerError ? (
                  <p role="alert" className="text-xs text-red-700 dark:text-red-300">
                    Razorpay refused to make this link, so it can&apos;t be
                    paid: {link.providerError}
                  </p>
                ) : null}
                <input
                  readOnly
                  value={link.url}
                  aria-label="Payment link address"
                  className={`${CONTROL} mt-1 font-mono text-xs`}
                />
                <LinkActions link={link} conversations={data.conversations} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-3 text-sm text-slate-500">No payment links yet.</p>
        )}
        {data.payments.length ? (
          <ul
            className="mb-3 divide-y divide-slate-200 text-sm dark:divide-slate-800"
            aria-label="Payments"
          >
            {data.payments.map((payment) => (
              <li
                key={payment.id}
                className="flex flex-wrap items-baseline justify-between gap-x-2 py-2"
              >
                <span>
                  {amount(payment.amountPaise)}
                  {payment.method
                    ? ` by ${payment.method.toUpperCase()}`
                    : ""}{" "}
                  · {formatDateTime(payment.paidAt, timeZone)}
                  {BigInt(payment.refundedPaise) > 0n
                    ? ` · ${amount(payment.refundedPaise)} refunded`
                    : ""}
                </span>
                <StatusBadge
                  status={payment.status}
                  label={
                    payment.reviewReason
                      ? "Needs review"
                      : PAYMENT_STATUS_LABELS[payment.status]
                  }
                />
                {payment.reviewReason ? (
                  <p className="w-full text-xs text-red-700 dark:text-red-300">
                    {payment.reviewReason}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        {data.canCharge ? (
          <details
            open={reply?.intent === "createPaymentLink"}
            className="rounded-md border border-slate-200 p-2 dark:border-slate-800"
          >
            <summary className="cursor-pointer text-sm font-medium">
              New payment link
            </summary>
            <div className="mt-2">
              <CreatePaymentLinkForm
                contactId={contactId}
                data={data}
                reply={reply}
                defaultConversationId={defaultConversationId}
              />
            </div>
          </details>
        ) : null}
      </Card>
    </div>
  );
}
