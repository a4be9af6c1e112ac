import Link from "next/link";
import type { ReactNode } from "react";
import { ActivityChart } from "@/components/audit/activity-chart";
import { ChecklistProgress } from "@/components/checklist/checklist-panel";
import { formatUtc } from "@/components/ui/format-date";
import { PageHeader } from "@/components/ui/page-header";
import { can, hidesAdmins } from "@/lib/auth/permissions";
import { requireSession } from "@/lib/auth/current-user";
import { loadHome } from "@/lib/home/home";

const linkClasses = "text-sm font-medium text-link underline hover:no-underline";
const progressBar =
  "h-2 w-full appearance-none overflow-hidden rounded-full bg-rule [&::-webkit-progress-bar]:bg-rule [&::-webkit-progress-value]:bg-indigo-600 [&::-moz-progress-bar]:bg-indigo-600";

function Panel({ id, title, action, children }: { id: string; title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl border border-subtle bg-surface p-6">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-lg font-medium">
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}

export default async function HomePage() {
  const { user, signInBefore } = await requireSession();
  const home = await loadHome(user);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={<>Welcome, {user.name}</>}
        description={
          <>
            Signed in as {user.email}
            {/* The sign-in before this session's: the one the person would not otherwise know about. */}
            {signInBefore ? (
              <>
                {" "}· previous sign-in <time dateTime={signInBefore}>{formatUtc(signInBefore)}</time>
              </>
            ) : null}
          </>
        }
      />

      <Panel id="profiles-heading" title="Your profiles" action={<Link href="/profiles" className={linkClasses}>Manage profiles</Link>}>
        <p className="mb-3 text-sm text-muted">A profile is complete with an avatar, a background image, at least one detail filled in, and every item of its checklist done.</p>
        {home.profiles.length ? (
          <ul role="list" className="flex flex-col divide-y divide-divider">
            {home.profiles.map((profile) => (
              <li key={profile.id} aria-label={profile.name} className="flex flex-col gap-1.5 py-3 first:pt-0 last:pb-0">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <Link href={`/profiles/${profile.id}`} className="font-medium text-link underline hover:no-underline">
                    {profile.name}
                  </Link>
                  <span className="text-sm text-soft">
                    {profile.completeness.percent}% complete{profile.isDefault ? " · default" : ""}
                  </span>
                </div>
                <progress aria-label={`Completeness of ${profile.name}`} max={100} value={profile.completeness.percent} className={progressBar} />
                <p className="text-sm text-muted">
                  {profile.completeness.missing.length ? <>Missing: {profile.completeness.missing.join(", ")}.</> : "Nothing missing."}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">
            You have no profiles yet. <Link href="/profiles" className={linkClasses}>Create your first profile</Link>
          </p>
        )}
      </Panel>

      {home.checklists.length ? (
        <Panel id="checklist-heading" title="Your open checklist items">
          <ul role="list" className="flex flex-col gap-4">
            {home.checklists.map((view) => (
              <li key={view.profileId} className="flex flex-col gap-2">
                <Link href={`/profiles/${view.profileId}`} className="font-medium text-link underline hover:no-underline">
                  {view.profileName} · {view.templateTitle}
                </Link>
                <ChecklistProgress view={{ ...view, userId: user.id, userName: user.name, templateId: "", items: [] }} label={`Progress of ${view.profileName}`} />
                <ul role="list" className="list-disc pl-5 text-sm">
                  {view.open.map((item) => (
                    <li key={item.id}>
                      {item.label}
                      {view.overdue ? " (overdue)" : ""}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}

      {can(user, "users.list") ? (
        <Panel id="admin-heading" title="Administration">
          <p className="text-sm text-muted">Review the people in your organisation and their accounts.</p>
          <Link href="/admin/users" className={`mt-4 inline-block ${linkClasses}`}>
            Go to users
          </Link>
        </Panel>
      ) : null}

      {home.chart ? (
        <Panel id="activity-heading" title="Activity" action={<Link href="/admin/audit" className={linkClasses}>Open the audit log</Link>}>
          {hidesAdmins(user) ? <p className="mb-3 text-sm text-muted">Counts leave out what admins did, as your audit log does.</p> : null}
          <ActivityChart days={home.chart} />
        </Panel>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Panel id="recent-activity-heading" title="Your recent activity" action={<Link href="/activity" className={linkClasses}>All your activity</Link>}>
          {home.activity.length ? (
            <ul role="list" className="flex flex-col gap-2 text-sm">
              {home.activity.map((entry) => (
                <li key={entry.id} className="flex flex-col">
                  <span>{entry.sentence}</span>
                  <time dateTime={entry.timestamp} className="text-xs text-muted">
                    {formatUtc(entry.timestamp)}
                  </time>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted">Your sign-ins and changes will appear here.</p>
          )}
        </Panel>
        <Panel id="recent-files-heading" title="Your recent files" action={<Link href="/files" className={linkClasses}>All your files</Link>}>
          {home.files === null ? (
            <p className="text-sm text-muted">Documents and images you uploaded are in your files.</p>
          ) : home.files.length ? (
            <ul role="list" className="flex flex-col gap-2 text-sm">
              {home.files.map((file) => (
                <li key={file.id} className="flex min-w-0 items-baseline justify-between gap-3">
                  <span className="min-w-0 truncate font-medium" title={file.name}>
                    {file.name}
                  </span>
                  <time dateTime={file.createdAt} className="shrink-0 text-xs text-muted">
                    {formatUtc(file.createdAt)}
                  </time>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted">
              No files yet. <Link href="/files" className={linkClasses}>Upload a document</Link>
            </p>
          )}
        </Panel>
      </div>
    </div>
  );
}
