import type { Metadata } from "next";
import { Alert } from "@/components/ui/alert";
import { AuthCard } from "@/components/ui/auth-card";
import { env } from "@/lib/env";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Forgot password", robots: { index: false, follow: false } };

export default function ForgotPasswordPage() {
  const { NODE_ENV, SMTP_URL, PASSWORD_RESET_LINK_MINUTES } = env();
  return (
    <AuthCard title="Forgot your password?" description="Enter the email you sign in with and we will send you a link to choose a new password.">
      {NODE_ENV === "development" && !SMTP_URL ? (
        <Alert tone="info" className="mt-4">
          Development: SMTP_URL is not set, so the link is written to the server&apos;s log instead of being emailed.
        </Alert>
      ) : null}
      <ForgotPasswordForm linkMinutes={PASSWORD_RESET_LINK_MINUTES} />
    </AuthCard>
  );
}
