"use client";
import { Toaster as Sonner } from "sonner";

/** Toasts for the outcome of actions (`import { toast } from "sonner"`), announced politely. */
export function Toaster() {
  return <Sonner position="bottom-right" richColors closeButton theme="system" />;
}
