type CompanyRow = {
  id: string;
  name: string;
  industry: string | null;
  size: string | null;
  website: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export function serializeCompany(company: CompanyRow) {
  return {
    id: company.id,
    name: company.name,
    industry: company.industry,
    size: company.size,
    website: company.website,
    createdAt: company.createdAt.toISOString(),
    updatedAt: company.updatedAt.toISOString(),
  };
}
