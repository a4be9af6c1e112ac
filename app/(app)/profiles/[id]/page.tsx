import type { Metadata } from "next";
import { ChecklistPanel } from "@/components/checklist/checklist-panel";
import { ProfileEditor } from "@/components/profiles/profile-editor";
import { ProfileImagesSection } from "@/components/profiles/profile-images-section";
import { requireUser } from "@/lib/auth/current-user";
import { toProfileData } from "@/lib/profiles/views";
import { checklistViewOf } from "@/lib/templates/checklist";
import { loadOwnProfile } from "./load";

export const metadata: Metadata = { title: "Edit profile" };

export default async function EditMyProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const profile = await loadOwnProfile((await params).id);
  // The layout's guard read the same user (cached per request); it is the owner here.
  const user = await requireUser();
  const checklist = await checklistViewOf(profile, user);
  return (
    <div className="flex flex-col gap-8">
      {checklist ? <ChecklistPanel view={checklist.view} canAcknowledge={user.id === profile.userId} /> : null}
      <ProfileImagesSection profile={profile} />
      <ProfileEditor key={profile.id} profile={toProfileData(profile)} viewerId={profile.userId} backHref="/profiles" hints={checklist?.hints} />
    </div>
  );
}
