import { getFile, isExpired } from "@/lib/db/files";
import { downloadUrl } from "@/lib/uploads/service";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The stable public link of a file: works without signing in while the file is public and not
 * expired, and answers 404 the moment either changes (a strongly consistent read each time).
 * It redirects to a presigned URL of a minute, never to the bucket itself.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const file = UUID.test(id) ? await getFile(id, { consistent: true }) : null;
  if (!file || file.status !== "ready" || !file.isPublic || isExpired(file)) {
    return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return new Response(null, { status: 302, headers: { Location: await downloadUrl(file, { expiresIn: 60 }), "Cache-Control": "no-store" } });
}
