// Compares prisma/schema.prisma with a PostgreSQL database built from
// prisma/migrations, so the hand-written SQL and the schema cannot drift
// (Prisma's own `migrate diff` needs a schema engine this machine cannot get).
//
// The expected side comes from Prisma's own schema parser: the DMMF returned by
// `get_dmmf` in the prisma-schema WASM module that ships inside the installed
// `prisma` CLI package (node_modules/prisma/build/prisma_schema_build_bg.wasm),
// so it is always the parser of the Prisma version the project uses.
// The actual side is read from pg_catalog.
//
// Covered: tables, columns (type incl. @db.* native types, nullability,
// defaults), enums, primary keys, unique and ordinary indexes (names, column
// order, sort order, method, operator class), foreign keys (columns, target,
// ON DELETE / ON UPDATE) and implicit many-to-many join tables. Indexes that
// Prisma cannot express are listed by the caller (`sqlOnlyIndexes`).
// Not covered: names given to foreign keys with `@relation(map: ...)` (the DMMF
// does not expose them, so foreign keys are matched by what they do, not by
// name), relationMode = "prisma", multiSchema, views, CHECK constraints and
// triggers (Prisma does not model them either).
// Pass a single connection (pg.Client or a checked-out PoolClient): the
// comparison runs inside a transaction or savepoint that it rolls back.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";

// ---------------------------------------------------------------------------
// Prisma's schema parser (DMMF), through the WASM module bundled with the CLI.
// ---------------------------------------------------------------------------

export type DmmfDefault =
  | string
  | number
  | boolean
  | Array<string | number | boolean>
  | { name: string; args: Array<string | number> };

export type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: DmmfDefault;
  isUpdatedAt?: boolean;
  relationName?: string | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string | null;
  relationOnUpdate?: string | null;
};

export type DmmfModel = {
  name: string;
  dbName: string | null;
  schema?: string | null;
  fields: DmmfField[];
};

export type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  algorithm?: string;
  where?: string;
  fields: Array<{ name: string; sortOrder?: "asc" | "desc"; operatorClass?: string }>;
};

export type DmmfEnum = {
  name: string;
  dbName?: string | null;
  values: Array<{ name: string; dbName?: string | null }>;
};

export type Datamodel = { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };

type SchemaWasm = { getDmmf: (params: string) => string };

let schemaWasm: SchemaWasm | undefined;

function loadSchemaWasm(): SchemaWasm {
  if (schemaWasm) return schemaWasm;
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "prisma_schema_build_bg.wasm");
  let bytes: Buffer;
  try {
    bytes = readFileSync(wasmPath);
  } catch (error) {
    throw new Error(
      `Cannot read Prisma's schema parser at ${wasmPath}. The installed prisma CLI no longer ships it there; ` +
        `point prisma/schema-drift.ts at the new location (or at @prisma/prisma-schema-wasm).`,
      { cause: error },
    );
  }
  const module = new WebAssembly.Module(new Uint8Array(bytes));

  // A minimal wasm-bindgen glue for the four functions this module imports.
  let panicMessage: string | undefined;
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });
  const encoder = new TextEncoder();
  const bytesAt = () => new Uint8Array(wasm.memory.buffer);
  const readString = (ptr: number, len: number) => decoder.decode(bytesAt().subarray(ptr >>> 0, (ptr >>> 0) + len));
  const externrefs = () => wasm.__wbindgen_externrefs as WebAssembly.Table;
  const fn = (name: string) => wasm[name] as (...args: number[]) => unknown;

  const imports: Record<string, Record<string, (...args: number[]) => unknown>> = {};
  for (const entry of WebAssembly.Module.imports(module)) {
    let implementation: (...args: number[]) => unknown;
    if (entry.name.startsWith("__wbg_Error_")) {
      implementation = (ptr, len) => new Error(readString(ptr!, len!));
    } else if (entry.name.startsWith("__wbg___wbindgen_throw_")) {
      implementation = (ptr, len) => {
        throw new Error(readString(ptr!, len!));
      };
    } else if (entry.name.startsWith("__wbg_set_message_")) {
      implementation = (ptr, len) => {
        panicMessage = readString(ptr!, len!);
      };
    } else if (entry.name === "__wbindgen_init_externref_table") {
      implementation = () => {
        const table = externrefs();
        const offset = table.grow(4);
        table.set(0, undefined);
        table.set(offset + 0, undefined);
        table.set(offset + 1, null);
        table.set(offset + 2, true);
        table.set(offset + 3, false);
      };
    } else {
      throw new Error(
        `Prisma's schema parser (${wasmPath}) imports ${entry.module}.${entry.name}, which prisma/schema-drift.ts does not provide; extend its glue.`,
      );
    }
    (imports[entry.module] ??= {})[entry.name] = implementation;
  }
  // The functions above reach `wasm` only once it is set.
  const wasm = new WebAssembly.Instance(module, imports as WebAssembly.Imports).exports as Record<string, unknown> & {
    memory: WebAssembly.Memory;
  };
  fn("__wbindgen_start")();

  schemaWasm = {
    getDmmf(params) {
      const input = encoder.encode(params);
      const ptr = fn("__wbindgen_malloc")(input.length, 1) as number;
      bytesAt().set(input, ptr >>> 0);
      let result: [number, number, number, number];
      try {
        result = fn("get_dmmf")(ptr, input.length) as [number, number, number, number];
      } catch (error) {
        throw new Error(`Prisma's schema parser crashed${panicMessage ? `: ${panicMessage}` : ""}`, { cause: error });
      }
      const [outPtr, outLen, errorRef, failed] = result;
      if (failed) {
        const error = externrefs().get(errorRef);
        fn("__externref_table_dealloc")(errorRef);
        throw error;
      }
      try {
        return readString(outPtr, outLen);
      } finally {
        fn("__wbindgen_free")(outPtr, outLen, 1);
      }
    },
  };
  return schemaWasm;
}

