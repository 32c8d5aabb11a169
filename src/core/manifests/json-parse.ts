/**
 * A JSON reader that never recurses, never throws, and fails with the words of Go's
 * encoding/json scanner (scanner.go: `invalid character 'x' looking for beginning of
 * value`, `unexpected end of JSON input`), so a bad body reads as kube-apiserver's answer.
 * Nesting deeper than `maxDepth` fails like Go's `exceeded max depth` check, and more than
 * `maxNodes` values stop the read early.
 */
import { goQuoteChar } from './go-quote';
import type { JsonNode } from './json-node';

export type JsonParseResult = { ok: true; value: JsonNode } | { ok: false; error: string };

export interface JsonParseLimits {
  maxDepth: number;
  maxNodes: number;
}

type Frame =
  | { kind: 'arr'; items: JsonNode[] }
  | { kind: 'obj'; entries: [string, JsonNode][]; key: string | null; start: number };

class JsonSyntaxError {
  constructor(readonly message: string) {}
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function parseJson(text: string, limits: JsonParseLimits): JsonParseResult {
  try {
    return { ok: true, value: new Reader(text, limits).document() };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, error: e.message };
    throw e;
  }
}

class Reader {
  private pos = 0;
  private nodes = 0;
  private readonly stack: Frame[] = [];

  constructor(
    private readonly s: string,
    private readonly limits: JsonParseLimits,
  ) {}

  document(): JsonNode {
    let result: JsonNode | undefined;
    this.skipWs();
    for (;;) {
      // Expect a value (top level, array element, or object value).
      let value = this.valueOrOpen();
      while (value !== undefined) {
        const frame = this.stack[this.stack.length - 1];
        if (!frame) {
          result = value;
          break;
        }
        value = this.afterValue(frame, value);
      }
      if (result !== undefined) break;
    }
    this.skipWs();
    if (this.pos < this.s.length) this.fail('after top-level value');
    return result;
  }

  /** Reads a scalar, or opens a container and returns undefined (its first value comes next). */
  private valueOrOpen(): JsonNode | undefined {
    this.skipWs();
    if (this.pos >= this.s.length) throw new JsonSyntaxError('unexpected end of JSON input');
    if (++this.nodes > this.limits.maxNodes) {
      throw new JsonSyntaxError(`the document has more than ${this.limits.maxNodes} values`);
    }
    const c = this.s.charCodeAt(this.pos);
    if (c === 0x7b || c === 0x5b) {
      if (this.stack.length >= this.limits.maxDepth) this.fail('exceeded max depth');
      const start = this.pos++;
      this.skipWs();
      if (c === 0x5b) {
        if (this.peek() === 0x5d) {
          this.pos++;
          return { t: 'arr', items: [] };
        }
        this.stack.push({ kind: 'arr', items: [] });
        return undefined;
      }
      if (this.peek() === 0x7d) {
        this.pos++;
        return { t: 'obj', entries: [], source: this.s.slice(start, this.pos) };
      }
      const frame: Frame = { kind: 'obj', entries: [], key: null, start };
      this.stack.push(frame);
      frame.key = this.objectKey();
      return undefined;
    }
    return this.scalar(c);
  }

  /** Places a finished value in its container; returns the container when it closes. */
  private afterValue(frame: Frame, value: JsonNode): JsonNode | undefined {
    if (frame.kind === 'arr') frame.items.push(value);
    else frame.entries.push([frame.key!, value]);
    this.skipWs();
    if (this.pos >= this.s.length) throw new JsonSyntaxError('unexpected end of JSON input');
    const c = this.s.charCodeAt(this.pos);
    const close = frame.kind === 'arr' ? 0x5d : 0x7d;
    if (c === 0x2c) {
      this.pos++;
      if (frame.kind === 'obj') {
        this.skipWs();
        frame.key = this.objectKey();
      }
      return undefined;
    }
    if (c !== close)
      this.fail(frame.kind === 'arr' ? 'after array element' : 'after object key:value pair');
    this.pos++;
    this.stack.pop();
    return frame.kind === 'arr'
      ? { t: 'arr', items: frame.items }
      : { t: 'obj', entries: frame.entries, source: this.s.slice(frame.start, this.pos) };
  }

