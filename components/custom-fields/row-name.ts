import type { FieldNode } from "@/lib/custom-fields/model";

/** How a row is named to people: its dotted path, or its place in a list. */
export function rowName(node: Pick<FieldNode, "key">, parentPath: string, inList: boolean, index: number): { path: string; name: string; label: string } {
  if (inList) {
    const path = `${parentPath}.${index}`;
    return { path, name: `item ${index + 1} in ${parentPath}`, label: `Item ${index + 1} in ${parentPath}` };
  }
  const path = parentPath ? `${parentPath}.${node.key}` : node.key;
  const name = node.key ? path : `unnamed field${parentPath ? ` in ${parentPath}` : ""}`;
  return { path, name, label: `Field ${name}` };
}

export const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
