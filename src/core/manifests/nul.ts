/**
 * U+0000 in a string. JSON and YAML can carry it (`"\u0000"`, `"\0"`) and Kubernetes would
 * store it, but PostgreSQL's `text` and `jsonb` cannot hold it, so every input refuses it
 * up front, naming where it is, instead of failing in the database.
 */
export const NUL_DETAIL = 'must not contain the character U+0000 (NUL), which cannot be stored';

/** The path (`metadata.annotations.a`, `spec.ports[0].name`) of the first NUL, or null. */
export function nulPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(body)' : null;
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const at = path ? `${path}.${k}` : k;
    if (k.includes('\u0000')) return at;
    const found = nulPath(v, at);
    if (found !== null) return found;
  }
  return null;
}
