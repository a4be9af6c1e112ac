import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { csvResponse } from "@/lib/csv-response";
import { getTemplateMetadata } from "@/lib/db/templates";
import { iterateTemplateProgress, parseProgressFilter, parseProgressOrder } from "@/lib/templates/progress";

export const dynamic = "force-dynamic";

const HEADER = ["userId", "userName", "email", "profileId", "profileName", "done", "total", "percent", "status", "dueAt", "completedAt"];

/** A template's progress as CSV, every page of the filter, streamed as it is read (like /api/users/export). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return new Response("Sign in first.", { status: 401 });
  if (!can(user, "templates.manage")) return new Response("You do not have permission to do that.", { status: 403 });
  const { id } = await params;
  const template = id.length <= 64 ? await getTemplateMetadata(id) : null;
  if (!template) return new Response("This template does not exist.", { status: 404 });

  const search = new URL(request.url).searchParams;
  const pages = iterateTemplateProgress(user, { templateId: template.id, filter: parseProgressFilter(search.get("filter")), order: parseProgressOrder(search.get("order")) });
  const date = new Date().toISOString().slice(0, 10);
  return csvResponse({
    header: HEADER,
    pages,
    row: (r) => [r.userId, r.userName, r.userEmail, r.profileId, r.profileName, r.done, r.total, r.percent, r.done === r.total ? "done" : r.overdue ? "overdue" : "open", r.dueAt ?? "", r.completedAt ?? ""],
    fileName: `template-progress-${date}.csv`,
    what: "template progress",
  });
}
