import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, Suspense } from "react";
import { SessionListSkeleton } from "@/components/sessions/session-list-skeleton";
import { UserSessionsSection } from "@/components/sessions/user-sessions-section";
import { RecentActivity } from "@/components/users/recent-activity";
import { madeVersion, toActivityItems } from "@/lib/audit/activity-items";
import { PageHeader } from "@/components/ui/page-header";
import { UserDetailAccount } from "@/components/users/user-detail-account";
import { UserDetailEditor } from "@/components/users/user-detail-editor";
import { ROLE_LABELS } from "@/components/users/role-labels";
import { UserDetailProfiles } from "@/components/users/user-detail-profiles";
import { UserSecondFactorSection } from "@/components/users/user-second-factor-section";
import { UserStatusBadge } from "@/components/users/user-status-badge";
import { requireUser } from "@/lib/auth/current-user";
import { userSubject } from "@/lib/auth/subjects";
import { getCurrentSession } from "@/lib/auth/session";
import { secondFactorStatus } from "@/lib/auth/mfa";
import { can, grantableRoles } from "@/lib/auth/permissions";
import { presentEntries, readTimeline } from "@/lib/audit/timeline";
import { listProfiles } from "@/lib/db/profiles";
import { type User, userStatus } from "@/lib/validation/users";
import { NotFoundError } from "@/lib/errors";

const ACTIVITY_LIMIT = 20;

type Params = { params: Promise<{ id: string }> };

// Shared by the metadata and the page within one request. Read fresh (lib/auth/subjects.ts):
// the version the edit form starts from must be the latest.
const loadViewed = cache(async (id: string): Promise<{ viewer: User; user: User } | null> => {
  const viewer = await requireUser();
  const user = await userSubject(viewer, id, "users.view").catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  return user ? { viewer, user } : null;
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const viewed = await loadViewed((await params).id);
  return { title: viewed ? viewed.user.name : "User not found" };
}

/**
 * The first page of the user's timeline (what they did and what was done to them, as far as
 * the viewer may see), with names from one batch read; and who made their current version.
 */
async function loadActivity(viewer: User, user: User) {
  const { entries } = await readTimeline(viewer, { kind: "user", userId: user.id }, {}, { limit: ACTIVITY_LIMIT });
  const views = await presentEntries(entries);
  return { items: toActivityItems(views), lastChange: madeVersion(views, user) };
}

export default async function UserDetailPage({ params }: Params) {
  const viewed = await loadViewed((await params).id);
  // Someone the viewer may not see looks exactly like someone who does not exist.
  if (!viewed) notFound();
  const { viewer, user } = viewed;

  const [activity, profiles] = await Promise.all([loadActivity(viewer, user), listProfiles(user.id)]);
  const isSelf = viewer.id === user.id;
  const canEdit = can(viewer, "users.edit", user);
  const current = await getCurrentSession();
  const currentSessionId = current?.session.id ?? null;
  const canResetSecondFactor = can(viewer, "mfa.reset", user);
  const secondFactor = canResetSecondFactor ? await secondFactorStatus(user.id) : null;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={user.name}
        back={
          <Link href="/admin/users" className="text-sm font-medium text-link underline hover:no-underline">
            All users
          </Link>
        }
        badge={<UserStatusBadge status={userStatus(user)} />}
        description={
          <>
            {ROLE_LABELS[user.role]} · {user.email}
          </>
        }
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-5">
        <div className="flex min-w-0 flex-col gap-6 lg:col-span-3">
          <UserDetailAccount user={user} signIn={isSelf ? { own: true, at: current?.signInBefore } : { own: false, at: user.lastSignInAt }} />
          {canEdit ? (
            <UserDetailEditor
              user={user}
              // Nobody changes their own role (the action refuses it too): another admin must.
              roles={can(viewer, "users.change_role", user) && !isSelf ? grantableRoles(viewer) : []}
              canDeactivate={can(viewer, "users.deactivate", user) && !isSelf}
              isSelf={isSelf}
              lastChange={activity.lastChange}
            />
          ) : (
            <p className="rounded-xl border border-subtle bg-surface p-6 text-sm text-soft">
              {isSelf ? "Ask an admin to change your own account." : "You can view this account but not change it: only admins change admins and managers."}
            </p>
          )}
          {canResetSecondFactor ? <UserSecondFactorSection userId={user.id} name={user.name} enrolled={secondFactor !== null} /> : null}
          {can(viewer, "sessions.manage", user) ? (
            // Streamed: the rest of the page does not wait for the sessions Query.
            <Suspense fallback={<SessionListSkeleton />}>
              <UserSessionsSection userId={user.id} name={user.name} currentSessionId={currentSessionId} />
            </Suspense>
          ) : null}
        </div>
        <div className="flex min-w-0 flex-col gap-6 lg:col-span-2">
          <UserDetailProfiles
            userId={user.id}
            name={user.name}
            profiles={profiles.map(({ id, name, type, isDefault }) => ({ id, name, type, isDefault }))}
            manageProfiles={can(viewer, "profiles.manage", user)}
            manageFiles={can(viewer, "files.manage", user)}
          />
          <RecentActivity items={activity.items} timelineHref={`/admin/audit?target=${encodeURIComponent(user.id)}`} />
        </div>
      </div>
    </div>
  );
}
