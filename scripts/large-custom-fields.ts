// The largest custom-fields object the rules allow, for measuring the editor (measure-editor.ts).
import type { JsonObject, JsonValue } from "../lib/custom-fields/validation";

/**
 * 200 keys in all, nested to depth 5 (the object itself is level 1): five areas, each with a
 * team, a unit and a member group nested one in the other, and values of every kind.
 */
export function generateFields(): { fields: JsonObject; target: string } {
  const leaf = (n: number): JsonValue => {
    switch (n % 6) {
      case 0:
        return `Some text ${n}`;
      case 1:
        return n * 1.5;
      case 2:
        return n % 4 === 0;
      case 3:
        return `2024-0${(n % 9) + 1}-1${n % 10}`;
      case 4:
        return [`tag ${n}`, `tag ${n + 1}`];
      default:
        return null;
    }
  };
  // A list is a level of its own: at depth 5 its items would be level 6, so none there.
  const leaves = (prefix: string, count: number, offset: number, deepest = false): JsonObject =>
    Object.fromEntries(
      Array.from({ length: count }, (_, i) => {
        const value = leaf(offset + i);
        return [`${prefix}${i + 1}`, deepest && Array.isArray(value) ? value.join(", ") : value];
      }),
    );
  const fields: JsonObject = {};
  for (let a = 1; a <= 5; a++) {
    const member: JsonObject = { note: "Type here: ", ...leaves("m", 14, a * 100, true) };
    const unit: JsonObject = { ...leaves("u", 7, a * 10), [`member${a}`]: member };
    const team: JsonObject = { ...leaves("t", 7, a * 20), [`unit${a}`]: unit };
    fields[`area${a}`] = { ...leaves("f", 7, a * 30), [`team${a}`]: team };
  }
  return { fields, target: "area5.team5.unit5.member5.note" };
}
