/**
 * Reads the parts of schema.prisma that decide the database shape (models, scalar fields,
 * @map/@@map, @db types, ids, uniques, indexes, relations) into the shape PostgreSQL
 * reports, so a test can compare the two. It covers the attribute subset this project uses
 * and throws on anything else rather than guess.
 */
export interface ExpectedColumn {
  name: string;
  type: string;
  nullable: boolean;
}

export interface ExpectedTable {
  name: string;
  columns: ExpectedColumn[];
  primaryKey: string[];
  uniques: string[][];
  indexes: string[][];
  foreignKeys: { columns: string[]; table: string; refColumns: string[] }[];
}

const SCALAR: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Decimal: 'numeric(65,30)',
  Float: 'double precision',
};

function nativeType(attr: string): string {
  const m = /^@db\.(\w+)(?:\(([^)]*)\))?$/.exec(attr);
  if (!m) throw new Error(`unsupported native type ${attr}`);
  const [, t, args] = m;
  switch (t) {
    case 'Uuid':
      return 'uuid';
    case 'Timestamptz':
      return `timestamp(${args ?? '3'}) with time zone`;
    case 'Decimal':
      return `numeric(${args!.replace(/\s/g, '')})`;
    case 'Text':
      return 'text';
    default:
      throw new Error(`unsupported native type ${attr}`);
  }
}

const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function parsePrismaSchema(text: string): ExpectedTable[] {
  const models = [...text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  const modelNames = new Set(models.map((m) => m[1]!));
  const tableOf = new Map<string, string>();
  const columnOf = new Map<string, Map<string, string>>();
  for (const [, name, body] of models) {
    const map = /@@map\("([^"]+)"\)/.exec(body!);
    tableOf.set(name!, map ? map[1]! : name!);
    const cols = new Map<string, string>();
    for (const line of body!.split('\n')) {
      const f = /^\s*(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!f || line.trim().startsWith('//') || line.trim().startsWith('@@')) continue;
      const m = /@map\("([^"]+)"\)/.exec(f[5]!);
      cols.set(f[1]!, m ? m[1]! : f[1]!);
    }
    columnOf.set(name!, cols);
  }
  const col = (model: string, field: string): string => {
    const c = columnOf.get(model)?.get(field);
    if (!c) throw new Error(`${model}.${field} not found`);
    return c;
  };
  return models.map(([, name, body]) => {
    const t: ExpectedTable = {
      name: tableOf.get(name!)!,
      columns: [],
      primaryKey: [],
      uniques: [],
      indexes: [],
      foreignKeys: [],
    };
    for (const raw of body!.split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      if (!line) continue;
      const block = /^@@(id|unique|index)\(\[([^\]]*)\]/.exec(line);
      if (block) {
        const cols = list(block[2]!).map((f) => col(name!, f));
        if (block[1] === 'id') t.primaryKey = cols;
        else if (block[1] === 'unique') t.uniques.push(cols);
        else t.indexes.push(cols);
        continue;
      }
      if (line.startsWith('@@map')) continue;
      if (line.startsWith('@@')) throw new Error(`unsupported block attribute: ${line}`);
      const f = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!f) continue;
      const [, field, type, isList, optional, attrs] = f;
      if (modelNames.has(type!)) {
        const rel = /@relation\([^)]*fields:\s*\[([^\]]*)\],\s*references:\s*\[([^\]]*)\]/.exec(
          attrs!,
        );
        if (rel) {
          t.foreignKeys.push({
            columns: list(rel[1]!).map((x) => col(name!, x)),
            table: tableOf.get(type!)!,
            refColumns: list(rel[2]!).map((x) => col(type!, x)),
          });
        }
        continue;
      }
      const db = /(@db\.\w+(?:\([^)]*\))?)/.exec(attrs!);
      let pgType = db ? nativeType(db[1]!) : SCALAR[type!];
      if (!pgType) throw new Error(`unsupported scalar ${type}`);
      if (isList) pgType += '[]';
      const column = col(name!, field!);
      t.columns.push({
        name: column,
        type: pgType,
        nullable: Boolean(optional) || Boolean(isList),
      });
      if (/(^|\s)@id\b/.test(attrs!)) t.primaryKey = [column];
      if (/(^|\s)@unique\b/.test(attrs!)) t.uniques.push([column]);
    }
    return t;
  });
}
