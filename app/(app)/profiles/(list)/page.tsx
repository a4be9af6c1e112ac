import type { Metadata } from "next";
import { ProfileCards } from "@/components/profiles/profile-cards";
import { toSummary } from "@/lib/profiles/views";
import { requireUser } from "@/lib/auth/current-user";
import { listProfiles } from "@/lib/db/profiles";
import { listTemplates } from "@/lib/templates/service";
import { profileImages } from "@/lib/uploads/profile-images";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "My profiles" };

export default async function MyProfilesPage() {
  const user = await requireUser();
  const [profiles, templates] = await Promise.all([listProfiles(user.id), listTemplates({ status: "active", limit: 100 })]);
  // One batch read for every card's avatar, not one per card.
  const images = await profileImages(profiles);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="My profiles" description={<>Keep personal, professional and custom profiles, each with its own fields. Your default profile&apos;s <code className="font-mono">preferences.theme</code> (dark or light) sets the app&apos;s theme.</>} />
      <ProfileCards ownerId={user.id} profiles={profiles.map((p) => toSummary(p, images.get(p.id)?.avatar?.url, images.get(p.id)?.background?.url))} basePath="/profiles"
        templates={templates.items.map(({ id, title, profileType }) => ({ id, title, profileType }))}
      />
    </div>
  );
}
