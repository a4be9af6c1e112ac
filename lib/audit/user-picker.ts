import "server-only";
import { can, hidesAdmins } from "@/lib/auth/permissions";
import { listUsers } from "@/lib/db/user-directory";
import { ForbiddenError } from "@/lib/errors";
import type { User } from "@/lib/validation/users";

// The audit page's actor and target pickers search everyone (issue #15: not the first 100
// names), through the users search (lib/db/user-search.ts: the start of any word of the name or
// email, accents ignored), so a search costs the same few DynamoDB calls however many users
// there are. A viewer who does not see admins' entries is not offered admins as actors: such a
// filter could only ever show nothing.

export interface PickerUser {
  id: string;
  name: string;
  email: string;
}

/** Options shown at most; a longer list asks for more letters. */
export const PICKER_OPTIONS = 10;
/** Read a little past the options, so leaving out admins still fills the list. */
const READ = 20;

export async function searchAuditUsers(viewer: User, input: { q: string; role: "actor" | "target" }): Promise<PickerUser[]> {
  if (!can(viewer, "audit.view_all")) throw new ForbiddenError("Only admins and managers can search the audit log's people.");
  const { items } = await listUsers({ q: input.q }, { limit: READ });
  const withoutAdmins = input.role === "actor" && hidesAdmins(viewer);
  return items
    .filter((user) => !(withoutAdmins && user.role === "admin"))
    .slice(0, PICKER_OPTIONS)
    .map((user) => ({ id: user.id, name: user.name, email: user.email }));
}
