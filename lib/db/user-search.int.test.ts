// The word index and the per-role counts move with every user change, in its transaction, in
// tables of this file's own (the counts are over the whole table).
import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, table } from "./client";
import { alterRequests } from "./testing/sdk-middleware";
import { useIsolatedTables } from "./testing/isolated-tables";
import { countUsers, listUsers } from "./user-directory";
import { DIRECTORY, nameKey } from "./user-item";
import { foldForSearch, searchTokens } from "./user-search";
import { ensureUserSearch, rebuildUserSearch } from "./user-search-rebuild";
import { createUser, getUser, setUserActive, updateUser } from "./users";

const ctx = { actorId: "test-actor", ipAddress: "203.0.113.7", userAgent: "vitest" };
const names = async (q: string, filter = {}) => (await listUsers({ q, ...filter })).items.map((u) => u.name);

const removers: Array<() => void> = [];
afterEach(() => {
  while (removers.length) removers.pop()?.();
});

async function searchItemsOf(userId: string) {
  const out = await db().send(new QueryCommand({ TableName: table("userSearch"), KeyConditionExpression: "#b = :b", ExpressionAttributeNames: { "#b": "bucket" }, ExpressionAttributeValues: { ":b": "a" } }));
  return (out.Items ?? []).filter((item) => item.userId === userId);
}

beforeAll(async () => {
  await useIsolatedTables();
});

describe("the words a user is found by", () => {
  it("are the name's words, the email, its local part's words and its domain, folded", () => {
    expect(searchTokens({ name: "Zoë Ångström-Núñez", email: "zoe.angstrom+hr@UX.Test" })).toEqual(
      ["@ux.test", "angstrom", "angstrom-nunez", "hr", "nunez", "test", "ux", "ux.test", "zoe", "zoe.angstrom+hr", "zoe.angstrom+hr@ux.test"].sort(),
    );
    expect(foldForSearch("ÉMILE Ōta ﬁ")).toBe("emile ota fi");
    // Scripts without case or accents stay as written; Hangul is recomposed after folding.
    expect(searchTokens({ name: "山田 太郎", email: "a@b.test" })).toContain("山田");
    expect(searchTokens({ name: "김민준", email: "a@b.test" })).toContain("김민준");
  });

  it("are bounded however long or many the name's words are", () => {
    const tokens = searchTokens({ name: `${"x".repeat(500)} ${Array.from({ length: 60 }, (_, i) => `w${i}`).join(" ")}`, email: "long@b.test" });
    expect(tokens.length).toBeLessThanOrEqual(16);
    for (const token of tokens) expect([...token].length).toBeLessThanOrEqual(48);
  });
});

describe("the word index and counts in the user's own transactions", () => {
  it("follow a create, a rename, a role change and a deactivation, and count per role and status", async () => {
    const before = await countUsers({});
    const avery = await createUser({ email: "avery.user@ux.test", name: "Avery User", role: "user" }, ctx);
    expect(await names("user")).toContain("Avery User");
    expect(await names("ux.test")).toContain("Avery User");
    expect(await names("AVERY US")).toEqual(["Avery User"]);
    expect((await countUsers({})).n).toBe(before.n + 1);

    const renamed = await updateUser(avery.id, avery.version, { name: "Avery Quinn-Smith", role: "manager" }, ctx);
    expect(await names("quinn")).toEqual(["Avery Quinn-Smith"]);
    expect(await names("smith")).toEqual(["Avery Quinn-Smith"]);
    // The old surname's word is gone from the index ("user" is still the email's word).
    expect(await names("user", { role: "user" })).not.toContain("Avery Quinn-Smith");
    expect(await names("user", { role: "manager" })).toContain("Avery Quinn-Smith");
    expect((await countUsers({ role: "manager", status: "active" })).n).toBe(1);

    await setUserActive(avery.id, renamed.version, false, ctx);
    expect(await names("quinn", { status: "active" })).toEqual([]);
    expect(await names("quinn", { status: "inactive" })).toEqual(["Avery Quinn-Smith"]);
    expect((await countUsers({ role: "manager", status: "active" })).n).toBe(0);
    expect((await countUsers({ role: "manager", status: "inactive" })).n).toBe(1);
    expect((await countUsers({})).n).toBe(before.n + 1);
  });

  it("change nothing when the transaction fails: no words, no counts, no user", async () => {
    const user = await createUser({ email: "atomic@ux.test", name: "Atomic Person", role: "user" }, ctx);
    const counts = await countUsers({ role: "user", status: "active" });
    removers.push(
      alterRequests((input) => {
        const items = (input.TransactItems ?? []) as Array<{ Put?: { TableName?: string; ConditionExpression?: string } }>;
        for (const item of items) if (item.Put?.TableName === table("auditLogs")) item.Put.ConditionExpression = "attribute_exists(id)";
      }),
    );
    await expect(updateUser(user.id, user.version, { name: "Renamed Never" }, ctx)).rejects.toThrow();
    await expect(setUserActive(user.id, user.version, false, ctx)).rejects.toThrow();
    await expect(createUser({ email: "orphan@ux.test", name: "Orphan Entry", role: "user" }, ctx)).rejects.toThrow();
    removers.pop()?.();

    expect(await getUser(user.id, { consistent: true })).toEqual(user);
    expect(await names("renamed")).toEqual([]);
    expect(await names("orphan")).toEqual([]);
    expect(await names("atomic", { status: "active" })).toEqual(["Atomic Person"]);
    expect(await countUsers({ role: "user", status: "active" })).toEqual(counts);
    expect((await searchItemsOf(user.id)).map((item) => item.token).sort()).toEqual(["atomic", "atomic@ux.test"]);
  });

  it("answer hostile searches with nothing rather than an error", async () => {
    for (const q of ["__proto__", "constructor", ")(*&^%$#", "a".repeat(100), "\u202e\u200b", "%", "' OR 1=1 --", "🙂"]) {
      const page = await listUsers({ q });
      expect(page.items, q).toEqual([]);
      expect((await countUsers({ q })).exact, q).toBe(true);
    }
  });

  it("are built for users written before the index, once", async () => {
    const id = "00000000-0000-4000-b000-000000000001";
    const at = new Date().toISOString();
    await db().send(
      new PutCommand({
        TableName: table("users"),
        Item: { id, email: "legacy.person@old.test", name: "Legacy Person", role: "admin", isActive: true, createdAt: at, updatedAt: at, version: 1, directory: DIRECTORY, nameKey: nameKey("Legacy Person", id) },
      }),
    );
    expect(await names("legacy")).toEqual([]);
    await ensureUserSearch();
    expect(await names("legacy")).toEqual(["Legacy Person"]);
    const counted = await countUsers({});
    // The marker keeps later starts from scanning again; a rebuild recounts from the users.
    await ensureUserSearch();
    expect(await countUsers({})).toEqual(counted);
    expect(await rebuildUserSearch()).toEqual({ users: counted.n });
    expect((await countUsers({ role: "admin" })).n).toBe(1);
  });
});
