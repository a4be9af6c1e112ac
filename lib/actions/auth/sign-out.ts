"use server";
import { signOut } from "@/lib/auth/auth";
import { getCurrentUser } from "@/lib/auth/current-user";
import { requestContext } from "@/lib/auth/request-context";
import { appendAudit } from "@/lib/db/audit";

export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) {
    await appendAudit({ actorId: user.id, actorRole: user.role, ...(await requestContext()) }, { action: "auth.signed_out", targetUserId: user.id, details: {} });
  }
  await signOut({ redirectTo: "/sign-in" });
}
