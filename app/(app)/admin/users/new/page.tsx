import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { CreateUserForm } from "@/components/users/create-user-form";
import { requireUser } from "@/lib/auth/current-user";
import { grantableRoles } from "@/lib/auth/permissions";
import { INVITE_TTL_HOURS } from "@/lib/db/invites";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Invite user" };

export default async function NewUserPage() {
  const viewer = await requireUser();
  // The form offers only the roles this person may grant; the action checks again.
  const roles = grantableRoles(viewer);
  if (roles.length === 0) forbidden();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Invite a user" back={<Link href="/admin/users" className="text-sm font-medium text-link underline hover:no-underline">All users</Link>} description={<>The new user gets a one-time link to set their password. It expires after {INVITE_TTL_HOURS} hours.</>} />
      <CreateUserForm roles={roles} />
    </div>
  );
}
