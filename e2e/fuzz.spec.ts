// Hostile input to every server action, as a hand-crafted request would send it: fast-check
// generates wrong types, missing and extra fields, huge, odd-Unicode and prototype-key strings,
// deep objects and tampered ids. Each call gets a validation, permission or not-found answer,
// never the generic failure and never a broken response; and nothing is written: every table
// is read whole before and after (this spec runs alone, after all the others: its own
// Playwright project) and compared.
import fc from "fast-check";
import { SYSTEM_ACTOR } from "@/lib/db/audit";
import { scanTable } from "@/lib/db/scan-table";
import { type TableDefinition, TABLES, type TableId } from "@/lib/db/tables";
import type { ActionResult } from "@/lib/types/action-result";
import { expect, test } from "./fixtures";
import { callServerAction } from "./fixtures/server-actions";

const GENERIC = "Something went wrong on our side. Please try again.";

/** [file, export, whether a well-formed call may succeed without writing (a read)]. */
const ACTIONS: Array<[string, string, "read" | "write"]> = [
  ["lib/actions/users/bulk-users.ts", "bulkUsersAction", "write"],
  ["lib/actions/users/list-users.ts", "listUsersAction", "read"],
  ["lib/actions/users/create-user.ts", "createUserAction", "write"],
  ["lib/actions/users/set-user-active.ts", "setUserActiveAction", "write"],
  ["lib/actions/users/issue-password-reset.ts", "issuePasswordResetAction", "write"],
  ["lib/actions/users/update-user.ts", "updateUserAction", "write"],
  ["lib/actions/auth/set-password.ts", "setPasswordAction", "write"],
  ["lib/actions/profiles/profile-actions.ts", "createProfileAction", "write"],
  ["lib/actions/profiles/profile-actions.ts", "updateProfileAction", "write"],
  ["lib/actions/profiles/profile-actions.ts", "getProfileAction", "read"],
  ["lib/actions/profiles/profile-actions.ts", "makeDefaultProfileAction", "write"],
  ["lib/actions/profiles/profile-actions.ts", "deleteProfileAction", "write"],
  ["lib/actions/audit/audit-actions.ts", "readTimelineAction", "read"],
  ["lib/actions/audit/audit-actions.ts", "countNewerAction", "read"],
  ["lib/actions/audit/audit-actions.ts", "verifyAuditAction", "read"],
  ["lib/actions/files/file-actions.ts", "startUploadAction", "write"],
  ["lib/actions/files/file-actions.ts", "completeUploadAction", "write"],
  ["lib/actions/files/file-actions.ts", "cancelUploadAction", "write"],
  ["lib/actions/files/file-actions.ts", "listFilesAction", "read"],
  ["lib/actions/files/file-actions.ts", "updateFileAction", "write"],
  ["lib/actions/files/file-actions.ts", "deleteFileAction", "write"],
  ["lib/actions/files/file-actions.ts", "downloadUrlAction", "read"],
  ["lib/actions/sessions/session-actions.ts", "revokeSessionAction", "write"],
  ["lib/actions/sessions/session-actions.ts", "revokeAllSessionsAction", "write"],
];

// Field names the actions read, so that generated objects often reach past the first check.
const FIELDS = ["id", "userId", "ids", "version", "name", "email", "role", "type", "customFields", "filter", "cursor", "subject", "from", "to", "since", "purpose", "size", "tags", "expiresAt", "displayName", "isPublic", "operation", "token", "password", "confirm", "active", "sessionId", "fileId", "profileId"];
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype);

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.constantFrom("<script>alert(1)</script>", "../../etc/passwd", "\u202e\u0000\u200b", "00000000-0000-4000-8000-000000000000", "x".repeat(100_000), ...PROTOTYPE_KEYS),
  fc.uuid(),
);
const leaf = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map(String));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("node"), { maxLength: 4 }), fc.dictionary(fc.oneof(hostileString, fc.constantFrom(...FIELDS, ...PROTOTYPE_KEYS)), tie("node"), { maxKeys: 5 })),
})).node;
// An object shaped like an action's input: its field names, hostile values.
const shaped = fc.dictionary(fc.constantFrom(...FIELDS, ...PROTOTYPE_KEYS), value, { minKeys: 1, maxKeys: 8 });
const input = fc.oneof(value, shaped, shaped);

// React's reply encoding gives strings that start with "$" a meaning of its own (references,
// dates, …): the framework's protocol, decoded before any action runs. Kept out of the inputs.
const safeForReply = (v: unknown): boolean =>
  typeof v === "string" ? !v.startsWith("$") : Array.isArray(v) ? v.every(safeForReply) : v && typeof v === "object" ? Object.entries(v).every(([k, x]) => !k.startsWith("$") && safeForReply(x)) : true;

/** Attributes that change by themselves: a session's "last seen" slides on the fuzz user's own requests. */
const DRIFT: Partial<Record<TableId, string[]>> = { sessions: ["lastSeenAt", "expiresAtEpoch"] };

/** Every item of every table, by table and key, without the attributes that drift. */
async function snapshot(): Promise<Map<string, string>> {
  const items = new Map<string, string>();
  // Items TTL may remove at any moment are left out of both sides.
  const soon = Math.floor(Date.now() / 1000) + 600;
  for (const id of Object.keys(TABLES) as TableId[]) {
    const definition: TableDefinition = TABLES[id];
    for (const item of await scanTable(id)) {
      if (typeof item.expiresAtEpoch === "number" && item.expiresAtEpoch < soon && !DRIFT[id]) continue;
      // What the system writes by itself (a TTL expiry's entry, lib/storage/file-stream.ts) and
      // the daily counts every entry bumps: any entry the fuzzer caused is compared itself.
      if ((id === "auditLogs" && item.userId === SYSTEM_ACTOR) || (id === "counters" && String(item.key).startsWith("audit-day#"))) continue;
      const key = `${id}:${String(item[definition.partitionKey.name])}${definition.sortKey ? `:${String(item[definition.sortKey.name])}` : ""}`;
      const kept = Object.fromEntries(Object.entries(item).filter(([name]) => !(DRIFT[id] ?? []).includes(name)).sort(([a], [b]) => a.localeCompare(b)));
      items.set(key, JSON.stringify(kept));
    }
  }
  return items;
}

function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [key, value] of after) if (before.get(key) !== value) out.push(`${before.has(key) ? "changed" : "added"} ${key}`);
  for (const key of before.keys()) if (!after.has(key)) out.push(`removed ${key}`);
  return out;
}

test("every server action answers hostile input from a signed-in user with a clear refusal and writes nothing", async ({ login, page }) => {
  test.setTimeout(240_000);
  await login("user");
  await page.goto("/");
  const before = await snapshot();
  const cases: Record<string, number> = {};

  for (const [file, name, kind] of ACTIONS) {
    cases[name] = 0;
    await fc.assert(
      fc.asyncProperty(input.filter(safeForReply), async (args) => {
        cases[name]!++;
        const result = await callServerAction<ActionResult<unknown>>(page, file, name, args);
        expect(typeof result === "object" && result !== null && "ok" in result, `${name}: an action result`).toBe(true);
        if (result.ok) {
          expect(kind, `${name} accepted ${JSON.stringify(args).slice(0, 200)}`).toBe("read");
          return;
        }
        expect(result.error, `${name} on ${JSON.stringify(args).slice(0, 200)}`).not.toBe(GENERIC);
        expect(result.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 12, seed: 20261203, endOnFailure: true },
    );
  }
  expect(differences(before, await snapshot()), "no table changed").toEqual([]);
  console.log(`fuzz cases per action: ${JSON.stringify(cases)}`);
});
