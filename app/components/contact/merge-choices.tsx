// The merge page's field-by-field choice: for each field where the two
// contacts differ, a pair of radio buttons (side by side on wide screens,
// stacked on a phone), preselected as the merge would choose by itself.
import type { ContactProfile } from "~/components/contact/contact-types";
import { STAGE_LABELS, TEMPERATURE_LABELS } from "~/domain/contact/contact-labels";
import { defaultMergeSide, type MergeField, type MergeSide } from "~/domain/contact/merge.schema";
import { formatPhone } from "~/utils/phone";

export type MergeRow = {
  /** The radio group's name: keep.<field> or keep.customFields.<key>. */
  name: string;
  label: string;
  survivor: string;
  duplicate: string;
  defaultSide: MergeSide;
  hint?: string;
};

const NONE = "—";

type Values = { raw: unknown; text: string };

function fieldValues(profile: ContactProfile): Record<MergeField, Values> {
  const { contact } = profile;
  return {
    name: { raw: contact.name, text: contact.name },
    phone: { raw: contact.phone, text: contact.phone ? formatPhone(contact.phone) : NONE },
    email: { raw: contact.email, text: contact.email ?? NONE },
    stage: { raw: contact.stage, text: STAGE_LABELS[contact.stage] },
    temperature: { raw: contact.temperature, text: TEMPERATURE_LABELS[contact.temperature] },
    score: { raw: contact.score, text: `${contact.score} / 100` },
    ownerId: { raw: contact.owner?.id ?? null, text: contact.owner?.name ?? "Unassigned" },
    companyId: { raw: contact.company?.id ?? null, text: contact.company?.name ?? NONE },
  };
}

const FIELD_LABELS: Record<MergeField, string> = {
  name: "Name",
  phone: "Phone",
  email: "Email",
  stage: "Stage",
  temperature: "Temperature",
  score: "Score",
  ownerId: "Owner",
  companyId: "Company",
};

const HINTS: Partial<Record<MergeField, string>> = {
  phone: "The other number stays on the contact as a secondary phone.",
  email: "The other email stays on the contact as a secondary email.",
};

/** The fields where the two contacts differ, in the page's order, custom fields last. */
export function mergeRows(survivor: ContactProfile, duplicate: ContactProfile): MergeRow[] {
  const a = fieldValues(survivor);
  const b = fieldValues(duplicate);
  const rows: MergeRow[] = [];
  for (const field of Object.keys(FIELD_LABELS) as MergeField[]) {
    if (a[field].raw === b[field].raw) continue;
    rows.push({
      name: `keep.${field}`,
      label: FIELD_LABELS[field],
      survivor: a[field].text,
      duplicate: b[field].text,
      defaultSide: defaultMergeSide(a[field].raw, b[field].raw),
      hint: HINTS[field],
    });
  }
  const theirs = new Map(duplicate.customFields.map((field) => [field.key, field.value]));
  for (const field of survivor.customFields) {
    const mine = field.value;
    const other = theirs.get(field.key) ?? null;
    if ((mine ?? "") === (other ?? "")) continue;
    rows.push({
      name: `keep.customFields.${field.key}`,
      label: field.label,
      survivor: mine ?? NONE,
      duplicate: other ?? NONE,
      defaultSide: defaultMergeSide(mine, other),
    });
  }
  return rows;
}

export function MergeChoices({ rows, survivorName, duplicateName }: { rows: MergeRow[]; survivorName: string; duplicateName: string }) {
  if (rows.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-300">The two contacts have the same values in every field.</p>;
  }
  return (
    <div className="space-y-5">
      {rows.map((row) => (
        <fieldset key={row.name} className="min-w-0">
          <legend className="text-sm font-semibold">{row.label}</legend>
          {row.hint ? <p className="text-xs text-slate-500">{row.hint}</p> : null}
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            <Choice name={row.name} side="survivor" owner={survivorName} value={row.survivor} checked={row.defaultSide === "survivor"} />
            <Choice name={row.name} side="duplicate" owner={duplicateName} value={row.duplicate} checked={row.defaultSide === "duplicate"} />
          </div>
        </fieldset>
      ))}
    </div>
  );
}

function Choice({ name, side, owner, value, checked }: { name: string; side: MergeSide; owner: string; value: string; checked: boolean }) {
  return (
    <label className="flex min-h-12 min-w-0 cursor-pointer items-start gap-3 rounded-md border border-slate-300 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 dark:border-slate-700 dark:has-[:checked]:bg-slate-800">
      <input type="radio" name={name} value={side} defaultChecked={checked} className="mt-0.5 h-4 w-4 shrink-0" />
      <span className="min-w-0">
        <span className="block text-xs text-slate-500">{owner}</span>
        <span className="block break-words font-medium">{value}</span>
      </span>
    </label>
  );
}
