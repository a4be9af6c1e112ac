import type { Metadata } from "next";
import { SessionList } from "@/components/sessions/session-list";
import { requireSession } from "@/lib/auth/current-user";
import { sessionViews } from "@/lib/sessions/session-views";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Your sessions" };

export default async function AccountSessionsPage() {
  const { user, session } = await requireSession();
  const sessions = await sessionViews(user.id, session.id);
  return (
    <div className="flex max-w-3xl flex-col gap-6">
      <PageHeader title="Your sessions" description="Browsers and devices signed in to your account. End any you do not recognise; changing your password ends them all." />
      <SessionList userId={user.id} sessions={sessions} own name={user.name} />
    </div>
  );
}