  private objectKey(): string {
    if (this.pos >= this.s.length) throw new JsonSyntaxError('unexpected end of JSON input');
    if (this.peek() !== 0x22) this.fail('looking for beginning of object key string');
    const key = this.string();
    this.skipWs();
    if (this.pos >= this.s.length) throw new JsonSyntaxError('unexpected end of JSON input');
    if (this.peek() !== 0x3a) this.fail('after object key');
    this.pos++;
    return key;
  }

  private scalar(c: number): JsonNode {
    if (c === 0x22) return { t: 'str', v: this.string() };
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return { t: 'num', raw: this.number() };
    if (c === 0x74) return this.literal('true', { t: 'bool', v: true });
    if (c === 0x66) return this.literal('false', { t: 'bool', v: false });
    if (c === 0x6e) return this.literal('null', { t: 'null' });
    return this.fail('looking for beginning of value');
  }

  private literal(word: string, node: JsonNode): JsonNode {
    for (let i = 1; i < word.length; i++) {
      const at = this.pos + i;
      if (at >= this.s.length) throw new JsonSyntaxError('unexpected end of JSON input');
      if (this.s[at] !== word[i]) {
        this.pos = at;
        this.fail(`in literal ${word} (expecting '${word[i]}')`);
      }
    }
    this.pos += word.length;
    return node;
  }

  private number(): string {
    const start = this.pos;
    if (this.peek() === 0x2d) {
      this.pos++;
      if (this.pos >= this.s.length) throw new JsonSyntaxError('unexpected end of JSON input');
      if (!isDigit(this.peek())) this.fail('in numeric literal');
    }
    if (this.peek() === 0x30) this.pos++;
    else while (isDigit(this.peek())) this.pos++;
    if (this.peek() === 0x2e) {
      this.pos++;
      if (this.pos >= this.s.length) throw new JsonSyntaxError('unexpected end of JSON input');
      if (!isDigit(this.peek())) this.fail('after decimal point in numeric literal');
      while (isDigit(this.peek())) this.pos++;
    }
    if (this.peek() === 0x65 || this.peek() === 0x45) {
      this.pos++;
      if (this.peek() === 0x2b || this.peek() === 0x2d) this.pos++;
      if (this.pos >= this.s.length) throw new JsonSyntaxError('unexpected end of JSON input');
      if (!isDigit(this.peek())) this.fail('in exponent of numeric literal');
      while (isDigit(this.peek())) this.pos++;
    }
    return this.s.slice(start, this.pos);
  }

  private string(): string {
    this.pos++;
    let out = '';
    let runStart = this.pos;
    for (;;) {
      if (this.pos >= this.s.length) throw new JsonSyntaxError('unexpected end of JSON input');
      const c = this.s.charCodeAt(this.pos);
      if (c === 0x22) {
        out += this.s.slice(runStart, this.pos++);
        return out;
      }
      if (c < 0x20) this.fail('in string literal');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += this.s.slice(runStart, this.pos);
      this.pos++;
      if (this.pos >= this.s.length) throw new JsonSyntaxError('unexpected end of JSON input');
      const e = this.s[this.pos]!;
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (e in simple) {
        out += simple[e];
        this.pos++;
      } else if (e === 'u') {
        this.pos++;
        out += String.fromCharCode(this.hex4());
      } else {
        this.fail('in string escape code');
      }
      runStart = this.pos;
    }
  }

  private hex4(): number {
    let v = 0;
    for (let i = 0; i < 4; i++) {
      if (this.pos >= this.s.length) throw new JsonSyntaxError('unexpected end of JSON input');
      const d = parseInt(this.s[this.pos]!, 16);
      if (Number.isNaN(d)) this.fail('in \\u hexadecimal character escape');
      v = v * 16 + d;
      this.pos++;
    }
    return v;
  }

  private peek(): number {
    return this.s.charCodeAt(this.pos);
  }

  private skipWs(): void {
    while (WS.has(this.s.charCodeAt(this.pos))) this.pos++;
  }

  private fail(context: string): never {
    throw new JsonSyntaxError(`invalid character ${goQuoteChar(this.s, this.pos)} ${context}`);
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