/** Parses a Prisma schema with Prisma's own parser and returns its DMMF datamodel. */
export function parsePrismaSchema(schema: string, fileName = "schema.prisma"): Datamodel {
  let json: string;
  try {
    json = loadSchemaWasm().getDmmf(JSON.stringify({ prismaSchema: [[fileName, schema]], noColor: true }));
  } catch (error) {
    let message = (error as Error).message;
    try {
      message = (JSON.parse(message) as { message?: string }).message ?? message;
    } catch {
      // not JSON: keep as is
    }
    throw new Error(`Prisma could not parse ${fileName}:\n${message}`, { cause: error });
  }
  return (JSON.parse(json) as { datamodel: Datamodel }).datamodel;
}

// ---------------------------------------------------------------------------
// The expected database, as Prisma Migrate would create it on PostgreSQL.
// ---------------------------------------------------------------------------

const MAX_IDENTIFIER_BYTES = 63; // PostgreSQL's NAMEDATALEN - 1

/** Cuts a name to at most `bytes` UTF-8 bytes without splitting a character (Prisma's floor_char_boundary). */
function truncateBytes(name: string, bytes: number): string {
  if (Buffer.byteLength(name) < bytes) return name;
  let out = "";
  for (const char of name) {
    if (Buffer.byteLength(out + char) > bytes) break;
    out += char;
  }
  return out;
}

// Prisma's default constraint names (psl ConstraintNames).
export function defaultPrimaryKeyName(table: string): string {
  return `${truncateBytes(table, MAX_IDENTIFIER_BYTES - 5)}_pkey`;
}

export function defaultIndexName(table: string, columns: string[], unique: boolean): string {
  const suffix = unique ? "_key" : "_idx";
  return `${truncateBytes(`${table}_${columns.join("_")}`, MAX_IDENTIFIER_BYTES - suffix.length)}${suffix}`;
}

type ExpectedDefault =
  | { kind: "none" }
  | { kind: "any" } // @default(dbgenerated()) with no expression: the database decides
  | { kind: "autoincrement" }
  | { kind: "sql"; sql: string; source: string };

type ExpectedColumn = { name: string; type: string; notNull: boolean; default: ExpectedDefault; field: string };

/** One key column of an index; `opclass` null means the type's default operator class. */
type IndexKey = { column: string; descending: boolean; opclass: string | null };

type IndexSpec = { name: string; keys: IndexKey[]; method: string; predicate: string | null };

type ForeignKeySpec = {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
};

type ExpectedTable = {
  name: string;
  source: string; // "model Contact" or "implicit many-to-many relation FooToBar"
  columns: ExpectedColumn[];
  primaryKey: { name: string; columns: string[] } | null;
  indexes: Array<IndexSpec & { unique: boolean }>;
  foreignKeys: ForeignKeySpec[];
};

type ExpectedDatabase = { tables: ExpectedTable[]; enums: Array<{ name: string; values: string[] }> };

