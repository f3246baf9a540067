// Templates name their variables in the text: "Hi {{firstName}}, {{productName}} is ready".
// Browser-safe: the chat's preview renders with the same rules the server sends with.

const VARIABLE = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;
const VARIABLE_NAME = /^\s*[A-Za-z][A-Za-z0-9_]*\s*$/;

/**
 * What is wrong with the braces of a body, in words, or null: a "{{" never closed, a "}}" never
 * opened, or a name that is not one ("{{ first name }}", "{{1}}", "{{}}").
 */
export function templateSyntaxProblem(body: string): string | null {
  let at = 0;
  for (;;) {
    const open = body.indexOf("{{", at);
    const close = body.indexOf("}}", at);
    if (open === -1) {
      return close === -1 ? null : `“}}” has no “{{” before it (near “${excerpt(body, close)}”).`;
    }
    if (close !== -1 && close < open) return `“}}” has no “{{” before it (near “${excerpt(body, close)}”).`;
    if (close === -1) return `“${excerpt(body, open)}” is not closed: end a variable with “}}”.`;
    const inside = body.slice(open + 2, close);
    if (inside.includes("{{")) return `“${excerpt(body, open)}” is not closed before the next “{{”.`;
    if (!VARIABLE_NAME.test(inside)) {
      return `“{{${inside}}}” is not a variable: use a name of letters and digits that starts with a letter, without spaces, such as {{firstName}}.`;
    }
    at = close + 2;
  }
}

function excerpt(body: string, from: number): string {
  const text = body.slice(from, from + 24);
  return from + 24 < body.length ? `${text}…` : text;
}

/** Values a preview fills in when nobody has typed any: a known sample, else the name in brackets. */
const SAMPLE_VALUES: Record<string, string> = {
  firstName: "Priya",
  lastName: "Sharma",
  name: "Priya Sharma",
  productName: "BankNifty Scalper",
  price: "₹4,999",
  amount: "₹4,999",
  link: "https://example.com/pay",
  date: "5 Dec",
  time: "10:30 am",
  companyName: "Leadlane",
  agentName: "Aisha",
};

export function templateSampleValues(body: string): Record<string, string> {
  return Object.fromEntries(templateVariableNames(body).map((name) => [name, SAMPLE_VALUES[name] ?? `[${name}]`]));
}

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
