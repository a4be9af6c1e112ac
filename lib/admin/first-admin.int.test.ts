import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { listAuditByTarget } from "@/lib/db/audit";
import { consumeInvite, findInvite } from "@/lib/db/invites";
import { getUserByEmail } from "@/lib/db/users";
import { AdminExistsError, createFirstAdmin } from "./first-admin";

const origin = "https://admin.example.test";
const tokenOf = (link: string) => link.slice(`${origin}/invite/`.length);
const emailFor = () => `root-${randomUUID()}@example.test`;

describe("createFirstAdmin", () => {
  it("creates one admin with a one-time link; a second run issues a fresh link until a password is set, then refuses", async () => {
    const email = emailFor();
    const first = await createFirstAdmin({ email, name: "Root", origin });
    expect(first).toMatchObject({ outcome: "created", email });
    expect(first.link.startsWith(`${origin}/invite/`)).toBe(true);
    expect(await findInvite(tokenOf(first.link))).toMatchObject({ userId: first.userId, kind: "invite" });
    expect(await getUserByEmail(email)).toMatchObject({ id: first.userId, role: "admin", isActive: true, name: "Root" });
    const created = (await listAuditByTarget(first.userId)).items;
    expect(created.map((e) => e.action).sort()).toEqual(["user.created", "user.invited"]);
    expect(created.every((e) => e.userId === "system" && e.userAgent === "prework-admin-create")).toBe(true);

    // The operator lost the output: the same command again gives a new link and no second user.
    const second = await createFirstAdmin({ email: email.toUpperCase(), origin });
    expect(second).toMatchObject({ outcome: "link_reissued", userId: first.userId });
    expect(await findInvite(tokenOf(first.link))).toBeNull();
    expect(await findInvite(tokenOf(second.link))).not.toBeNull();

    await consumeInvite(tokenOf(second.link), "argon2-hash", {});
    await expect(createFirstAdmin({ email, origin })).rejects.toThrow(AdminExistsError);
    await expect(createFirstAdmin({ email, origin })).rejects.toThrow(/has set a password; nothing was changed/);

    const reset = await createFirstAdmin({ email, origin, reset: true });
    expect(reset).toMatchObject({ outcome: "reset_issued", userId: first.userId });
    expect(await findInvite(tokenOf(reset.link))).toMatchObject({ kind: "reset" });
    const actions = (await listAuditByTarget(first.userId)).items.map((e) => e.action).sort();
    expect(actions).toEqual(["user.created", "user.invited", "user.invited", "user.password_reset_issued", "user.password_set"]);
  });

  it("two runs at once make one admin", async () => {
    const email = emailFor();
    const results = await Promise.all([createFirstAdmin({ email, origin }), createFirstAdmin({ email, origin })]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["created", "link_reissued"]);
    expect(new Set(results.map((r) => r.userId)).size).toBe(1);
  });

  it("refuses an email that belongs to a non-admin", async () => {
    const { createUser } = await import("@/lib/db/users");
    const user = await createUser({ email: emailFor(), name: "Plain", role: "user" }, { actorId: "test" });
    await expect(createFirstAdmin({ email: user.email, origin })).rejects.toThrow(/belongs to an existing user; nothing was changed/);
  });
});

describe("npm run admin:create", () => {
  const root = path.resolve(__dirname, "..", "..");
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/admin-create.ts", ...args], {
      cwd: root,
      env: { ...process.env, AUTH_URL: origin },
    }).then(
      (out) => ({ code: 0, ...out }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  it("prints a link, and run again before the password is set, a fresh one; bad usage exits 2", async () => {
    const email = emailFor();
    const first = await run(["--email", email, "--name", "Ops Person"]);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toContain(`Created the admin ${email}.`);
    expect(first.stdout).toMatch(new RegExp(`${origin}/invite/[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}`));
    const again = await run(["--email", email]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("has not set a password yet: issued a fresh link");
    expect((await run([])).code).toBe(2);
    expect((await run(["--email", email, "--bogus"])).code).toBe(2);
  }, 60_000);
});
