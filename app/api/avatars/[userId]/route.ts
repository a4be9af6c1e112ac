import { getCurrentUser } from "@/lib/auth/current-user";
import { getUser } from "@/lib/db/users";
import { presignGet } from "@/lib/s3/presign";
import { avatarVersion } from "@/lib/users/avatar-path";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The presigned URL lives an hour; the browser keeps the redirect a little less. */
const URL_SECONDS = 60 * 60;
const CACHE_SECONDS = 50 * 60;

const notFound = () => new Response("Not found", { status: 404, headers: { "Cache-Control": "private, no-store" } });

/**
 * A user's avatar (their default profile's), for anyone signed in: faces are shown wherever
 * people appear (lists, timelines), as in any directory. It redirects to a presigned GET of the
 * object. A request naming the current version (lib/users/avatar-path.ts) may be cached
 * privately; any other, a page rendered before the avatar changed, gets the current one uncached.
 */
export async function GET(request: Request, { params }: { params: Promise<{ userId: string }> }) {
  const viewer = await getCurrentUser();
  if (!viewer) return new Response("Sign in first.", { status: 401, headers: { "Cache-Control": "private, no-store" } });
  const { userId } = await params;
  const user = UUID.test(userId) ? await getUser(userId) : null;
  if (!user?.avatarKey) return notFound();
  const current = new URL(request.url).searchParams.get("v") === avatarVersion(user.avatarKey);
  const location = await presignGet(user.avatarKey, { filename: "avatar", inline: true, contentType: contentTypeOf(user.avatarKey), expiresIn: URL_SECONDS });
  return new Response(null, {
    status: 302,
    headers: { Location: location, "Cache-Control": current ? `private, max-age=${CACHE_SECONDS}` : "private, no-store" },
  });
}

/** Profile images are JPEG, PNG or WebP (lib/s3/keys.ts names them by type). */
function contentTypeOf(key: string): string {
  if (key.endsWith(".png")) return "image/png";
  if (key.endsWith(".webp")) return "image/webp";
  return "image/jpeg";
}
