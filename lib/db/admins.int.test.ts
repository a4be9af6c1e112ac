import { beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { listAuditByTarget } from "./audit";
import { reconcileActiveAdmins } from "./counters";
import { useIsolatedTables } from "./testing/isolated-tables";
import { createUser, getUser, setUserActive, updateUser } from "./users";

const ctx = { actorId: "test" };
const admin = (n: number) => createUser({ email: `admin-${n}@solo.test`, name: `Admin ${n}`, role: "admin" }, ctx);

beforeAll(async () => {
  await useIsolatedTables();
});

describe("the last active admin", () => {
  it("can be neither demoted nor deactivated, and two racing demotions leave one admin", async () => {
    const a = await admin(1);
    await expect(updateUser(a.id, a.version, { role: "user" }, ctx)).rejects.toBeInstanceOf(ValidationError);
    await expect(setUserActive(a.id, a.version, false, ctx)).rejects.toMatchObject({ message: expect.stringContaining("last active admin") });
    expect(await getUser(a.id, { consistent: true })).toEqual(a);
    expect((await listAuditByTarget(a.id)).items.map((e) => e.action)).toEqual(["user.created"]);

    const b = await admin(2);
    const results = await Promise.allSettled([
      updateUser(a.id, a.version, { role: "manager" }, ctx),
      setUserActive(b.id, b.version, false, ctx),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [nowA, nowB] = await Promise.all([getUser(a.id, { consistent: true }), getUser(b.id, { consistent: true })]);
    const activeAdmins = [nowA, nowB].filter((u) => u?.role === "admin" && u.isActive);
    expect(activeAdmins).toHaveLength(1);
    expect(await reconcileActiveAdmins()).toBe(1);
  });

  it("may step down once another admin exists, and a reactivated admin counts again", async () => {
    const c = await admin(3);
    const d = await admin(4);
    const before = await reconcileActiveAdmins();
    const demoted = await updateUser(c.id, c.version, { role: "user" }, ctx);
    expect(demoted.role).toBe("user");
    const off = await setUserActive(d.id, d.version, false, ctx);
    const on = await setUserActive(d.id, off.version, true, ctx);
    expect(on.isActive).toBe(true);
    expect(await reconcileActiveAdmins()).toBe(before - 1);
  });
});
