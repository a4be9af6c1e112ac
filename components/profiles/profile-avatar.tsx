"use client";
import Image from "next/image";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { avatarColour, initials } from "./avatar-initials";

const SIZES = {
  sm: { px: 32, box: "h-8 w-8", text: "text-xs" },
  md: { px: 40, box: "h-10 w-10", text: "text-sm" },
  lg: { px: 64, box: "h-16 w-16", text: "text-xl" },
  xl: { px: 96, box: "h-24 w-24", text: "text-3xl" },
} as const;

export interface ProfileAvatarProps {
  /** The profile's name: the image's alt text and the source of the fallback's initials. */
  name: string;
  /** The avatar's URL: presigned (lib/uploads/profile-images.ts) or /api/avatars (lib/users/avatar-path.ts), or none. */
  src?: string | null;
  size?: keyof typeof SIZES;
  /** The name is written next to it: hidden from assistive technology, not read twice. */
  decorative?: boolean;
  className?: string;
}

/**
 * A profile's avatar wherever the profile appears, or its initials on a coloured circle when
 * it has none, or when the image cannot load (a presigned URL from a page left open too long).
 */
export function ProfileAvatar({ name, src, size = "md", decorative = false, className }: ProfileAvatarProps) {
  const [brokenSrc, setBrokenSrc] = useState<string | null>(null);
  const { px, box, text } = SIZES[size];
  if (src && src !== brokenSrc) {
    return (
      <Image
        src={src}
        alt={decorative ? "" : name}
        width={px}
        height={px}
        // Presigned S3 URLs change per request and are already small: nothing to optimise.
        unoptimized
        onError={() => setBrokenSrc(src)}
        className={cn("shrink-0 rounded-full bg-inset-strong object-cover", box, className)}
      />
    );
  }
  return (
    <span {...(decorative ? { "aria-hidden": true } : { role: "img", "aria-label": name })} className={cn("inline-flex shrink-0 select-none items-center justify-center rounded-full font-semibold text-white", box, text, avatarColour(name), className)}>
      <span aria-hidden="true">{initials(name)}</span>
    </span>
  );
}
