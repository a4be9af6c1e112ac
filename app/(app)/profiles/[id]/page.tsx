import type { Metadata } from "next";
import { ProfileEditor } from "@/components/profiles/profile-editor";
import { ProfileImagesSection } from "@/components/profiles/profile-images-section";
import { toProfileData } from "@/lib/profiles/views";
import { loadOwnProfile } from "./load";

export const metadata: Metadata = { title: "Edit profile" };

export default async function EditMyProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const profile = await loadOwnProfile((await params).id);
  return (
    <div className="flex flex-col gap-8">
      <ProfileImagesSection profile={profile} />
      <ProfileEditor key={profile.id} profile={toProfileData(profile)} viewerId={profile.userId} backHref="/profiles" />
    </div>
  );
}
