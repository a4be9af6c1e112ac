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
import { DIRECTORY, nameKey, searchForm } from "./user-item";
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
const everyone = [...seeded, emailOnly];

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
const byCreatedDesc = (a: { createdAt: string }, b: { createdAt: string }) => b.createdAt.localeCompare(a.createdAt);
const ids = (users: Array<{ id: string }>) => users.map((u) => u.id);

beforeAll(async () => {
  await useIsolatedTables();
  await seed();
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

  it("searches name and email prefixes case-insensitively through the indexes", async () => {
    // Name prefix: "charlie 00" matches CHARLIE 00002, 00012, … 00992; the email-only user
    // comes from the email index.
    const byName = await all({ q: "charlie 00" });
    const expectedNames = everyone.filter((u) => searchForm(u.name).startsWith("charlie 00"));
    expect(expectedNames).toHaveLength(100);
    expect(new Set(ids(byName))).toEqual(new Set(ids(expectedNames)));

    const either = await all({ q: "Charlie" });
    const expectedEither = everyone.filter((u) => searchForm(u.name).startsWith("charlie") || u.email.startsWith("charlie"));
    expect(new Set(ids(either))).toEqual(new Set(ids(expectedEither)));
    expect(ids(either)).toContain(emailOnly.id);
    expect(either).toHaveLength(expectedEither.length);

    // Email prefix, any case; with an "@" only the email index is read.
    const byEmail = await all({ q: "PERSON-0012" });
    expect(new Set(ids(byEmail))).toEqual(new Set(ids(everyone.filter((u) => u.email.startsWith("person-0012")))));
    expect(byEmail).toHaveLength(10);
    const exact = await countCalls(() => listUsers({ q: "Person-00123@DIR" }));
    expect(ids(exact.result.items)).toEqual([seeded[123]!.id]);
    expect(exact.calls).toBe(1);

    // Accents and scripts other than Latin: the prefix is compared in one normal form.
    const arabic = await all({ q: "فاطمة 0000" });
    expect(arabic.map((u) => u.name).sort()).toEqual(everyone.filter((u) => u.name.startsWith("فاطمة 0000")).map((u) => u.name).sort());
    expect(arabic.length).toBeGreaterThan(0);

    // Search filtered by status: only the inactive ones of the name matches.
    const inactive = await all({ q: "CHARLIE 00", status: "inactive" });
    expect(new Set(ids(inactive))).toEqual(new Set(ids(expectedNames.filter((u) => !u.isActive))));
  });

  it("costs the same two calls (one per index) on every page of a search", async () => {
    const pages = await walk({ q: "e" }, 10);
    expect(pages.length).toBe(10);
    for (const page of pages) expect(page.calls).toBeLessThanOrEqual(2);
    expect(pages[9]!.calls).toBe(pages[1]!.calls);
  });

  it("lists a name-or-email search in full pages with nobody twice across pages", async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listUsers>> = await listUsers({ q: "e" }, { limit: PAGE, cursor });
      for (const user of page.items) {
        expect(seen.has(user.id)).toBe(false);
        seen.add(user.id);
      }
      if (page.nextCursor) expect(page.items).toHaveLength(PAGE);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 400);
    const expected = everyone.filter((u) => u.name.toLowerCase().startsWith("e") || u.email.startsWith("e"));
    expect(seen.size).toBe(expected.length);
  });

  it("counts matches without reading the items (the export's progress total)", async () => {
    expect(await countUsers({})).toBe(everyone.length);
    expect(await countUsers({ role: "admin" })).toBe(everyone.filter((u) => u.role === "admin").length);
    expect(await countUsers({ status: "inactive", role: "manager" })).toBe(everyone.filter((u) => !u.isActive && u.role === "manager").length);
    expect(await countUsers({ q: "charlie" })).toBeNull();
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
