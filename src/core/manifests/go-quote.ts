/**
 * encoding/json scanner.go `quoteChar`: how a syntax error names the offending byte. Go
 * scans bytes, so a multi-byte character shows as its first UTF-8 byte read as a rune
 * (`é` reads as 'Ã'), quoted as strconv.Quote would.
 */
export function goQuoteChar(text: string, at: number): string {
  const code = text.codePointAt(at) ?? 0;
  if (code === 0x27) return `'\\''`;
  if (code === 0x22) return `'"'`;
  const byte = code < 0x80 ? code : (Buffer.from(String.fromCodePoint(code), 'utf8')[0] ?? code);
  return `'${goQuoteRune(byte)}'`;
}

function goQuoteRune(r: number): string {
  const named: Record<number, string> = {
    7: '\\a',
    8: '\\b',
    9: '\\t',
    10: '\\n',
    11: '\\v',
    12: '\\f',
    13: '\\r',
    0x5c: '\\\\',
  };
  if (named[r]) return named[r];
  if (r < 0x20 || r === 0x7f) return `\\x${r.toString(16).padStart(2, '0')}`;
  if (r >= 0x80 && r < 0xa0) return `\\u${r.toString(16).padStart(4, '0')}`;
  if (r === 0xad) return '\\u00ad';
  return String.fromCharCode(r);
}
