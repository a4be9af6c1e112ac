import { ProfileImageEditor } from "@/components/files/profile-image-editor";
import type { Profile } from "@/lib/db/profiles";
import { profileImages } from "@/lib/uploads/profile-images";

/** The avatar and background of one profile, with change and remove (server-rendered URLs). */
export async function ProfileImagesSection({ profile }: { profile: Profile }) {
  const images = (await profileImages([profile])).get(profile.id);
  return (
    <section aria-label="Profile images" className="grid gap-6 md:grid-cols-[auto_1fr]">
      <ProfileImageEditor kind="avatar" profileId={profile.id} profileName={profile.name} ownerId={profile.userId} current={images?.avatar ?? null} />
      <ProfileImageEditor kind="background" profileId={profile.id} profileName={profile.name} ownerId={profile.userId} current={images?.background ?? null} />
    </section>
  );
}
