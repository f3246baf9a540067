// The variables a template's body names and the message it makes with sample values, rendered with
// the same rules the server sends with. A body whose braces are wrong says what is wrong instead.
import { renderTemplate, templateSampleValues, templateSyntaxProblem, templateVariableNames } from "~/domain/conversation/message-template";

export function TemplatePreview({ body, label = "Preview" }: { body: string; label?: string }) {
  const problem = body.trim() ? templateSyntaxProblem(body) : null;
  const variables = problem ? [] : templateVariableNames(body);
  const rendered = problem || !body.trim() ? null : renderTemplate(body, templateSampleValues(body));
  return (
    <div className="space-y-2 text-sm" aria-label={label} role="group">
      <p>
        <span className="font-medium text-slate-700 dark:text-slate-200">Variables: </span>
        {variables.length ? (
          <span className="inline-flex flex-wrap gap-1 align-middle">
            {variables.map((name) => (
              <code key={name} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{`{{${name}}}`}</code>
            ))}
          </span>
        ) : (
          <span className="text-slate-500">none</span>
        )}
      </p>
      {problem ? <p className="text-red-700 dark:text-red-300">{problem}</p> : null}
      {rendered?.ok ? (
        <div>
          <p className="mb-1 font-medium text-slate-700 dark:text-slate-200">{label} with sample values</p>
          <p className="max-w-prose whitespace-pre-wrap break-words rounded-lg rounded-tl-none bg-emerald-50 px-3 py-2 text-slate-900 dark:bg-emerald-950 dark:text-slate-100">
            {rendered.text}
          </p>
        </div>
      ) : null}
    </div>
  );
}
