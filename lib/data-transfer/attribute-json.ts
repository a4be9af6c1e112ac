import type { AttributeValue } from "@aws-sdk/client-dynamodb";

// Items in export files are DynamoDB JSON, the representation DynamoDB itself uses (and its
// export to S3): every value tagged with its type, numbers as decimal strings, binary as
// base64. Unlike plain JSON it keeps what a document client would lose: a number beyond 2^53
// or with 38 digits, a string set as opposed to a list, binary as opposed to a string, NULL.

/** An AttributeValue with binary as base64 text: what JSON can hold. */
export type JsonAttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { L: JsonAttributeValue[] }
  | { M: JsonItem };

export type JsonItem = Record<string, JsonAttributeValue>;
type RawItem = Record<string, AttributeValue>;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

export function encodeValue(value: AttributeValue): JsonAttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: true };
  if (value.SS !== undefined) return { SS: [...value.SS] };
  if (value.NS !== undefined) return { NS: [...value.NS] };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(encodeValue) };
  if (value.M !== undefined) return { M: encodeItem(value.M) };
  throw new Error(`An attribute value of a type this export does not know: ${JSON.stringify(Object.keys(value))}`);
}

export function decodeValue(value: JsonAttributeValue): AttributeValue {
  if ("S" in value) return { S: value.S };
  if ("N" in value) return { N: value.N };
  if ("B" in value) return { B: bytesOf(value.B) };
  if ("BOOL" in value) return { BOOL: value.BOOL };
  if ("NULL" in value) return { NULL: true };
  if ("SS" in value) return { SS: value.SS };
  if ("NS" in value) return { NS: value.NS };
  if ("BS" in value) return { BS: value.BS.map(bytesOf) };
  if ("L" in value) return { L: value.L.map(decodeValue) };
  if ("M" in value) return { M: decodeItem(value.M) };
  throw new Error(`Not a DynamoDB JSON value: ${JSON.stringify(value).slice(0, 200)}`);
}

export function encodeItem(item: RawItem): JsonItem {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, encodeValue(value)]));
}

export function decodeItem(item: JsonItem): RawItem {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, decodeValue(value)]));
}

/**
 * One text per distinct item, whatever the order of its attributes or of a set's members
 * (DynamoDB keeps neither): to tell an identical item from a different one.
 */
export function canonicalItem(item: RawItem): string {
  return JSON.stringify(canonical(encodeItem(item)));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, k === "SS" || k === "NS" || k === "BS" ? [...(v as string[])].sort() : canonical(v)]));
}
