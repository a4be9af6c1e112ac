import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { csvRow } from "@/lib/csv";
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
  const encoder = new TextEncoder();
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
        const rows = next.value.map((r) =>
          csvRow([r.userId, r.userName, r.userEmail, r.profileId, r.profileName, r.done, r.total, r.percent, r.done === r.total ? "done" : r.overdue ? "overdue" : "open", r.dueAt ?? "", r.completedAt ?? ""]),
        );
        controller.enqueue(encoder.encode(rows.join("")));
      } catch (error) {
        console.error("template progress export failed", error);
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
      "Content-Disposition": `attachment; filename="template-progress-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
