// The chat page's form posts, one function per intent: each calls one procedure, answers a refusal
// with the form's words (and the text typed, so nothing is lost) and a success by going back to the
// conversation. Works the same for a plain form post and a fetcher.
import { json, redirect } from "@remix-run/node";
import type { Caller } from "~/trpc/caller.server";
import { toActionFailure } from "~/trpc/caller.server";
import type { ChatReply } from "~/domain/conversation/chat-reply";
import { renderTemplate } from "~/domain/conversation/message-template";
import { CONVERSATION_STATUS_LABELS, type ConversationStatus } from "~/domain/conversation/conversation-status";
import { redirectWithToast } from "~/utils/toast.server";

function refused(error: unknown, reply: Omit<ChatReply, "formError" | "fieldErrors">) {
  const failure = toActionFailure(error);
  if (failure.status === 401) throw redirect("/login");
  if (failure.status === 404) throw json({ message: failure.message }, { status: 404 });
  const firstField = Object.values(failure.fieldErrors)[0];
  return json<ChatReply>({ ...reply, formError: firstField ?? failure.message, fieldErrors: failure.fieldErrors }, { status: failure.status });
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/** The template's variables as posted: fields named `variables.<name>`. */
function postedVariables(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("variables.") && typeof value === "string") values[key.slice("variables.".length)] = value;
  }
  return values;
}

export async function sendChatMessage(caller: Caller, conversationId: string, form: FormData) {
  const body = text(form, "body");
  const note = form.get("note") === "on";
  try {
    await caller.conversation.send({ conversationId, content: { kind: note ? "NOTE" : "TEXT", body } });
  } catch (error) {
    return refused(error, { intent: "send", draft: body, note });
  }
  return redirect(`/inbox/${conversationId}`);
}

/** Without JavaScript: the chosen quick reply goes into the text box (after what was typed). */
export async function insertQuickReply(caller: Caller, form: FormData) {
  const body = text(form, "body");
  const note = form.get("note") === "on";
  const replies = await caller.quickReply.list();
  const picked = replies.find((reply) => reply.id === text(form, "quickReplyId"));
  if (!picked) return json<ChatReply>({ intent: "insertQuickReply", draft: body, note, formError: "Choose a quick reply." }, { status: 400 });
  return json<ChatReply>({ intent: "insertQuickReply", draft: body.trim() ? `${body.trimEnd()}\n${picked.body}` : picked.body, note });
}

export async function previewChatTemplate(caller: Caller, conversationId: string, form: FormData) {
  const templateId = text(form, "templateId");
  const values = postedVariables(form);
  const templates = await caller.conversation.templates({ id: conversationId });
  const template = templates.find((candidate) => candidate.id === templateId);
  if (!template) return json<ChatReply>({ intent: "previewTemplate", formError: "Choose a template." }, { status: 400 });
  const rendered = renderTemplate(template.body, values);
  return json<ChatReply>({
    intent: "previewTemplate",
    template: { id: template.id, values, text: rendered.ok ? rendered.text : null, missing: rendered.ok ? [] : rendered.missing },
  });
}

export async function sendChatTemplate(caller: Caller, conversationId: string, form: FormData) {
  const templateId = text(form, "templateId");
  const values = postedVariables(form);
  try {
    await caller.conversation.send({ conversationId, content: { kind: "TEMPLATE", templateId, variables: values } });
  } catch (error) {
    return refused(error, { intent: "sendTemplate", template: { id: templateId, values, text: null, missing: [] } });
  }
  return redirect(`/inbox/${conversationId}`);
}

export async function setChatStatus(caller: Caller, conversationId: string, form: FormData) {
  const status = text(form, "status");
  const snoozeUntil = text(form, "snoozeUntil") || undefined;
  try {
    const result = await caller.conversation.setStatus({ id: conversationId, status: status as ConversationStatus, snoozeUntil });
    const label = CONVERSATION_STATUS_LABELS[result.status].toLowerCase();
    return redirectWithToast(`/inbox/${conversationId}`, { type: "success", message: result.changed ? `Conversation ${label}.` : `Already ${label}.` });
  } catch (error) {
    return refused(error, { intent: "setStatus" });
  }
}
