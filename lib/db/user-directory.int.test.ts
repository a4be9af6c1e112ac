// The users list at volume: 10,000 users in tables of this file's own (so every expectation
// can be exact), read through the real DynamoDB Local. The point is the call count: a page
// must cost the same whatever its number, i.e. the list never reads its way to page N.
import { BatchWriteCommand, type BatchWriteCommandOutput } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { db, table } from "./client";
import { InvalidCursorError } from "./cursor";
import { countCalls } from "./testing/sdk-middleware";
import { useIsolatedTables } from "./testing/isolated-tables";
import type { UserFilter } from "@/lib/validation/users";
import { countUsers, listUsers } from "./user-directory";
import { DIRECTORY, nameKey } from "./user-item";
import { rebuildUserSearch } from "./user-search-rebuild";
import { type User } from "@/lib/validation/users";

const TOTAL = 10_000;
const PAGE = 50;
const FIRST_NAMES = ["alice", "Bob", "CHARLIE", "Zoë", "Émile", "dana", "Eve", "فاطمة", "Ōta", "yusuf"];
const BASE_TIME = Date.parse("2025-01-01T00:00:00.000Z");

const pad = (i: number) => String(i).padStart(5, "0");

/** Exactly the attributes createUser writes (minus the password hash, the guard and the audit entry). */
function seedItem(i: number) {
  const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
  const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${pad(i)}`;
  const at = new Date(BASE_TIME + i * 1000).toISOString();
  return {
    id,
    email: `person-${pad(i)}@dir.test`,
    name,
    // Role, name and status vary independently (periods 7, 10 and 3), so no filter lines up
    // with a run of the index it reads.
    role: i % 7 === 0 ? "admin" : i % 7 <= 2 ? "manager" : "user",
    isActive: i % 3 !== 0,
    createdAt: at,
    updatedAt: at,
    version: 1,
    directory: DIRECTORY,
    nameKey: nameKey(name, id),
  };
}

type Seeded = ReturnType<typeof seedItem>;
const seeded: Seeded[] = Array.from({ length: TOTAL }, (_, i) => seedItem(i));
// One user found by email only: the name does not start with the search, the email does.
const emailOnly: Seeded = {
  ...seedItem(TOTAL),
  id: "00000000-0000-4000-9000-000000000001",
  name: "Zed Special",
  email: "charlie-special@dir.test",
};
emailOnly.nameKey = nameKey(emailOnly.name, emailOnly.id);
// People as organisations name them: the email repeats the name's words ("dana.lee7@org.test"
// for Dana Lee 00007), so several words of one user start alike.
const namesake: Seeded[] = Array.from({ length: 300 }, (_, i) => {
  const user = { ...seedItem(TOTAL + 1 + i), id: `00000000-0000-4000-a000-${String(i).padStart(12, "0")}`, name: `Dana Lee ${pad(i)}`, email: `dana.lee${i}@org.test` };
  return { ...user, nameKey: nameKey(user.name, user.id) };
});
const everyone = [...seeded, emailOnly, ...namesake];

async function batchWrite(items: Seeded[]): Promise<void> {
  let requests: NonNullable<BatchWriteCommandOutput["UnprocessedItems"]>[string] | undefined = items.map((Item) => ({ PutRequest: { Item } }));
  while (requests?.length) {
    const out: BatchWriteCommandOutput = await db().send(new BatchWriteCommand({ RequestItems: { [table("users")]: requests } }));
    requests = out.UnprocessedItems?.[table("users")];
  }
}

async function seed(): Promise<void> {
  const chunks: Seeded[][] = [];
  for (let i = 0; i < everyone.length; i += 25) chunks.push(everyone.slice(i, i + 25));
  const workers = Array.from({ length: 8 }, async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) await batchWrite(chunk);
  });
  await Promise.all(workers);
}

/** Walks the list to `lastPage`, counting the DynamoDB calls of each page read. */
async function walk(filter: UserFilter, lastPage: number) {
  const pages: Array<{ items: User[]; calls: number }> = [];
  let cursor: string | null = null;
  for (let n = 1; n <= lastPage; n++) {
    const { result, calls }: { result: Awaited<ReturnType<typeof listUsers>>; calls: number } = await countCalls(() => listUsers(filter, { limit: PAGE, cursor }));
    pages.push({ items: result.items, calls });
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return pages;
}

/** Every page to the end. */
async function all(filter: UserFilter): Promise<User[]> {
  return (await walk(filter, Number.MAX_SAFE_INTEGER)).flatMap((p) => p.items);
}

const sortKey = (u: { name: string; id: string }) => Buffer.from(nameKey(u.name, u.id));

/** The words a person would say a user has, written out apart from lib/db/user-search.ts. */
function wordsOfUser(u: { name: string; email: string }): string[] {
  const fold = (t: string) => t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const [local, domain] = fold(u.email).split("@") as [string, string];
  return [...fold(u.name).split(/[\s-]+/), fold(u.email), local, ...local.split(/[-.]/), domain, `@${domain}`, ...domain.split(".")];
}
/** Every word of the search starts some word of the user. */
const matches = (u: { name: string; email: string }, q: string) => q.toLowerCase().split(" ").every((term) => wordsOfUser(u).some((w) => w.startsWith(term)));
/** Ordered by the first matching word of the longest search word, then by name. */
function inSearchOrder<T extends { name: string; id: string; email: string }>(users: T[], q: string): T[] {
  const lead = [...q.toLowerCase().split(" ")].sort((a, b) => b.length - a.length)[0]!;
  const key = (u: T) => Buffer.from(`${wordsOfUser(u).filter((w) => w.startsWith(lead)).sort()[0]} ${nameKey(u.name, u.id)}`);
  return [...users].sort((a, b) => Buffer.compare(key(a), key(b)));
}
const byCreatedDesc = (a: { createdAt: string }, b: { createdAt: string }) => b.createdAt.localeCompare(a.createdAt);
const ids = (users: Array<{ id: string }>) => users.map((u) => u.id);

beforeAll(async () => {
  await useIsolatedTables();
  await seed();
  // Seeded in bulk, as data from before the word index would be: built the way start-up builds it.
  await rebuildUserSearch();
}, 120_000);

describe("users directory at 10,000 users", () => {
  it("costs one DynamoDB call per unfiltered page, on page 1 as on page 50", async () => {
    const pages = await walk({}, 50);
    expect(pages).toHaveLength(50);
    for (const n of [1, 2, 10, 50]) expect(pages[n - 1]!.calls, `page ${n}`).toBe(1);
    // Newest first, no gaps and no repeats across the pages.
    const expected = [...everyone].sort(byCreatedDesc).slice(0, 50 * PAGE);
    expect(pages.flatMap((p) => ids(p.items))).toEqual(ids(expected));
  });

  it("keeps the call count flat with a role filter, a status filter, and both", async () => {
    const cases: Array<[UserFilter, (u: Seeded) => boolean]> = [
      [{ role: "user" }, (u) => u.role === "user"],
      [{ status: "inactive" }, (u) => !u.isActive],
      [{ role: "manager", status: "inactive" }, (u) => u.role === "manager" && !u.isActive],
      [{ status: "active", order: "asc" }, (u) => u.isActive],
    ];
    for (const [filter, matches] of cases) {
      const expected = everyone.filter(matches).sort(byCreatedDesc);
      if (filter.order === "asc") expected.reverse();
      const pages = await walk(filter, 50);
      const label = JSON.stringify(filter);
      // Each page is full (the filter does not leave short pages) and in order.
      expect(pages.flatMap((p) => ids(p.items)), label).toEqual(ids(expected.slice(0, pages.length * PAGE)));
      for (const page of pages.slice(0, -1)) expect(page.items, label).toHaveLength(PAGE);
      const [first, ...deeper] = [1, 2, 10, pages.length].map((n) => pages[n - 1]!.calls);
      // A third of users are inactive: one read of 250 fills a page of 50.
      expect(first, label).toBe(1);
      for (const calls of deeper) expect(calls, label).toBe(first);
    }
  });

  it("reads on until a page is full when matches are sparse, still independent of the page number", async () => {
    // Admins who are inactive and sorted by name: 1 in 21 users, read from the name index.
    const filter: UserFilter = { role: "admin", status: "inactive", sort: "name" };
    const expected = everyone.filter((u) => u.role === "admin" && !u.isActive).sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)));
    const pages = await walk(filter, Number.MAX_SAFE_INTEGER);
    expect(pages.flatMap((p) => ids(p.items))).toEqual(ids(expected));
    const full = pages.slice(0, -1);
    for (const page of full) expect(page.items).toHaveLength(PAGE);
    const counts = full.map((p) => p.calls);
    // 250 items a call, 1 match in 21: about 5 calls a page, near page 1 as near the end.
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(8);
  });

  it("sorts by name both ways, case-insensitively and stably", async () => {
    const asc = await walk({ sort: "name" }, 3);
    const names = asc.flatMap((p) => p.items);
    const expected = [...everyone].sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)));
    expect(ids(names)).toEqual(ids(expected.slice(0, names.length)));
    expect(asc.map((p) => p.calls)).toEqual([1, 1, 1]);

    const desc = (await walk({ sort: "name", order: "desc" }, 2)).flatMap((p) => p.items);
    expect(ids(desc)).toEqual(ids([...expected].reverse().slice(0, desc.length)));
  });

  it("finds users by the start of any word of the name or the email, whatever the case and accents", async () => {
    // A second word: every CHARLIE whose number starts 0012 (by name and by email).
    const byTwoWords = await all({ q: "charlie 0012" });
    const expectedTwo = everyone.filter((u) => matches(u, "charlie 0012"));
    expect(expectedTwo.length).toBeGreaterThan(0);
    expect(ids(byTwoWords)).toEqual(ids(inSearchOrder(expectedTwo, "charlie 0012")));

    // One word, matched by a name word or an email word: the email-only user is found too.
    const either = await all({ q: "Charlie" });
    expect(new Set(ids(either))).toEqual(new Set(ids(everyone.filter((u) => matches(u, "charlie")))));
    expect(ids(either)).toContain(emailOnly.id);

    // A later word of the name: "special" is Zed Special's surname.
    expect(ids(await all({ q: "SPECIAL" }))).toEqual([emailOnly.id]);

    // Email prefix and the whole email, any case: one Query and one read of the users.
    const exact = await countCalls(() => listUsers({ q: "Person-00123@DIR" }));
    expect(ids(exact.result.items)).toEqual([seeded[123]!.id]);
    expect(exact.calls).toBe(2);

    // Accents fold both ways: "zoe" finds Zoë, "ÉMILE" finds Émile; other scripts as typed.
    const zoe = await all({ q: "zoe 0000" });
    expect(zoe.map((u) => u.name).sort()).toEqual(everyone.filter((u) => u.name.startsWith("Zoë 0000")).map((u) => u.name).sort());
    expect(zoe.length).toBeGreaterThan(0);
    expect((await all({ q: "ÉMILE 0000" })).every((u) => u.name.startsWith("Émile"))).toBe(true);
    const arabic = await all({ q: "فاطمة 0000" });
    expect(arabic.map((u) => u.name).sort()).toEqual(everyone.filter((u) => u.name.startsWith("فاطمة 0000")).map((u) => u.name).sort());
    expect(arabic.length).toBeGreaterThan(0);

    // Search filtered by status and role: only those of the matches.
    const inactive = await all({ q: "CHARLIE 001", status: "inactive", role: "user" });
    const expectedInactive = everyone.filter((u) => matches(u, "charlie 001") && !u.isActive && u.role === "user");
    expect(ids(inactive)).toEqual(ids(inSearchOrder(expectedInactive, "charlie 001")));
  });

  it("finds a whole domain by its name, and nobody by a word that starts no word", async () => {
    const domain = await walk({ q: "dir.test" }, 3);
    expect(domain.flatMap((p) => p.items)).toHaveLength(3 * PAGE);
    for (const page of domain) expect(page.calls).toBe(2);
    expect(await all({ q: "harlie" })).toEqual([]);
    // "@" and the domain's start: the same people.
    expect(ids((await walk({ q: "@DIR.TES" }, 1))[0]!.items)).toEqual(ids(domain[0]!.items));
  });

  it("costs the same two calls (the word index, then the users) on every page of a search", async () => {
    const pages = await walk({ q: "e" }, 10);
    expect(pages.length).toBe(10);
    for (const page of pages) expect(page.calls).toBe(2);
  });

  it("lists a search in full pages with nobody twice across pages, though several of a user's words match", async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listUsers>> = await listUsers({ q: "da" }, { limit: PAGE, cursor });
      for (const user of page.items) {
        expect(seen.has(user.id)).toBe(false);
        seen.add(user.id);
      }
      if (page.nextCursor) expect(page.items).toHaveLength(PAGE);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 400);
    // The namesakes' "dana", "dana.lee7", "dana.lee7@org.test" all start with "da".
    expect(seen.size).toBe(everyone.filter((u) => matches(u, "da")).length);
    expect(seen.size).toBe(1300);
  });

  it("counts matches without reading the users: counters for role and status, a bounded count for a search", async () => {
    expect(await countUsers({})).toEqual({ n: everyone.length, exact: true });
    expect((await countUsers({ role: "admin" })).n).toBe(everyone.filter((u) => u.role === "admin").length);
    expect((await countUsers({ status: "inactive", role: "manager" })).n).toBe(everyone.filter((u) => !u.isActive && u.role === "manager").length);
    const counted = await countCalls(() => countUsers({ role: "user", status: "active" }));
    expect(counted.calls).toBe(1);
    // A search counts its matches up to 1,000: beyond that it says "over".
    expect(await countUsers({ q: "charlie 0012" })).toEqual({ n: everyone.filter((u) => matches(u, "charlie 0012")).length, exact: true });
    expect(await countUsers({ q: "charlie" })).toEqual({ n: 1000, exact: false });
  });

  it("refuses a tampered cursor and a cursor from another view", async () => {
    const first = await listUsers({ role: "user" }, { limit: PAGE });
    const cursor = first.nextCursor!;
    const [payload, mac] = cursor.split(".");
    const decoded = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as { key: Record<string, unknown> };
    decoded.key.createdAt = "2000-01-01T00:00:00.000Z";
    const forged = `${Buffer.from(JSON.stringify(decoded)).toString("base64url")}.${mac}`;
    await expect(listUsers({ role: "user" }, { cursor: forged })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(listUsers({ role: "user", status: "active" }, { cursor })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(listUsers({ role: "user", sort: "name" }, { cursor })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(listUsers({ role: "user" }, { cursor: `${cursor}x` })).rejects.toBeInstanceOf(InvalidCursorError);
    // The genuine cursor still works.
    expect((await listUsers({ role: "user" }, { limit: PAGE, cursor })).items).toHaveLength(PAGE);
  });
});
