// Where a server action's field errors belong in the profile editor: the name and type inputs,
// the custom-field rows (by dotted path inside customFields, "" for the object as a whole), or
// the form as a whole.
export interface RoutedFieldErrors {
  name?: string;
  type?: string;
  fields: Record<string, string[]>;
  other: string[];
}

export function routeFieldErrors(fieldErrors: Record<string, string[]>): RoutedFieldErrors {
  const routed: Omit<RoutedFieldErrors, "fields"> = { other: [] };
  // Paths are field names people chose: a "__proto__" path must stay a key, not become a prototype.
  const fields = new Map<string, string[]>();
  for (const [key, messages] of Object.entries(fieldErrors)) {
    if (key === "name") routed.name = messages[0];
    else if (key === "type") routed.type = messages[0];
    else if (key === "customFields") fields.set("", messages);
    else if (key.startsWith("customFields.")) fields.set(key.slice("customFields.".length), messages);
    else routed.other.push(...messages);
  }
  return { ...routed, fields: Object.fromEntries(fields) };
}
