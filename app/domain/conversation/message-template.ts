// Templates name their variables in the text: "Hi {{firstName}}, {{productName}} is ready".
// Browser-safe: the chat's preview renders with the same rules the server sends with.

const VARIABLE = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** The variables a template's body names, each once, in the order they first appear. */
export function templateVariableNames(body: string): string[] {
  const names: string[] = [];
  for (const match of body.matchAll(VARIABLE)) {
    if (!names.includes(match[1]!)) names.push(match[1]!);
  }
  return names;
}

export type RenderedTemplate = { ok: true; text: string } | { ok: false; missing: string[] };

/** The body with every variable filled; a variable without a value (or only blanks) is missing. */
export function renderTemplate(body: string, values: Record<string, string>): RenderedTemplate {
  const missing = templateVariableNames(body).filter((name) => !values[name]?.trim());
  if (missing.length) return { ok: false, missing };
  return { ok: true, text: body.replace(VARIABLE, (_whole, name: string) => values[name]!.trim()) };
}

/**
 * Twilio's content templates number their placeholders ({{1}}, {{2}}); ours are named. The n-th
 * variable to appear in our body is Twilio's {{n}}.
 */
export function numberedTemplateVariables(body: string, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(templateVariableNames(body).map((name, index) => [String(index + 1), values[name]?.trim() ?? ""]));
}
