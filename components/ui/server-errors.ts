// Where a failed action's words go in a react-hook-form form: each field error on the form's own
// field, the rest (and the failure itself when no field took it) as the form's message.
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { ActionError, messageOf } from "@/lib/types/action-result";

/**
 * Puts the field errors of whatever a call threw on the form's fields (focusing the first; a
 * key such as `tags.2` lands on `tags`) and returns the form-level message: the error's own when
 * no field took it, with anything that belongs to no field of this form; null when the fields
 * say it all. Any thrown value works: one that is not an ActionError reads as "unreachable".
 */
export function placeServerErrors<T extends FieldValues>(error: unknown, fields: ReadonlyArray<Path<T>>, setError: UseFormSetError<T>): string | null {
  const fieldErrors = error instanceof ActionError ? error.fieldErrors : {};
  const other: string[] = [];
  let placed = false;
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const field = fields.find((name) => key === name || key.startsWith(`${name}.`));
    if (field) {
      setError(field, { type: "server", message: messages.join(" ") }, { shouldFocus: !placed });
      placed = true;
    } else {
      other.push(...messages);
    }
  }
  if (!placed) return [messageOf(error), ...other].join(" ");
  return other.length ? other.join(" ") : null;
}