// Type names as PostgreSQL's format_type() prints them.
const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

function nativeTypeSql(native: string, args: string[]): string {
  const a = args.length ? `(${args.join(",")})` : "";
  switch (native) {
    case "Text":
      return "text";
    case "Char":
      return `character${args.length ? a : "(1)"}`;
    case "VarChar":
      return `character varying${a}`;
    case "Bit":
      return `bit${args.length ? a : "(1)"}`;
    case "VarBit":
      return `bit varying${a}`;
    case "Uuid":
      return "uuid";
    case "Xml":
      return "xml";
    case "Inet":
      return "inet";
    case "Citext":
      return "citext";
    case "Boolean":
      return "boolean";
    case "Integer":
      return "integer";
    case "SmallInt":
      return "smallint";
    case "Oid":
      return "oid";
    case "BigInt":
      return "bigint";
    case "DoublePrecision":
      return "double precision";
    case "Real":
      return "real";
    case "Decimal":
      return `numeric${a}`;
    case "Money":
      return "money";
    case "Timestamp":
      return `timestamp${a} without time zone`;
    case "Timestamptz":
      return `timestamp${a} with time zone`;
    case "Date":
      return "date";
    case "Time":
      return `time${a} without time zone`;
    case "Timetz":
      return `time${a} with time zone`;
    case "Json":
      return "json";
    case "JsonB":
      return "jsonb";
    case "ByteA":
      return "bytea";
    default:
      throw new Error(`prisma/schema-drift.ts does not know the PostgreSQL type of @db.${native}; add it to nativeTypeSql().`);
  }
}

