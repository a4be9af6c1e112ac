// The custom-fields editor's raw JSON mode. JSON.parse is not enough there: it silently keeps the
// last of two equal keys (the person's other value vanishes), and its error messages differ
// between browsers. This strict parser follows RFC 8259, says where a mistake is (line and
// column) and refuses duplicate keys, naming the object they are in.
import type { JsonObject, JsonValue } from "./validation";

export type JsonTextResult =
  | { ok: true; value: JsonValue }
  | { ok: false; message: string; line: number; column: number; /** UTF-16 offset, for the caret. */ offset: number };

/** Deeper than this is refused before the call stack is at risk (the field rules allow 5). */
const MAX_NESTING = 64;

class JsonTextError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const describe = (char: string | undefined) => (char === undefined ? "the end of the text" : JSON.stringify(char));

/** An object built with own data properties only, so a "__proto__" key stays a plain key. */
function objectFrom(entries: Array<[string, JsonValue]>): JsonObject {
  return Object.fromEntries(entries) as JsonObject;
}

class Parser {
  private at = 0;

  constructor(private readonly text: string) {}

  parse(): JsonValue {
    this.skipSpace();
    const value = this.value("", 0);
    this.skipSpace();
    if (this.at < this.text.length) this.fail(`Unexpected ${describe(this.text[this.at])} after the end of the JSON value`);
    return value;
  }

  private fail(message: string, offset = this.at): never {
    throw new JsonTextError(message, offset);
  }

  private skipSpace(): void {
    while (this.at < this.text.length) {
      const c = this.text[this.at];
      if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r") return;
      this.at++;
    }
  }

  private value(path: string, depth: number): JsonValue {
    const c = this.text[this.at];
    if (c === "{") return this.object(path, depth + 1);
    if (c === "[") return this.array(path, depth + 1);
    if (c === '"') return this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    for (const [word, literal] of [["true", true], ["false", false], ["null", null]] as const) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return literal;
      }
    }
    if (c === "'") this.fail("Text must be in double quotes (\"like this\"), not single quotes");
    return this.fail(`Expected a value (text in double quotes, a number, true, false, null, [ or {) but found ${describe(c)}`);
  }

  private enter(depth: number): void {
    if (depth > MAX_NESTING) this.fail(`Nested more than ${MAX_NESTING} levels deep`);
  }

  private object(path: string, depth: number): JsonObject {
    this.enter(depth);
    this.at++; // {
    const entries: Array<[string, JsonValue]> = [];
    const seen = new Set<string>();
    this.skipSpace();
    if (this.text[this.at] === "}") {
      this.at++;
      return objectFrom(entries);
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] !== '"') {
        this.fail(this.text[this.at] === "}" ? "Remove the comma before }" : `Expected a field name in double quotes but found ${describe(this.text[this.at])}`);
      }
      const keyAt = this.at;
      const key = this.string();
      if (seen.has(key)) {
        this.fail(`Duplicate field name ${JSON.stringify(key)} in ${path ? JSON.stringify(path) : "the top level"}: each name may appear once`, keyAt);
      }
      seen.add(key);
      this.skipSpace();
      if (this.text[this.at] !== ":") this.fail(`Expected ":" after the field name ${JSON.stringify(key)} but found ${describe(this.text[this.at])}`);
      this.at++;
      this.skipSpace();
      entries.push([key, this.value(path ? `${path}.${key}` : key, depth)]);
      this.skipSpace();
      const next = this.text[this.at];
      if (next === ",") {
        this.at++;
        continue;
      }
      if (next === "}") {
        this.at++;
        return objectFrom(entries);
      }
      this.fail(`Expected "," or "}" but found ${describe(next)}`);
    }
  }

  private array(path: string, depth: number): JsonValue[] {
    this.enter(depth);
    this.at++; // [
    const items: JsonValue[] = [];
    this.skipSpace();
    if (this.text[this.at] === "]") {
      this.at++;
      return items;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.at] === "]") this.fail("Remove the comma before ]");
      items.push(this.value(path ? `${path}.${items.length}` : String(items.length), depth));
      this.skipSpace();
      const next = this.text[this.at];
      if (next === ",") {
        this.at++;
        continue;
      }
      if (next === "]") {
        this.at++;
        return items;
      }
      this.fail(`Expected "," or "]" but found ${describe(next)}`);
    }
  }

  private string(): string {
    const start = this.at;
    this.at++; // opening quote
    let out = "";
    let chunkStart = this.at;
    for (;;) {
      if (this.at >= this.text.length) this.fail("This text is missing its closing double quote", start);
      const code = this.text.charCodeAt(this.at);
      if (code === 0x22) {
        out += this.text.slice(chunkStart, this.at);
        this.at++;
        return out;
      }
      if (code < 0x20) this.fail(code === 0x0a ? "Text cannot span lines: write \\n for a line break" : "Control characters must be escaped in text");
      if (code === 0x5c) {
        out += this.text.slice(chunkStart, this.at);
        out += this.escape();
        chunkStart = this.at;
        continue;
      }
      this.at++;
    }
  }

  private escape(): string {
    const c = this.text[this.at + 1];
    const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
    if (c !== undefined && c in simple) {
      this.at += 2;
      return simple[c] as string;
    }
    if (c === "u") {
      const hex = this.text.slice(this.at + 2, this.at + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("\\u must be followed by four hexadecimal digits");
      this.at += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    return this.fail(`Unknown escape \\${c ?? ""} in text`);
  }

  private number(): number {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.at, this.at + 400));
    if (!match) this.fail("This is not a valid number");
    const next = this.text[this.at + match[0].length];
    if (next !== undefined && /[0-9.eE+-]/.test(next)) this.fail("This is not a valid number (no leading zeros, a digit after the point)");
    const value = Number(match[0]);
    if (!Number.isFinite(value)) this.fail("This number is too large");
    this.at += match[0].length;
    return value;
  }
}

/** 1-based line and column (in characters, as a person counts them) of a UTF-16 offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  const line = before.split("\n").length;
  return { line, column: [...before.slice(lineStart)].length + 1 };
}

export function parseJsonText(text: string): JsonTextResult {
  try {
    return { ok: true, value: new Parser(text).parse() };
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    const offset = Math.min(error.offset, text.length);
    return { ok: false, message: error.message, offset, ...lineAndColumn(text, offset) };
  }
}

/** The text shown in the raw mode: two-space indentation, keys in their arranged order. */
export function formatJsonText(value: JsonValue): string {
  return JSON.stringify(value, null, 2);
}
