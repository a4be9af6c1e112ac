import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export interface ProfileSummaryRow {
  id: string;
  name: string;
  type: string;
  isDefault: boolean;
}

const link = "font-medium text-link underline hover:no-underline";

/** The user's profiles in summary, with the way into their profiles and files when allowed. */
export function UserDetailProfiles({ userId, name, profiles, manageProfiles, manageFiles }: { userId: string; name: string; profiles: ProfileSummaryRow[]; manageProfiles: boolean; manageFiles: boolean }) {
  return (
    <section aria-labelledby="profiles-heading" className="rounded-xl border border-subtle bg-surface p-6">
      <h2 id="profiles-heading" className="text-lg font-medium">
        Profiles
      </h2>
      {profiles.length === 0 ? (
        <EmptyState
          compact
          className="mt-3"
          title="No profiles yet"
          description={
            <>
              <span className="break-words">{name}</span> has no profiles yet.
            </>
          }
        />
      ) : (
        <ul className="mt-3 divide-y divide-divider text-sm">
          {profiles.map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-3 py-2">
              <span className="min-w-0 break-words font-medium">{p.name}</span>
              <span className="shrink-0 text-muted capitalize">
                {p.type}
                {p.isDefault ? " · default" : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label={`${name}'s data`} className="mt-4 flex flex-wrap gap-4 text-sm">
        {manageProfiles ? (
          <Link href={`/admin/users/${userId}/profiles`} className={link}>
            Manage profiles
          </Link>
        ) : null}
        {manageFiles ? (
          <Link href={`/admin/users/${userId}/files`} className={link}>
            Files
          </Link>
        ) : null}
        <Link href={`/admin/users/${userId}/activity`} className={link}>
          Activity timeline
        </Link>
      </nav>
    </section>
  );
}
