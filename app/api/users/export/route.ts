import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { csvResponse } from "@/lib/csv-response";
import { countUsers, iterateUsers } from "@/lib/db/user-directory";
import { userFilterSchema, userStatus } from "@/lib/validation/users";

export const dynamic = "force-dynamic";

const EXPORT_STATUS = { active: "active", invited: "invited", inactive: "deactivated" } as const;
const HEADER = ["id", "name", "email", "role", "status", "createdAt", "lastSignInAt"];

/**
 * The users list as CSV, every page of the current filter, streamed as it is read. The total
 * (when it can be known up front) is sent in X-Total-Count so the browser can show progress.
 */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  if (!can(user, "users.list")) return new Response("You do not have permission to do that.", { status: 403 });

  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = userFilterSchema.parse(params);
  const total = await countUsers(filter);
  const date = new Date().toISOString().slice(0, 10);
  return csvResponse({
    header: HEADER,
    pages: iterateUsers(filter),
    row: (u) => [u.id, u.name, u.email, u.role, EXPORT_STATUS[userStatus(u)], u.createdAt, u.lastSignInAt ?? ""],
    fileName: `users-${date}.csv`,
    what: "users",
    headers: total.exact ? { "X-Total-Count": String(total.n) } : {},
  });
}
