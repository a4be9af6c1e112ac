import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { csvRow } from "@/lib/csv";
import { countUsers, iterateUsers } from "@/lib/db/user-directory";
import { userFilterSchema } from "@/lib/validation/users";

export const dynamic = "force-dynamic";

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
  const encoder = new TextEncoder();
  const pages = iterateUsers(filter);

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(HEADER)));
    },
    async pull(controller) {
      try {
        const next = await pages.next();
        if (next.done) {
          controller.close();
          return;
        }
        const rows = next.value.map((u) => csvRow([u.id, u.name, u.email, u.role, u.isActive ? "active" : "deactivated", u.createdAt, u.lastSignInAt ?? ""]));
        controller.enqueue(encoder.encode(rows.join("")));
      } catch (error) {
        console.error("users export failed", error);
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return(undefined);
    },
  });

  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="users-${date}.csv"`,
      "Cache-Control": "no-store",
      ...(total.exact ? { "X-Total-Count": String(total.n) } : {}),
    },
  });
}
