// What a CSV column can be imported as, and the header names we recognise for
// each. Browser-safe: the mapping page renders these.

/** The largest CSV file we accept (50 MB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** How an uploaded file was written (detected when it is uploaded). */
export const CSV_FILE_ENCODINGS = ["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"] as const;
export type CsvFileEncoding = (typeof CSV_FILE_ENCODINGS)[number];

/** What the mapping page says about the file's encoding. */
export function describeCsvEncoding(encoding: CsvFileEncoding): string {
  switch (encoding) {
    case "utf-8":
      return "UTF-8";
    case "utf-8-bom":
      return "UTF-8 (with byte order mark)";
    case "utf-16le":
      return "UTF-16 little-endian";
    case "utf-16be":
      return "UTF-16 big-endian";
    case "windows-1252":
      return "Windows-1252 (Western European; Excel's plain CSV)";
  }
}
export const IMPORT_FIELDS = [
  {
    key: "name",
    label: "Name",
    required: true,
    aliases: ["name", "full name", "fullname", "contact name", "customer name", "lead name", "contact"],
  },
  {
    key: "phone",
    label: "Phone",
    required: false,
    aliases: [
      "phone",
      "mobile",
      "whatsapp",
      "phone number",
      "mobile number",
      "mobile no",
      "whatsapp number",
      "whatsapp no",
      "contact number",
      "contact no",
      "phone no",
      "cell",
      "telephone",
      "tel",
    ],
  },
  { key: "email", label: "Email", required: false, aliases: ["email", "e mail", "email address", "mail", "email id"] },
  { key: "stage", label: "Stage", required: false, aliases: ["stage", "lead stage"] },
  { key: "temperature", label: "Temperature", required: false, aliases: ["temperature", "temp", "lead temperature"] },
  { key: "score", label: "Score", required: false, aliases: ["score", "lead score"] },
  { key: "source", label: "Source", required: false, aliases: ["source", "lead source"] },
  { key: "tags", label: "Tags", required: false, aliases: ["tags", "tag", "labels", "label"] },
  {
    key: "ownerEmail",
    label: "Owner email",
    required: false,
    aliases: ["owner email", "owner", "agent", "agent email", "assigned to", "assignee", "owner e mail"],
  },
  { key: "company", label: "Company", required: false, aliases: ["company", "company name", "organisation", "organization", "business"] },
] as const;

export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]["key"];
export const IMPORT_FIELD_KEYS = IMPORT_FIELDS.map((field) => field.key) as ImportFieldKey[];

export const DUPLICATE_STRATEGIES = [
  { value: "SKIP", label: "Skip existing contacts", hint: "Contacts whose phone already exists are left as they are." },
  { value: "UPDATE", label: "Update existing contacts", hint: "Values in the file replace the contact's values; blank cells change nothing; tags are added." },
  { value: "MERGE", label: "Merge into existing contacts", hint: "Only empty fields are filled in and tags are added; nothing is overwritten." },
] as const;
export type DuplicateStrategyValue = (typeof DUPLICATE_STRATEGIES)[number]["value"];

/** Column positions by target; custom fields by their key. */
export type ImportMapping = Partial<Record<ImportFieldKey, number>> & { customFields?: Record<string, number> };

export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[_\-.:/#]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Guesses which column holds what from the header names; every column is used at most once. */
export function guessImportMapping(headers: string[], customFields: Array<{ key: string; label: string }>): ImportMapping {
  const normalized = headers.map(normalizeHeader);
  const used = new Set<number>();
  const mapping: ImportMapping = {};
  const find = (candidates: readonly string[]) => {
    for (const candidate of candidates) {
      const index = normalized.findIndex((header, i) => !used.has(i) && header === candidate);
      if (index >= 0) return index;
    }
    return -1;
  };
  for (const field of IMPORT_FIELDS) {
    const index = find(field.aliases);
    if (index >= 0) {
      mapping[field.key] = index;
      used.add(index);
    }
  }
  const custom: Record<string, number> = {};
  for (const definition of customFields) {
    const index = find([normalizeHeader(definition.label), normalizeHeader(definition.key)]);
    if (index >= 0) {
      custom[definition.key] = index;
      used.add(index);
    }
  }
  mapping.customFields = custom;
  return mapping;
}

/** The required targets the mapping leaves out, by label: the name, and a phone or an email (a contact needs one). */
export function missingRequiredFields(mapping: ImportMapping): string[] {
  const missing: string[] = IMPORT_FIELDS.filter((field) => field.required && mapping[field.key] === undefined).map((field) => field.label);
  if (mapping.phone === undefined && mapping.email === undefined) missing.push("Phone or email");
  return missing;
}

export const REQUIRED_COLUMNS_MESSAGE = "A name column and a phone or email column are required — choose the column that holds each.";

/** The separators a CSV upload may use (detected from its first lines, or chosen). */
export type CsvDelimiter = "," | ";" | "\t";
