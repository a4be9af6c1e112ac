// Who may do what (docs/architecture.md §2), decided in one pure function that every page and server
// action asks. Inactive actors may do nothing.
import type { Role } from "@/lib/validation/users";

export interface Actor {
  id: string;
  role: Role;
  isActive: boolean;
}

/** The user whose data an action touches. */
export interface Subject {
  id: string;
  role: Role;
}

export type Permission =
  | "users.list"
  | "users.view"
  | "users.create"
  | "users.edit"
  | "users.deactivate"
  | "users.change_role"
  | "profiles.manage"
  | "files.manage"
  | "sessions.manage"
  | "audit.view_all"
  | "audit.verify"
  | "mfa.reset"
  | "templates.manage";

const isSelf = (actor: Actor, subject?: Subject) => subject !== undefined && subject.id === actor.id;

/**
 * `subject` is the user whose data is touched; for "create" it is the user to be created
 * (its role decides). Permissions that need a subject are denied without one.
 */
export function can(actor: Actor | null, permission: Permission, subject?: Subject): boolean {
  if (!actor || !actor.isActive) return false;
  const admin = actor.role === "admin";
  const manager = actor.role === "manager";
  switch (permission) {
    case "users.list":
      return admin || manager;
    case "users.view":
      return admin || manager || isSelf(actor, subject);
    case "users.create":
    case "users.edit":
    case "users.deactivate":
      if (!subject) return false;
      return admin || (manager && subject.role === "user");
    case "users.change_role":
      return admin && subject !== undefined;
    case "profiles.manage":
    case "files.manage":
    case "sessions.manage":
      if (!subject) return false;
      return admin || isSelf(actor, subject) || (manager && subject.role === "user");
    case "audit.view_all":
      return admin || manager;
    case "audit.verify":
      return admin;
    case "templates.manage":
      // Templates are shared by everyone: creating, changing and archiving them is an editor's job.
      return admin || manager;
    case "mfa.reset":
      // Not one's own: that is turned off with a code on the account page, so a stolen admin
      // session cannot strip the factor without it.
      return admin && subject !== undefined && !isSelf(actor, subject);
  }
}

/** Roles the actor may give a new or edited user. */
export function grantableRoles(actor: Actor | null): Role[] {
  if (!actor?.isActive) return [];
  if (actor.role === "admin") return ["admin", "manager", "user"];
  if (actor.role === "manager") return ["user"];
  return [];
}

/**
 * Which audit entries a viewer may read: with `audit.view_all`, every entry except those by
 * actors of `hiddenActorRoles` (managers do not see what admins did); otherwise only entries by
 * or about themself. The timeline turns this into its DynamoDB filter (lib/audit/timeline.ts).
 */
export type AuditVisibility = { scope: "all"; hiddenActorRoles: Role[] } | { scope: "own" } | { scope: "none" };

export function auditVisibility(viewer: Actor | null): AuditVisibility {
  if (!viewer?.isActive) return { scope: "none" };
  if (!can(viewer, "audit.view_all")) return { scope: "own" };
  return { scope: "all", hiddenActorRoles: viewer.role === "admin" ? [] : ["admin"] };
}

/** Whether the viewer's timelines leave out what admins did (said on the page). */
export function hidesAdmins(viewer: Actor | null): boolean {
  const visibility = auditVisibility(viewer);
  return visibility.scope === "all" && visibility.hiddenActorRoles.includes("admin");
}

export function canSeeAuditEntry(viewer: Actor | null, entry: { actorRole: Role | null; actorId: string; targetUserId?: string }): boolean {
  const visibility = auditVisibility(viewer);
  if (visibility.scope === "none") return false;
  if (visibility.scope === "own") return entry.actorId === viewer!.id || entry.targetUserId === viewer!.id;
  return entry.actorRole === null || !visibility.hiddenActorRoles.includes(entry.actorRole);
}
