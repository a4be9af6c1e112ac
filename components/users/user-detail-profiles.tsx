/** Profiles arrive with a later issue; until then the section says plainly that there are none. */
export function UserDetailProfiles({ name }: { name: string }) {
  return (
    <section aria-labelledby="profiles-heading" className="rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="profiles-heading" className="text-lg font-medium">
        Profiles
      </h2>
      <div className="mt-3 rounded-lg border border-dashed border-zinc-300 p-6 text-center dark:border-zinc-700">
        <p className="text-sm font-medium">No profiles yet</p>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          <span className="break-words">{name}</span> has no profiles yet.
        </p>
      </div>
    </section>
  );
}
