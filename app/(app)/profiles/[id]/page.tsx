import type { Metadata } from "next";
import { ProfileEditor } from "@/components/profiles/profile-editor";
import { toProfileData } from "@/components/profiles/types";
import { loadOwnProfile } from "./load";

export const metadata: Metadata = { title: "Edit profile" };

export default async function EditMyProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const profile = await loadOwnProfile((await params).id);
  return <ProfileEditor key={profile.id} profile={toProfileData(profile)} backHref="/profiles" />;
}
