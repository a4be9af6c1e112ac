// Every React Query key of the app, so a mutation can invalidate exactly what it changed.
import type { UserFilterInput } from "@/lib/validation/users";

export const queryKeys = {
  users: {
    all: ["users"] as const,
    lists: () => ["users", "list"] as const,
    list: (filter: Partial<UserFilterInput>, cursor: string | null) => ["users", "list", filter, cursor] as const,
    details: () => ["users", "detail"] as const,
    detail: (id: string) => ["users", "detail", id] as const,
  },
};
