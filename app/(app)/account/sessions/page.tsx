import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SessionList } from "@/components/sessions/session-list";
import { getCurrentSession } from "@/lib/auth/session";
import { sessionViews } from "@/lib/sessions/session-views";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Your sessions" };

export default async function AccountSessionsPage() {
  const signedIn = await getCurrentSession();
  if (!signedIn) redirect("/sign-in");
  const { user, session } = signedIn;
  const sessions = await sessionViews(user.id, session.id);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader title="Your sessions" description="Browsers and devices signed in to your account. End any you do not recognise; changing your password ends them all." />
      <SessionList userId={user.id} sessions={sessions} own name={user.name} />
    </div>
  );
}
