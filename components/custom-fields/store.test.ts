import { describe, expect, it } from "vitest";
import { routeFieldErrors } from "@/components/profiles/field-errors";
import { treeFromJson } from "@/lib/custom-fields/model";
import { addChild, editNode } from "@/lib/custom-fields/tree-edits";
import { FieldsStore } from "./store";

const storeFor = (value: Parameters<typeof treeFromJson>[0]) => new FieldsStore(treeFromJson(value), "t");
const idAt = (store: FieldsStore, path: string) => store.getSnapshot().idByPath.get(path) as string;

describe("FieldsStore", () => {
  it("puts the server's errors on the rows they name, and on the whole object", () => {
    const store = storeFor({ prefs: { theme: "dark" }, skills: ["a"] });
    const routed = routeFieldErrors({
      name: ["Profile name is required."],
      "customFields.prefs.theme": ["Refused by the server."],
      "customFields.skills.0": ["Item refused."],
      customFields: ["Too big."],
    });
    expect(routed.name).toBe("Profile name is required.");
    store.setServerProblems(routed.fields);
    expect(store.problemsOf(idAt(store, "prefs.theme"))).toEqual([{ message: "Refused by the server.", on: "row" }]);
    expect(store.problemsOf(idAt(store, "skills.0"))).toEqual([{ message: "Item refused.", on: "row" }]);
    expect(store.rootProblemsText()).toBe("Too big.");
    expect(store.firstProblemRow()).toBe(idAt(store, "prefs.theme"));
  });

  it("drops a row's server error once the person edits that row", () => {
    const store = storeFor({ a: "x", b: "y" });
    store.setServerProblems({ a: ["No."], b: ["No."] });
    store.update(editNode(store.getTree(), idAt(store, "a"), { text: "z" }), [idAt(store, "a")]);
    expect(store.problemsOf(idAt(store, "a"))).toEqual([]);
    expect(store.problemsOf(idAt(store, "b"))).toHaveLength(1);
  });

  it("hands a row the same problem list while its problems stay the same (so it need not re-render)", () => {
    const store = storeFor({ "a.b": 1, c: "x" });
    const first = store.problemsOf(idAt(store, "a.b"));
    store.update(editNode(store.getTree(), idAt(store, "c"), { text: "y" }), [idAt(store, "c")]);
    expect(store.problemsOf(idAt(store, "a.b"))).toBe(first);
    expect(first[0]?.on).toBe("key");
  });

  it("round-trips through the JSON text, refusing a mistake and keeping the text", () => {
    const store = storeFor({ b: 1, a: { c: true } });
    expect(store.showJson()).toEqual({ ok: true });
    expect(store.mode()).toBe("json");
    store.setJsonText('{"b": 1,\n "a": {"c": true}, "a": 2}');
    expect(store.showForm()).toEqual({ ok: false, reason: 'Line 2, column 20: Duplicate field name "a" in the top level: each name may appear once.' });
    expect(store.jsonText()).toContain('"a": 2');
    store.setJsonText('{"a": {"c": false}, "b": 1}');
    expect(store.showForm()).toEqual({ ok: true });
    expect(JSON.stringify(store.getSnapshot().value)).toBe('{"a":{"c":false},"b":1}');
  });

  it("will not show JSON while two fields share a name (the text could not say so)", () => {
    const store = storeFor({ a: 1 });
    const { tree, id } = addChild(store.getTree(), store.getTree().rootId);
    store.update(editNode(tree, id, { key: "a" }));
    expect(store.showJson()).toMatchObject({ ok: false });
    expect(store.current()).toMatchObject({ ok: true, problems: 1 });
  });
});