/** Prisma's operator class names (JsonbPathOps, TextMinMaxOps, Int4BloomOps) → PostgreSQL's (jsonb_path_ops, ...). */
function operatorClassName(prismaName: string): string {
  return prismaName
    .replaceAll("MinMax", "Minmax")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function enumTypeName(name: string): string {
  return quoteIdent(name);
}

function buildExpected(datamodel: Datamodel): ExpectedDatabase {
  const models = new Map(datamodel.models.map((model) => [model.name, model]));
  const enums = new Map(datamodel.enums.map((e) => [e.name, e]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((f) => f.name === fieldName);
    if (!field) throw new Error(`DMMF: model ${model.name} has no field ${fieldName}`);
    return field.dbName ?? field.name;
  };

  for (const model of datamodel.models) {
    if (model.schema) throw new Error(`prisma/schema-drift.ts does not support multiSchema (model ${model.name} uses @@schema).`);
  }

  const scalarType = (field: DmmfField): string => {
    let base: string;
    if (field.kind === "enum") {
      const e = enums.get(field.type);
      base = enumTypeName(e?.dbName ?? field.type);
    } else if (field.nativeType) {
      base = nativeTypeSql(field.nativeType[0], field.nativeType[1]);
    } else {
      const mapped = SCALAR_TYPES[field.type];
      if (!mapped) throw new Error(`prisma/schema-drift.ts does not know the PostgreSQL type of Prisma type ${field.type}.`);
      base = mapped;
    }
    return field.isList ? `${base}[]` : base;
  };

  const literal = (field: DmmfField, value: string | number | boolean): string => {
    if (field.kind === "enum") {
      const e = enums.get(field.type);
      const dbValue = e?.values.find((v) => v.name === value)?.dbName ?? String(value);
      return quoteLiteral(dbValue);
    }
    switch (field.type) {
      case "Int":
      case "BigInt":
      case "Float":
      case "Decimal":
      case "Boolean":
        return String(value);
      case "Bytes":
        return quoteLiteral(`\\x${Buffer.from(String(value), "base64").toString("hex")}`);
      default:
        return quoteLiteral(String(value));
    }
  };

  const expectedDefault = (field: DmmfField, type: string): ExpectedDefault => {
    const value = field.default;
    if (value === undefined || value === null) return { kind: "none" };
    if (typeof value === "object" && !Array.isArray(value)) {
      const source = `${value.name}(${value.args.map((arg) => JSON.stringify(arg)).join(", ")})`;
      switch (value.name) {
        case "now":
          return { kind: "sql", sql: "CURRENT_TIMESTAMP", source };
        case "autoincrement":
          return { kind: "autoincrement" };
        case "dbgenerated":
          return value.args.length ? { kind: "sql", sql: String(value.args[0]), source } : { kind: "any" };
        case "uuid":
        case "cuid":
        case "nanoid":
        case "ulid":
          return { kind: "none" }; // generated by Prisma Client, not by the database
        default:
          throw new Error(`prisma/schema-drift.ts does not know the database default for @default(${source}).`);
      }
    }
    if (Array.isArray(value)) {
      const sql = `ARRAY[${value.map((v) => literal(field, v)).join(", ")}]::${type}`;
      return { kind: "sql", sql, source: JSON.stringify(value) };
    }
    return { kind: "sql", sql: literal(field, value), source: JSON.stringify(value) };
  };

  const tables: ExpectedTable[] = [];
  for (const model of datamodel.models) {
    const table = tableOf(model);
    const columns: ExpectedColumn[] = model.fields
      .filter((field) => field.kind === "scalar" || field.kind === "enum")
      .map((field) => {
        const type = scalarType(field);
        return {
          name: field.dbName ?? field.name,
          type,
          // Prisma Migrate leaves scalar-list columns nullable.
          notNull: field.isRequired && !field.isList,
          default: expectedDefault(field, type),
          field: `${model.name}.${field.name}`,
        };
      });

    let primaryKey: ExpectedTable["primaryKey"] = null;
    const indexes: ExpectedTable["indexes"] = [];
    for (const index of datamodel.indexes.filter((i) => i.model === model.name)) {
      const cols = index.fields.map((f) => columnOf(model, f.name));
      if (index.type === "id") {
        primaryKey = { name: index.dbName ?? defaultPrimaryKeyName(table), columns: cols };
        continue;
      }
      if (index.type === "fulltext") throw new Error(`prisma/schema-drift.ts does not support @@fulltext (model ${model.name}).`);
      const unique = index.type === "unique";
      indexes.push({
        name: index.dbName ?? defaultIndexName(table, cols, unique),
        unique,
        keys: index.fields.map((f, i) => ({
          column: cols[i]!,
          descending: f.sortOrder === "desc",
          opclass: f.operatorClass ? operatorClassName(f.operatorClass) : null,
        })),
        method: (index.algorithm ?? "BTree").toLowerCase(),
        predicate: index.where ?? null,
      });
    }

    const foreignKeys: ForeignKeySpec[] = [];
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const target = models.get(field.type);
      if (!target) throw new Error(`DMMF: relation ${model.name}.${field.name} points at unknown model ${field.type}`);
      const fromFields = field.relationFromFields.map((name) => model.fields.find((f) => f.name === name)!);
      const optional = !field.isRequired || fromFields.some((f) => !f.isRequired);
      foreignKeys.push({
        columns: field.relationFromFields.map((name) => columnOf(model, name)),
        referencedTable: tableOf(target),
        referencedColumns: (field.relationToFields ?? []).map((name) => columnOf(target, name)),
        onDelete: field.relationOnDelete ?? (optional ? "SetNull" : "Restrict"),
        onUpdate: field.relationOnUpdate ?? "Cascade",
      });
    }

    tables.push({ name: table, source: `model ${model.name}`, columns, primaryKey, indexes, foreignKeys });
  }

  // Implicit many-to-many relations get a join table "_<relationName>" with
  // columns A and B pointing at the two models in alphabetical order.
  const seen = new Set<string>();
  for (const model of datamodel.models) {
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.isList || !field.relationName || seen.has(field.relationName)) continue;
      const target = models.get(field.type)!;
      const other = target.fields.find(
        (f) => f.kind === "object" && f.relationName === field.relationName && (target !== model || f !== field),
      );
      const isImplicitManyToMany = (other ? other.isList : target === model) && !field.relationFromFields?.length;
      if (!isImplicitManyToMany) continue;
      seen.add(field.relationName);
      const [modelA, modelB] = [model, target].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)) as [DmmfModel, DmmfModel];
      const idOf = (m: DmmfModel) => {
        const ids = m.fields.filter((f) => f.isId);
        if (ids.length !== 1) throw new Error(`Implicit many-to-many ${field.relationName}: model ${m.name} needs a single-field @id`);
        return ids[0]!;
      };
      const idA = idOf(modelA);
      const idB = idOf(modelB);
      const table = `_${field.relationName}`;
      const column = (name: string, id: DmmfField): ExpectedColumn => ({
        name,
        type: scalarType({ ...id, isList: false }),
        notNull: true,
        default: { kind: "none" },
        field: `${table}.${name}`,
      });
      tables.push({
        name: table,
        source: `implicit many-to-many relation ${field.relationName}`,
        columns: [column("A", idA), column("B", idB)],
        primaryKey: { name: `${truncateBytes(`${table}_AB`, MAX_IDENTIFIER_BYTES - 5)}_pkey`, columns: ["A", "B"] },
        indexes: [
          {
            name: `${truncateBytes(`${table}_B`, MAX_IDENTIFIER_BYTES - 6)}_index`,
            unique: false,
            keys: [{ column: "B", descending: false, opclass: null }],
            method: "btree",
            predicate: null,
          },
        ],
        foreignKeys: [
          { columns: ["A"], referencedTable: tableOf(modelA), referencedColumns: [idA.dbName ?? idA.name], onDelete: "Cascade", onUpdate: "Cascade" },
          { columns: ["B"], referencedTable: tableOf(modelB), referencedColumns: [idB.dbName ?? idB.name], onDelete: "Cascade", onUpdate: "Cascade" },
        ],
      });
    }
  }

  return {
    tables,
    enums: datamodel.enums.map((e) => ({ name: e.dbName ?? e.name, values: e.values.map((v) => v.dbName ?? v.name) })),
  };
}

