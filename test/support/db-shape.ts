/** Reads the same shape as prisma-schema.ts from a live PostgreSQL catalog. */
import type { ExpectedTable } from './prisma-schema';

export type Query = (sql: string) => Promise<Record<string, unknown>[]>;

export async function readDatabaseShape(query: Query): Promise<ExpectedTable[]> {
  const cols = await query(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND c.relname <> '_prisma_migrations'
    ORDER BY c.relname, a.attnum`);
  const idx = await query(`
    SELECT t.relname AS table, i.indisprimary AS primary, i.indisunique AS unique,
           array_to_string(ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',') AS columns
    FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = current_schema() AND t.relname <> '_prisma_migrations'`);
  const fks = await query(`
    SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS ref,
      array_to_string(ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord), ',') AS columns,
      array_to_string(ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord), ',') AS ref_columns
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
    WHERE c.contype = 'f' AND n.nspname = current_schema()`);
  const tables = new Map<string, ExpectedTable>();
  const get = (name: string) => {
    let t = tables.get(name);
    if (!t)
      tables.set(
        name,
        (t = { name, columns: [], primaryKey: [], uniques: [], indexes: [], foreignKeys: [] }),
      );
    return t;
  };
  for (const r of cols)
    get(String(r.table)).columns.push({
      name: String(r.column),
      type: String(r.type),
      nullable: Boolean(r.nullable),
    });
  for (const r of idx) {
    const t = get(String(r.table));
    const c = String(r.columns).split(',');
    if (r.primary) t.primaryKey = c;
    else if (r.unique) t.uniques.push(c);
    else t.indexes.push(c);
  }
  for (const r of fks) {
    get(String(r.table).replace(/"/g, '')).foreignKeys.push({
      columns: String(r.columns).split(','),
      table: String(r.ref).replace(/"/g, ''),
      refColumns: String(r.ref_columns).split(','),
    });
  }
  return [...tables.values()];
}

/** Differences between two shapes, as readable lines (empty when they agree). */
export function diffShapes(expected: ExpectedTable[], actual: ExpectedTable[]): string[] {
  const out: string[] = [];
  const norm = (t: ExpectedTable) => ({
    columns: t.columns.map((c) => `${c.name} ${c.type}${c.nullable ? '' : ' NOT NULL'}`).sort(),
    primaryKey: [t.primaryKey.join(',')],
    uniques: t.uniques.map((u) => u.join(',')).sort(),
    indexes: t.indexes.map((u) => u.join(',')).sort(),
    foreignKeys: t.foreignKeys
      .map((f) => `${f.columns.join(',')} -> ${f.table}(${f.refColumns.join(',')})`)
      .sort(),
  });
  const names = new Set([...expected.map((t) => t.name), ...actual.map((t) => t.name)]);
  for (const name of [...names].sort()) {
    const e = expected.find((t) => t.name === name);
    const a = actual.find((t) => t.name === name);
    if (!e) {
      out.push(`table ${name}: in the migrations, not in schema.prisma`);
      continue;
    }
    if (!a) {
      out.push(`table ${name}: in schema.prisma, not in the migrations`);
      continue;
    }
    const ne = norm(e);
    const na = norm(a);
    for (const k of Object.keys(ne) as (keyof typeof ne)[]) {
      for (const x of ne[k])
        if (!na[k].includes(x))
          out.push(`${name}.${k}: schema.prisma has "${x}", the migrations do not`);
      for (const x of na[k])
        if (!ne[k].includes(x))
          out.push(`${name}.${k}: the migrations have "${x}", schema.prisma does not`);
    }
  }
  return out;
}
