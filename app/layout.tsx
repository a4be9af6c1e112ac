import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { Toaster } from "@/components/ui/toaster";
import { currentTheme } from "@/lib/profiles/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pre-Work", template: "%s · Pre-Work" },
  description: "User accounts, profiles, files and an audit trail for your organisation.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page carries the per-request CSP nonce (proxy.ts), which only dynamic rendering can
  // apply to Next's scripts.
  await connection();
  const theme = await currentTheme();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}${theme ? ` ${theme}` : ""}`}>
      <body className="min-h-screen bg-canvas font-sans text-fg antialiased">
        <Providers>{children}</Providers>
        <Toaster />
      </body>
    </html>
  );
}
