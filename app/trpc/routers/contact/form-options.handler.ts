import type { OrgScopedContext } from "~/trpc/trpc.server";
import { COMPANY_OPTION_LIMIT, listCompanyOptions, listMemberOptions } from "~/models/contact.server";
import { listCustomFields } from "~/models/custom-field.server";
import { listTags } from "~/models/tag.server";
import { can } from "~/utils/permissions";

/** The choices contact forms offer: members (owners, assignees), companies, tags and custom fields. */
export async function formOptionsHandler({ ctx }: { ctx: OrgScopedContext }) {
  const organizationId = ctx.org.id;
  const [members, companies, tags, customFields] = await Promise.all([
    listMemberOptions(ctx.db, { organizationId }),
    listCompanyOptions(ctx.db, { organizationId }),
    listTags(ctx.db, { organizationId }),
    listCustomFields(ctx.db, { organizationId }),
  ]);
  const assignAnyone = can(ctx.org.role, "update:contact:any");
  return {
    me: { id: ctx.user.id, name: ctx.user.name },
    role: ctx.org.role,
    /** Who the caller may make owner or assignee: everyone for managers, themselves for agents. */
    members: members
      .filter((member) => assignAnyone || member.user.id === ctx.user.id)
      .map((member) => ({ id: member.user.id, name: member.user.name, role: member.role })),
    companies,
    companiesTruncated: companies.length >= COMPANY_OPTION_LIMIT,
    tags: tags.map((tag) => ({ id: tag.id, name: tag.name, color: tag.color })),
    customFields: customFields.map((field) => ({
      id: field.id,
      key: field.key,
      label: field.label,
      type: field.type,
      options: field.options,
    })),
  };
}
