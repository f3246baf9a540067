import { TRPCError } from "@trpc/server";
import { countOf } from "~/utils/format";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { CLEAR_REMOVED_LABEL, type UpdateCustomFieldInput } from "~/trpc/routers/custom-field/update.schema";
import { assertCanManageFields } from "~/trpc/routers/custom-field/custom-field-guards.server";
import { planOptionChanges } from "~/trpc/routers/custom-field/custom-field-option-changes";
import { fieldErrors } from "~/domain/contact/contact-errors";
import {
  clearCustomFieldOptionValues,
  countContactsByOption,
  listCustomFields,
  lockCustomFields,
  renameCustomFieldOptionValues,
  updateCustomFieldDefinition,
} from "~/models/custom-field.server";

/**
 * Changes a field's label and, for single-choice fields, its options. The key
 * and type never change. A renamed option is renamed on every contact holding
 * it; an option still held by contacts is only removed when the caller
 * confirms with `clearRemoved`, which clears it from those contacts.
 */
export async function updateCustomFieldHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateCustomFieldInput }) {
  assertCanManageFields(ctx);
  const organizationId = ctx.org.id;
  return ctx.db.$transaction(async (tx) => {
    await lockCustomFields(tx, { organizationId });
    const fields = await listCustomFields(tx, { organizationId });
    const field = fields.find((candidate) => candidate.id === input.id);
    if (!field) throw new TRPCError({ code: "NOT_FOUND", message: "Field not found." });

    const namesake = fields.find((other) => other.id !== field.id && other.label.toLowerCase() === input.label.toLowerCase());
    if (namesake) throw fieldErrors({ label: `Another field is already called ${namesake.label}` });

    let options = field.options;
    let renamed = 0;
    let cleared = 0;
    if (input.options !== undefined) {
      if (field.type !== "SELECT") throw fieldErrors({ options: "Only single-choice fields have options" });
      const plan = planOptionChanges(field.options, input.options);
      if (!plan.ok) {
        throw new TRPCError({
          code: "CONFLICT",
          message: `${plan.stale} is no longer an option of ${field.label}; someone changed the field meanwhile. Reload the page and try again.`,
        });
      }
      const inUse = await countContactsByOption(tx, { organizationId, key: field.key, values: plan.removed });
      if (inUse.length > 0 && !input.clearRemoved) {
        const uses = inUse.map((use) => `${use.value} is set on ${countOf(use.contacts, "contact")}`).join("; ");
        throw fieldErrors({
          options: `${uses}. Rename ${inUse.length === 1 ? "it" : "them"} to keep the value, or tick “${CLEAR_REMOVED_LABEL}”.`,
        });
      }
      cleared = await clearCustomFieldOptionValues(tx, { organizationId, key: field.key, values: inUse.map((use) => use.value) });
      renamed = await renameCustomFieldOptionValues(tx, { organizationId, key: field.key, renames: plan.renames });
      options = plan.options;
    }
    await updateCustomFieldDefinition(tx, { organizationId, id: field.id, label: input.label, options });
    return {
      id: field.id,
      key: field.key,
      type: field.type,
      label: input.label,
      previousLabel: field.label,
      options,
      /** Contacts whose value was renamed along with its option. */
      renamed,
      /** Contacts whose value was cleared because its option was removed. */
      cleared,
    };
  });
}
