import Link from "next/link";

export interface ProfileSummaryRow {
  id: string;
  name: string;
  type: string;
  isDefault: boolean;
}

const link = "font-medium text-indigo-700 underline hover:no-underline dark:text-indigo-300";

/** The user's profiles in summary, with the way into their profiles and files when allowed. */
export function UserDetailProfiles({ userId, name, profiles, manageProfiles, manageFiles }: { userId: string; name: string; profiles: ProfileSummaryRow[]; manageProfiles: boolean; manageFiles: boolean }) {
  return (
    <section aria-labelledby="profiles-heading" className="rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="profiles-heading" className="text-lg font-medium">
        Profiles
      </h2>
      {profiles.length === 0 ? (
        <div className="mt-3 rounded-lg border border-dashed border-zinc-300 p-6 text-center dark:border-zinc-700">
          <p className="text-sm font-medium">No profiles yet</p>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            <span className="break-words">{name}</span> has no profiles yet.
          </p>
        </div>
      ) : (
        <ul className="mt-3 divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
          {profiles.map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-3 py-2">
              <span className="min-w-0 break-words font-medium">{p.name}</span>
              <span className="shrink-0 text-zinc-600 capitalize dark:text-zinc-400">
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
