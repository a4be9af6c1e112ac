import type { Metadata } from "next";
import Link from "next/link";
import { ProfileCards } from "@/components/profiles/profile-cards";
import { toSummary } from "@/lib/profiles/views";
import { PageHeader } from "@/components/ui/page-header";
import { listProfiles } from "@/lib/db/profiles";
import { listTemplates } from "@/lib/templates/service";
import { profileImages } from "@/lib/uploads/profile-images";
import { loadManagedOwner } from "./load";

export const metadata: Metadata = { title: "Profiles" };

export default async function ManagedProfilesPage({ params }: { params: Promise<{ id: string }> }) {
  const owner = await loadManagedOwner((await params).id);
  const [profiles, templates] = await Promise.all([listProfiles(owner.id), listTemplates({ status: "active", limit: 100 })]);
  // One batch read for every card's avatar, not one per card.
  const images = await profileImages(profiles);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={<>{owner.name}&apos;s profiles</>}
        back={
          <nav aria-label="Breadcrumb" className="text-sm">
            <Link href="/admin/users" className="font-medium text-link underline hover:no-underline">
              Users
            </Link>
            <span aria-hidden="true" className="px-1.5 text-muted">
              /
            </span>
            <span className="text-soft">{owner.name}</span>
          </nav>
        }
        description={
          <>
            {owner.email} · {owner.role}
          </>
        }
      />
      <ProfileCards ownerId={owner.id} profiles={profiles.map((p) => toSummary(p, images.get(p.id)?.avatar?.url, images.get(p.id)?.background?.url))} basePath={`/admin/users/${owner.id}/profiles`}
        templates={templates.items.map(({ id, title, profileType }) => ({ id, title, profileType }))}
      />
    </div>
  );
}
