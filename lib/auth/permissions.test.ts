import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/validation/users";
import { type Actor, auditVisibility, can, canSeeAuditEntry, grantableRoles, hidesAdmins, type Permission, type Subject } from "./permissions";

const actor = (role: Role, isActive = true): Actor => ({ id: `${role}-actor`, role, isActive });
const other = (role: Role): Subject => ({ id: `${role}-other`, role });
const self = (a: Actor): Subject => ({ id: a.id, role: a.role });

type Expect = Record<Role, boolean>;
// The matrix of docs/architecture.md §2, one row per (permission, subject) with the answer for each role.
const matrix: Array<[Permission, "none" | "self" | Role, Expect]> = [
  ["users.list", "none", { admin: true, manager: true, user: false }],
  ["users.view", "self", { admin: true, manager: true, user: true }],
  ["users.view", "user", { admin: true, manager: true, user: false }],
  ["users.view", "admin", { admin: true, manager: true, user: false }],
  ["users.create", "user", { admin: true, manager: true, user: false }],
  ["users.create", "manager", { admin: true, manager: false, user: false }],
  ["users.create", "admin", { admin: true, manager: false, user: false }],
  ["users.create", "none", { admin: false, manager: false, user: false }],
  ["users.edit", "user", { admin: true, manager: true, user: false }],
  ["users.edit", "manager", { admin: true, manager: false, user: false }],
  ["users.edit", "admin", { admin: true, manager: false, user: false }],
  ["users.edit", "self", { admin: true, manager: false, user: false }],
  ["users.deactivate", "user", { admin: true, manager: true, user: false }],
  ["users.deactivate", "manager", { admin: true, manager: false, user: false }],
  ["users.deactivate", "admin", { admin: true, manager: false, user: false }],
  ["users.change_role", "user", { admin: true, manager: false, user: false }],
  ["users.change_role", "admin", { admin: true, manager: false, user: false }],
  ["profiles.manage", "self", { admin: true, manager: true, user: true }],
  ["profiles.manage", "user", { admin: true, manager: true, user: false }],
  ["profiles.manage", "manager", { admin: true, manager: false, user: false }],
  ["profiles.manage", "admin", { admin: true, manager: false, user: false }],
  ["files.manage", "self", { admin: true, manager: true, user: true }],
  ["files.manage", "user", { admin: true, manager: true, user: false }],
  ["files.manage", "manager", { admin: true, manager: false, user: false }],
  ["files.manage", "admin", { admin: true, manager: false, user: false }],
  ["sessions.manage", "self", { admin: true, manager: true, user: true }],
  ["sessions.manage", "user", { admin: true, manager: true, user: false }],
  ["sessions.manage", "manager", { admin: true, manager: false, user: false }],
  ["sessions.manage", "admin", { admin: true, manager: false, user: false }],
  ["sessions.manage", "none", { admin: false, manager: false, user: false }],
  ["audit.view_all", "none", { admin: true, manager: true, user: false }],
  ["audit.verify", "none", { admin: true, manager: false, user: false }],
  ["templates.manage", "none", { admin: true, manager: true, user: false }],
  ["mfa.reset", "user", { admin: true, manager: false, user: false }],
  ["mfa.reset", "admin", { admin: true, manager: false, user: false }],
  ["mfa.reset", "self", { admin: false, manager: false, user: false }],
  ["mfa.reset", "none", { admin: false, manager: false, user: false }],
];

describe("can", () => {
  for (const [permission, subjectKind, expected] of matrix) {
    for (const role of ["admin", "manager", "user"] as const) {
      it(`${role} ${expected[role] ? "may" : "may not"} ${permission} on ${subjectKind}`, () => {
        const a = actor(role);
        const subject = subjectKind === "none" ? undefined : subjectKind === "self" ? self(a) : other(subjectKind);
        expect(can(a, permission, subject)).toBe(expected[role]);
      });
    }
  }

  it("denies everything to inactive and missing actors", () => {
    for (const [permission] of matrix) {
      expect(can(actor("admin", false), permission, other("user"))).toBe(false);
      expect(can(null, permission, other("user"))).toBe(false);
    }
  });
});

describe("grantableRoles", () => {
  it("lets admins grant every role and managers only user", () => {
    expect(grantableRoles(actor("admin"))).toEqual(["admin", "manager", "user"]);
    expect(grantableRoles(actor("manager"))).toEqual(["user"]);
    expect(grantableRoles(actor("user"))).toEqual([]);
    expect(grantableRoles(actor("admin", false))).toEqual([]);
  });
});

describe("canSeeAuditEntry", () => {
  const byAdmin = { actorRole: "admin" as const, actorId: "admin-other" };
  const byUser = { actorRole: "user" as const, actorId: "user-other", targetUserId: "user-actor" };
  it("admins see all, managers all but admins', users only entries by or about them", () => {
    expect(canSeeAuditEntry(actor("admin"), byAdmin)).toBe(true);
    expect(canSeeAuditEntry(actor("manager"), byAdmin)).toBe(false);
    expect(canSeeAuditEntry(actor("manager"), byUser)).toBe(true);
    expect(canSeeAuditEntry(actor("user"), byUser)).toBe(true);
    expect(canSeeAuditEntry(actor("user"), { actorRole: "user", actorId: "x", targetUserId: "y" })).toBe(false);
    expect(canSeeAuditEntry(actor("user", false), byUser)).toBe(false);
  });
});

describe("auditVisibility", () => {
  it("is derived from the permissions: all but admins' entries for managers, everything for admins, their own for users", () => {
    expect(auditVisibility(actor("admin"))).toEqual({ scope: "all", hiddenActorRoles: [] });
    expect(auditVisibility(actor("manager"))).toEqual({ scope: "all", hiddenActorRoles: ["admin"] });
    expect(auditVisibility(actor("user"))).toEqual({ scope: "own" });
    expect(auditVisibility(actor("admin", false))).toEqual({ scope: "none" });
    expect([hidesAdmins(actor("admin")), hidesAdmins(actor("manager")), hidesAdmins(actor("user"))]).toEqual([false, true, false]);
  });
});
