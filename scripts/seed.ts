// Creates the first admin of an empty installation, with a random one-time password that the
// caller prints. Runs through the same repository as the app, so the guard and the audit entry
// are written exactly as for any other user.
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { SYSTEM_ACTOR } from "@/lib/db/audit";
import { reconcileActiveAdmins } from "@/lib/db/counters";
import { anyAdminExists, createUser } from "@/lib/db/users";
import { ensureUserSearch } from "@/lib/db/user-search-rebuild";
import { ConflictError } from "@/lib/errors";

export const FIRST_ADMIN_EMAIL = "admin@prework.local";
/** Actor id of entries written by the system itself (seeding, maintenance). */

export async function seedFirstAdmin(email = FIRST_ADMIN_EMAIL): Promise<{ email: string; password: string } | null> {
  // Users from before the word index and the per-role counts get them, once.
  await ensureUserSearch();
  if (await anyAdminExists()) {
    // Data from before the active-admin counter existed gets it now.
    await reconcileActiveAdmins();
    return null;
  }
  const password = randomBytes(12).toString("base64url");
  try {
    await createUser(
      { email, name: "First Admin", role: "admin", passwordHash: await hashPassword(password) },
      { actorId: SYSTEM_ACTOR, userAgent: "prework-seed" },
    );
  } catch (error) {
    // Two starts racing: the other one created it (the guard makes the email unique).
    if (error instanceof ConflictError) return null;
    throw error;
  }
  return { email, password };
}
