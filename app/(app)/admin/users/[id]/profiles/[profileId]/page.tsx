import type { Metadata } from "next";
import { ChecklistPanel } from "@/components/checklist/checklist-panel";
import { checklistViewOf } from "@/lib/templates/checklist";
import { ProfileEditor } from "@/components/profiles/profile-editor";
import { ProfileImagesSection } from "@/components/profiles/profile-images-section";
import { requireUser } from "@/lib/auth/current-user";
import { toProfileData } from "@/lib/profiles/views";
import { loadManagedProfile } from "../load";

export const metadata: Metadata = { title: "Edit profile" };

export default async function EditManagedProfilePage({ params }: { params: Promise<{ id: string; profileId: string }> }) {
  const { id, profileId } = await params;
  const { owner, profile } = await loadManagedProfile(id, profileId);
  // The same per-request read the loader made (getCurrentSession is cached).
  const viewer = await requireUser();
  const checklist = await checklistViewOf(profile, owner);
  return (
    <div className="flex flex-col gap-8">
      {checklist ? <ChecklistPanel view={checklist.view} canAcknowledge={viewer.id === owner.id} /> : null}
      <ProfileImagesSection profile={profile} />
      <ProfileEditor key={profile.id} profile={toProfileData(profile)} viewerId={viewer.id} backHref={`/admin/users/${owner.id}/profiles`} ownerName={owner.name} hints={checklist?.hints} />
    </div>
  );
}
