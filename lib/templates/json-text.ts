// A template typed as JSON text, read with its locations: the raw editor and the server both
// read it here, so a syntax error says line:column, and each schema problem says its path and
// the line:column of the value it is about. jsonc-parser keeps the offset of every node (the
// browser's JSON.parse keeps none and silently takes the last of two equal keys); it is used in
// strict JSON mode (no comments, no trailing commas).
import { findNodeAtLocation, type Node, parseTree, type ParseError, printParseErrorCode } from "jsonc-parser";
import { sizesApart } from "@/lib/format/bytes";
import { templateProblems } from "./schema";

/** The largest template accepted, as UTF-8 JSON text (the stored document is of this order). */
export const TEMPLATE_MAX_BYTES = 256 * 1024;

export interface Location {
  line: number;
  column: number;
}

/** One problem of a text: its schema path ("" for the document or the text itself) and where it is. */
export interface TextProblem {
  path: string;
  message: string;
  at: Location | null;
}

export type TextRead = { ok: true; value: unknown } | { ok: false; problems: TextProblem[] };

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** Why a template of this many bytes is refused, or null. */
export function sizeProblem(bytes: number): string | null {
  if (bytes <= TEMPLATE_MAX_BYTES) return null;
  const sizes = sizesApart(TEMPLATE_MAX_BYTES, bytes);
  return `A template can be at most ${sizes.limit} (this one is ${sizes.actual}).`;
}

/** The size of a document as the server measures it (compact JSON, UTF-8). */
export const documentBytes = (value: unknown) => utf8Length(JSON.stringify(value) ?? "");

/** Line and column (both from 1; columns count UTF-16 code units, as editors do) of an offset. */
export function locationOf(text: string, offset: number): Location {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The offset of a line and column (locationOf's inverse), clamped to the text. */
export function offsetOf(text: string, at: Location): number {
  let offset = 0;
  for (let line = 1; line < at.line; line++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + at.column - 1, text.length);
}

/** The location a problem's words name ("line 3, column 12: …"), if any. */
export function locationIn(message: string): Location | null {
  const match = /line (\d+), column (\d+)/.exec(message);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : null;
}

export const describeLocation = (at: Location) => `line ${at.line}, column ${at.column}`;

const SYNTAX: Record<string, string> = {
  InvalidSymbol: "Unexpected character.",
  InvalidNumberFormat: "This number is not written as JSON writes numbers.",
  PropertyNameExpected: "A property name in double quotes was expected.",
  ValueExpected: "A value was expected.",
  ColonExpected: "A colon was expected.",
  CommaExpected: "A comma was expected.",
  CloseBraceExpected: "A closing } was expected.",
  CloseBracketExpected: "A closing ] was expected.",
  EndOfFileExpected: "Nothing may follow the document.",
  InvalidCommentToken: "JSON has no comments.",
  UnexpectedEndOfComment: "JSON has no comments.",
  UnexpectedEndOfString: "This string is not closed.",
  UnexpectedEndOfNumber: "This number is cut short.",
  InvalidUnicode: "This \\u escape is not valid.",
  InvalidEscapeCharacter: "This escape is not valid in JSON.",
  InvalidCharacter: "This character must be escaped in a string.",
};

/** Object keys written twice: JSON.parse would keep the last one without a word. */
function duplicateKeys(node: Node | undefined, text: string, path: Array<string | number>, out: TextProblem[]): void {
  if (!node) return;
  if (node.type === "object") {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      if (seen.has(key)) out.push({ path: [...path, key].join("."), message: `"${key}" is written twice in this object.`, at: locationOf(text, keyNode.offset) });
      seen.add(key);
      duplicateKeys(valueNode, text, [...path, key], out);
    }
  } else if (node.type === "array") {
    (node.children ?? []).forEach((child, i) => duplicateKeys(child, text, [...path, i], out));
  }
}

/** The node a schema path names, or its nearest ancestor in the text (a missing property points at its object). */
function nodeAt(root: Node, path: string): Node {
  const segments = path === "" ? [] : path.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (let n = segments.length; n > 0; n--) {
    const node = findNodeAtLocation(root, segments.slice(0, n));
    if (node) return node;
  }
  return root;
}

/** Reads a template's JSON text: its size, its syntax, then the one schema. */
export function readTemplateText(text: string): TextRead {
  const size = sizeProblem(utf8Length(text));
  if (size) return { ok: false, problems: [{ path: "", message: size, at: null }] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length || !root) {
    const problems = errors.map((error) => ({ path: "", message: SYNTAX[printParseErrorCode(error.error)] ?? "This is not valid JSON.", at: locationOf(text, error.offset) }));
    return { ok: false, problems: problems.length ? problems : [{ path: "", message: "The document is empty.", at: null }] };
  }
  const duplicates: TextProblem[] = [];
  duplicateKeys(root, text, [], duplicates);
  if (duplicates.length) return { ok: false, problems: duplicates };
  // No syntax errors, so JSON.parse reads exactly what the tree holds.
  const value: unknown = JSON.parse(text);
  const problems = Object.entries(templateProblems(value)).flatMap(([path, messages]) =>
    messages.map((message) => ({ path, message, at: locationOf(text, nodeAt(root, path).offset) })),
  );
  return problems.length ? { ok: false, problems } : { ok: true, value };
}

/** Problems keyed by path as actions answer them ("form" for the whole text): each message carries its line:column. */
export function problemsByPath(problems: readonly TextProblem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const problem of problems) (out[problem.path || "form"] ??= []).push(problem.at ? `${describeLocation(problem.at)}: ${problem.message}` : problem.message);
  return out;
}
