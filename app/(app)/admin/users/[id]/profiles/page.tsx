import type { Metadata } from "next";
import Link from "next/link";
import { ProfileCards } from "@/components/profiles/profile-cards";
import { toSummary } from "@/components/profiles/types";
import { listProfiles } from "@/lib/db/profiles";
import { profileImages } from "@/lib/uploads/profile-images";
import { loadManagedOwner } from "./load";

export const metadata: Metadata = { title: "Profiles" };

export default async function ManagedProfilesPage({ params }: { params: Promise<{ id: string }> }) {
  const owner = await loadManagedOwner((await params).id);
  const profiles = await listProfiles(owner.id);
  // One batch read for every card's avatar, not one per card.
  const images = await profileImages(profiles);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href="/admin/users" className="font-medium text-link underline hover:no-underline">
            Users
          </Link>
          <span aria-hidden="true" className="px-1.5 text-zinc-500">
            /
          </span>
          <span className="text-soft">{owner.name}</span>
        </nav>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight break-words">{owner.name}&apos;s profiles</h1>
        <p className="mt-1 text-sm text-muted">
          {owner.email} · {owner.role}
        </p>
      </div>
      <ProfileCards ownerId={owner.id} profiles={profiles.map((p) => toSummary(p, images.get(p.id)?.avatar?.url))} basePath={`/admin/users/${owner.id}/profiles`} />
    </div>
  );
}