// ---------------------------------------------------------------------------
// The actual database, from pg_catalog.
// ---------------------------------------------------------------------------

type Queryable = Pick<pg.ClientBase, "query">;

type ActualColumn = { table: string; name: string; type: string; notNull: boolean; default: string | null; identity: string; generated: string };
type ActualIndexKey = { column: string | null; expression: string; descending: boolean; opclass: string; defaultOpclass: boolean };
type ActualIndex = {
  table: string;
  name: string;
  unique: boolean;
  primary: boolean;
  method: string;
  predicate: string | null;
  definition: string;
  keys: ActualIndexKey[];
  included: string[];
};
type ActualForeignKey = ForeignKeySpec & { table: string; name: string };

const IGNORED_TABLES = new Set(["_prisma_migrations"]);

async function introspect(db: Queryable, schema: string) {
  const tables = await db.query<{ name: string }>(
    `SELECT c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
    [schema],
  );
  const columns = await db.query<ActualColumn>(
    `SELECT c.relname AS "table", a.attname AS name,
            CASE WHEN t.typtype = 'e' THEN '"' || replace(t.typname, '"', '""') || '"'
                 WHEN et.typtype = 'e' THEN '"' || replace(et.typname, '"', '""') || '"[]'
                 ELSE format_type(a.atttypid, a.atttypmod) END AS type,
            a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS "default",
            a.attidentity AS identity, a.attgenerated AS generated
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
    [schema],
  );
  const enums = await db.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)::text[] AS values
       FROM pg_type t
       JOIN pg_namespace n ON n.oid = t.typnamespace
       JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE n.nspname = $1
      GROUP BY t.typname`,
    [schema],
  );
  const indexes = await db.query<ActualIndex>(
    `SELECT c.relname AS "table", i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary,
            am.amname AS method, pg_get_expr(x.indpred, x.indrelid) AS predicate,
            pg_get_indexdef(x.indexrelid) AS definition,
            (SELECT json_agg(json_build_object(
                      'column', a.attname,
                      'expression', pg_get_indexdef(x.indexrelid, k.ord::int, true),
                      'descending', (x.indoption[k.ord - 1] & 1) = 1,
                      'opclass', oc.opcname,
                      'defaultOpclass', oc.opcdefault) ORDER BY k.ord)
               FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
               LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum AND k.attnum <> 0
               LEFT JOIN pg_opclass oc ON oc.oid = x.indclass[k.ord - 1]
              WHERE k.ord <= x.indnkeyatts) AS keys,
            ARRAY(SELECT a.attname::text
                    FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                   WHERE k.ord > x.indnkeyatts ORDER BY k.ord) AS included
       FROM pg_index x
       JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_am am ON am.oid = i.relam
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1`,
    [schema],
  );
  const foreignKeys = await db.query<ActualForeignKey & { deleteCode: string; updateCode: string }>(
    `SELECT c.relname AS "table", con.conname AS name, rc.relname AS "referencedTable",
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "referencedColumns",
            con.confdeltype AS "deleteCode", con.confupdtype AS "updateCode"
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class rc ON rc.oid = con.confrelid
      WHERE con.contype = 'f' AND n.nspname = $1`,
    [schema],
  );
  const action: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };
  const keep = <T extends { table: string }>(rows: T[]) => rows.filter((row) => !IGNORED_TABLES.has(row.table));
  return {
    tables: tables.rows.map((row) => row.name).filter((name) => !IGNORED_TABLES.has(name)),
    columns: keep(columns.rows),
    enums: enums.rows,
    indexes: keep(indexes.rows),
    foreignKeys: keep(foreignKeys.rows).map(({ deleteCode, updateCode, ...fk }) => ({
      ...fk,
      onDelete: action[deleteCode] ?? deleteCode,
      onUpdate: action[updateCode] ?? updateCode,
    })),
  };
}

// ---------------------------------------------------------------------------
// Comparison.
// ---------------------------------------------------------------------------

/** format_type() spelling → the spelling Prisma's migrations use. */
export function displayType(type: string): string {
  const array = type.endsWith("[]") ? "[]" : "";
  const base = array ? type.slice(0, -2) : type;
  if (base.startsWith('"')) return type;
  const m = /^(\w[\w ]*?)(\([\d,]+\))?( with(?:out)? time zone)?$/.exec(base);
  if (!m) return type.toUpperCase();
  const [, name, args = "", zone = ""] = m;
  const withZone = zone === " with time zone";
  const spelled: Record<string, string> = {
    "character varying": "VARCHAR",
    character: "CHAR",
    "bit varying": "VARBIT",
    numeric: "DECIMAL",
    timestamp: withZone ? "TIMESTAMPTZ" : "TIMESTAMP",
    time: withZone ? "TIMETZ" : "TIME",
  };
  return `${spelled[name!] ?? name!.toUpperCase()}${args}${array}`;
}

const ACTION_SQL: Record<string, string> = {
  NoAction: "NO ACTION",
  Restrict: "RESTRICT",
  Cascade: "CASCADE",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

const list = (names: string[]) => `(${names.join(", ")})`;

function indexShape(index: { keys: Array<IndexKey | ActualIndexKey>; method: string; predicate: string | null }): string {
  const keys = index.keys.map((key) => {
    const isActual = "expression" in key;
    const opclass = isActual ? (key.defaultOpclass ? null : key.opclass) : key.opclass;
    const target = isActual ? (key.column ?? key.expression) : key.column;
    return `${target}${opclass ? ` ${opclass}` : ""}${key.descending ? " DESC" : ""}`;
  });
  const method = index.method === "btree" ? "" : ` USING ${index.method}`;
  const where = index.predicate ? ` WHERE ${index.predicate}` : "";
  return `${list(keys)}${method}${where}`;
}

function indexMatches(expected: ExpectedTable["indexes"][number], actual: ActualIndex): boolean {
  return (
    expected.unique === actual.unique &&
    expected.method === actual.method &&
    (expected.predicate ?? null) === (actual.predicate ?? null) &&
    actual.included.length === 0 &&
    expected.keys.length === actual.keys.length &&
    expected.keys.every((key, i) => {
      const found = actual.keys[i]!;
      return (
        found.column === key.column &&
        found.descending === key.descending &&
        (key.opclass ? found.opclass === key.opclass : found.defaultOpclass)
      );
    })
  );
}

/**
 * Asks PostgreSQL how it would store `sql` as the default of a column of
 * `type`, so both sides are compared in PostgreSQL's own spelling
 * ('FREE' → 'FREE'::"Plan", now() → CURRENT_TIMESTAMP, ...). The probe table
 * lives only inside a savepoint that is rolled back.
 */
async function canonicalDefault(db: Queryable, sql: string, types: string[]): Promise<string> {
  for (const type of types) {
    await db.query("SAVEPOINT schema_drift_probe");
    try {
      await db.query(`CREATE TEMP TABLE schema_drift_probe (c ${type} DEFAULT ${sql})`);
      const { rows } = await db.query<{ expr: string }>(
        `SELECT pg_get_expr(d.adbin, d.adrelid) AS expr FROM pg_attrdef d WHERE d.adrelid = 'pg_temp.schema_drift_probe'::regclass`,
      );
      if (rows[0]) return rows[0].expr;
    } catch {
      // this type does not exist or does not accept the value: try the next one
    } finally {
      await db.query("ROLLBACK TO SAVEPOINT schema_drift_probe");
      await db.query("RELEASE SAVEPOINT schema_drift_probe");
    }
  }
  return sql;
}

/** Runs `work` inside a transaction (or a savepoint, if the caller already opened one) and rolls it back. */
async function rolledBack<T>(db: Queryable, work: () => Promise<T>): Promise<T> {
  let ownTransaction = false;
  try {
    await db.query("SAVEPOINT schema_drift_scope");
  } catch (error) {
    if ((error as { code?: string }).code !== "25P01") throw error; // 25P01: no transaction in progress
    await db.query("BEGIN");
    ownTransaction = true;
  }
  try {
    return await work();
  } finally {
    if (ownTransaction) {
      await db.query("ROLLBACK");
    } else {
      await db.query("ROLLBACK TO SAVEPOINT schema_drift_scope");
      await db.query("RELEASE SAVEPOINT schema_drift_scope");
    }
  }
}

export type CompareOptions = {
  /** The Prisma schema text; defaults to prisma/schema.prisma. */
  schema?: string;
  /**
   * Indexes the migrations create in SQL because Prisma's schema language cannot
   * express them (expression indexes, operator classes, ...), by name, with the
   * definition PostgreSQL's pg_get_indexdef() prints for them. Each must exist
   * exactly so; none of them counts as drift.
   */
  sqlOnlyIndexes?: Record<string, string>;
  /** The PostgreSQL schema (namespace) to compare; defaults to public. */
  databaseSchema?: string;
};

export const SCHEMA_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "schema.prisma");

/**
 * Lists, in plain words, every difference between the Prisma schema and the
 * database `db` is connected to. An empty list means they agree.
 */
export async function compareSchemaWithDatabase(db: Queryable, options: CompareOptions = {}): Promise<string[]> {
  const schemaText = options.schema ?? readFileSync(SCHEMA_PATH, "utf8");
  const expected = buildExpected(parsePrismaSchema(schemaText));
  return rolledBack(db, async () => {
    const actual = await introspect(db, options.databaseSchema ?? "public");
    const differences: string[] = [];

    // Indexes written in SQL only.
    const sqlOnly = new Map(Object.entries(options.sqlOnlyIndexes ?? {}));
    const normalize = (sql: string) => sql.replace(/\s+/g, " ").trim();
    for (const [name, definition] of sqlOnly) {
      const found = actual.indexes.find((i) => i.name === name);
      if (!found) {
        differences.push(`SQL-only index ${name} is missing from the database (expected: ${normalize(definition)})`);
      } else if (normalize(found.definition) !== normalize(definition)) {
        differences.push(`SQL-only index ${name}: expected ${normalize(definition)}, database has ${found.definition}`);
      }
    }

    // Enums.
    const actualEnums = new Map(actual.enums.map((e) => [e.name, e.values]));
    for (const e of expected.enums) {
      const values = actualEnums.get(e.name);
      actualEnums.delete(e.name);
      if (!values) {
        differences.push(`Enum "${e.name}" is in the schema but missing from the database`);
        continue;
      }
      const missing = e.values.filter((v) => !values.includes(v));
      const extra = values.filter((v) => !e.values.includes(v));
      for (const v of missing) differences.push(`Enum "${e.name}": value ${v} is in the schema but missing from the database`);
      for (const v of extra) differences.push(`Enum "${e.name}": value ${v} is in the database but not in the schema`);
      if (!missing.length && !extra.length && e.values.join() !== values.join()) {
        differences.push(`Enum "${e.name}": schema orders its values ${list(e.values)}, database has ${list(values)}`);
      }
    }
    for (const name of actualEnums.keys()) differences.push(`Enum "${name}" is in the database but not in the schema`);

    // Tables.
    const actualTables = new Set(actual.tables);
    const expectedNames = new Set(expected.tables.map((t) => t.name));
    for (const table of expected.tables) {
      if (!actualTables.has(table.name)) {
        differences.push(`Table "${table.name}" (${table.source}) is in the schema but missing from the database`);
      }
    }
    for (const name of [...actualTables].sort()) {
      if (!expectedNames.has(name)) differences.push(`Table "${name}" is in the database but not in the schema`);
    }

    for (const table of expected.tables) {
      if (!actualTables.has(table.name)) continue;
      const t = table.name;

      // Columns.
      const columns = new Map(actual.columns.filter((c) => c.table === t).map((c) => [c.name, c]));
      for (const column of table.columns) {
        const found = columns.get(column.name);
        columns.delete(column.name);
        if (!found) {
          differences.push(`${t}.${column.name}: column is in the schema (${column.field}) but missing from the database`);
          continue;
        }
        let expectedDefault: string | null;
        let actualDefault = found.default;
        if (found.identity) actualDefault = `GENERATED ${found.identity === "a" ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY`;
        if (found.generated) actualDefault = `GENERATED ALWAYS AS (${found.default}) STORED`;
        if (actualDefault && /^nextval\('.*'::regclass\)$/.test(actualDefault)) actualDefault = "autoincrement()";
        switch (column.default.kind) {
          case "none":
            expectedDefault = null;
            break;
          case "any":
            expectedDefault = actualDefault ?? "dbgenerated()";
            break;
          case "autoincrement":
            expectedDefault = "autoincrement()";
            break;
          case "sql":
            expectedDefault = await canonicalDefault(db, column.default.sql, [found.type, column.type]);
            break;
        }
        const describe = (type: string, notNull: boolean, dflt: string | null) =>
          `${displayType(type)} ${notNull ? "NOT NULL" : "NULL"}${dflt ? ` DEFAULT ${dflt}` : ""}`;
        const want = describe(column.type, column.notNull, expectedDefault);
        const have = describe(found.type, found.notNull, actualDefault);
        if (want !== have) differences.push(`${t}.${column.name}: schema says ${want}, database has ${have}`);
      }
      for (const name of columns.keys()) differences.push(`${t}.${name}: column is in the database but not in the schema`);

      // Primary key.
      const tableIndexes = actual.indexes.filter((i) => i.table === t);
      const pk = tableIndexes.find((i) => i.primary);
      const actualPk = pk && { name: pk.name, columns: pk.keys.map((k) => k.column ?? k.expression) };
      if (table.primaryKey && !actualPk) {
        differences.push(`${t}: primary key ${list(table.primaryKey.columns)} is in the schema but missing from the database`);
      } else if (!table.primaryKey && actualPk) {
        differences.push(`${t}: primary key ${list(actualPk.columns)} is in the database but not in the schema`);
      } else if (table.primaryKey && actualPk) {
        const want = `${list(table.primaryKey.columns)} named ${table.primaryKey.name}`;
        const have = `${list(actualPk.columns)} named ${actualPk.name}`;
        if (want !== have) differences.push(`${t}: schema says primary key ${want}, database has primary key ${have}`);
      }

      // Unique and ordinary indexes, matched by what they index.
      const kind = (unique: boolean) => (unique ? "unique index" : "index");
      const remaining = tableIndexes.filter((i) => !i.primary && !sqlOnly.has(i.name));
      for (const index of table.indexes) {
        const shape = indexShape(index);
        const at = remaining.findIndex((i) => indexMatches(index, i));
        if (at < 0) {
          differences.push(`${t}: ${kind(index.unique)} ${index.name} on ${shape} is in the schema but missing from the database`);
          continue;
        }
        const [found] = remaining.splice(at, 1);
        if (found!.name !== index.name) {
          differences.push(`${t}: ${kind(index.unique)} on ${shape} is named ${index.name} in the schema but ${found!.name} in the database`);
        }
      }
      for (const index of remaining) {
        const include = index.included.length ? ` INCLUDE ${list(index.included)}` : "";
        differences.push(
          `${t}: ${kind(index.unique)} ${index.name} on ${indexShape(index)}${include} is in the database but not in the schema ` +
            `(if Prisma cannot express it, list it as SQL-only: ${index.definition})`,
        );
      }

      // Foreign keys, matched by columns and target.
      const fkShape = (fk: ForeignKeySpec) => `${list(fk.columns)} → ${fk.referencedTable}${list(fk.referencedColumns)}`;
      const actions = (fk: ForeignKeySpec) => `ON DELETE ${ACTION_SQL[fk.onDelete] ?? fk.onDelete} ON UPDATE ${ACTION_SQL[fk.onUpdate] ?? fk.onUpdate}`;
      const actualFks = actual.foreignKeys.filter((fk) => fk.table === t);
      for (const fk of table.foreignKeys) {
        const at = actualFks.findIndex((a) => fkShape(a) === fkShape(fk));
        if (at < 0) {
          differences.push(`${t}: foreign key ${fkShape(fk)} ${actions(fk)} is in the schema but missing from the database`);
          continue;
        }
        const [found] = actualFks.splice(at, 1);
        if (actions(found!) !== actions(fk)) {
          differences.push(`${t}: foreign key ${fkShape(fk)}: schema says ${actions(fk)}, database has ${actions(found!)}`);
        }
      }
      for (const fk of actualFks) {
        differences.push(`${t}: foreign key ${fk.name} ${fkShape(fk)} ${actions(fk)} is in the database but not in the schema`);
      }
    }
    return differences;
  });
}
