import { describe, expect, it } from "vitest";
import { treeFromJson } from "@/lib/custom-fields/model";
import { clearDraft, DRAFT_MAX_AGE_MS, draftKey, type DraftStorage, draftTimeLabel, pruneDrafts, readDraft, type StoredDraft, writeDraft } from "./local-draft";

/** localStorage's contract over a Map; `full` makes every write throw as a full quota does. */
function memoryStorage(full = false): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      if (full) throw new DOMException("quota", "QuotaExceededError");
      map.set(k, v);
    },
    removeItem: (k) => void map.delete(k),
  };
}

const NOW = Date.parse("2026-12-03T14:02:00Z");

function draft(overrides: Partial<StoredDraft> = {}): StoredDraft {
  return {
    savedAt: new Date(NOW - 60_000).toISOString(),
    version: 3,
    base: { name: "Work", type: "professional", customFields: { skills: "x" } },
    name: "Work, edited",
    type: "professional",
    tree: treeFromJson({ skills: "TypeScript", address: { city: "Oslo" } }),
    mode: "form",
    json: "",
    ...overrides,
  };
}

describe("local profile drafts", () => {
  it("reads back what was written, per viewer and profile", () => {
    const storage = memoryStorage();
    expect(writeDraft(storage, "u1", "p1", draft())).toBe(true);
    expect(readDraft(storage, "u1", "p1", NOW)).toEqual(draft());
    expect(readDraft(storage, "u2", "p1", NOW)).toBeNull();
    expect(readDraft(storage, "u1", "p2", NOW)).toBeNull();
    clearDraft(storage, "u1", "p1");
    expect(readDraft(storage, "u1", "p1", NOW)).toBeNull();
  });

  it("drops malformed or tampered drafts instead of loading them", () => {
    const tree = treeFromJson({ a: { b: 1 } });
    const child = tree.nodes[tree.nodes.root!.children[0]!]!;
    const cases: Record<string, unknown> = {
      "not JSON": "{",
      "not an object": "[]",
      "wrong version type": { ...draft(), version: "3" },
      "unknown field kind": { ...draft(), tree: { ...tree, nodes: { ...tree.nodes, [child.id]: { ...child, kind: "script" } } } },
      // An object literal cannot hold an own "__proto__" key; JSON text (as storage holds) can.
      "a prototype key as id": JSON.stringify({ ...draft(), tree: { ...tree, nodes: { ...tree.nodes, PROTO: { ...child, id: "PROTO" } } } }).replaceAll('"PROTO"', '"__proto__"'),
      "a child that is not there": { ...draft(), tree: { ...tree, nodes: { root: tree.nodes.root } } },
      "a node reached twice": { ...draft(), tree: { ...tree, nodes: { ...tree.nodes, root: { ...tree.nodes.root!, children: [child.id, child.id] } } } },
      "an id the editor would hand out again": { ...draft(), tree: { ...tree, nextId: 1 } },
      "base fields that are not an object": { ...draft(), base: { name: "x", type: "custom", customFields: ["x"] } },
    };
    for (const [what, value] of Object.entries(cases)) {
      const storage = memoryStorage();
      storage.map.set(draftKey("u1", "p1"), typeof value === "string" ? value : JSON.stringify(value));
      expect(readDraft(storage, "u1", "p1", NOW), what).toBeNull();
      expect(storage.map.size, `${what} is removed`).toBe(0);
    }
  });

  it("forgets drafts older than the limit, and prunes them for every viewer", () => {
    const storage = memoryStorage();
    const old = new Date(NOW - DRAFT_MAX_AGE_MS - 1).toISOString();
    writeDraft(storage, "u1", "p1", draft({ savedAt: old }));
    writeDraft(storage, "u2", "p2", draft());
    storage.map.set("prework:profile-draft:v1:garbage", "x");
    storage.map.set("someone-else's-key", "kept");
    pruneDrafts(storage, NOW);
    expect([...storage.map.keys()]).toEqual([draftKey("u2", "p2"), "someone-else's-key"]);
  });

  it("reports a refused write instead of throwing", () => {
    expect(writeDraft(memoryStorage(true), "u1", "p1", draft())).toBe(false);
  });

  it("labels the time in the browser's zone, with the day when it is not today", () => {
    const saved = new Date(2026, 11, 3, 14, 2);
    expect(draftTimeLabel(saved.toISOString(), new Date(2026, 11, 3, 18, 0))).toBe("14:02");
    expect(draftTimeLabel(saved.toISOString(), new Date(2026, 11, 4, 9, 0))).toBe("3 Dec 14:02");
  });
});
