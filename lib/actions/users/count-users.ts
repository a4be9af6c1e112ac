"use server";
import { countUsers } from "@/lib/db/user-directory";
import type { UserCount } from "@/lib/types/user-count";
import { changeableFilter } from "@/lib/users/changeable-filter";
import { userFilterSchema } from "@/lib/validation/users";
import { z } from "zod";
import { action } from "../safe-action";

export interface UsersCount {
  /** Users matching the filter ("1,234 users"). */
  matching: UserCount;
  /** Those of them the viewer may change in bulk ("Select all 1,230 matching"). */
  changeable: UserCount;
}

/** The counts the users list shows, from counters (or a bounded count for a search), apart from the page. */
export const countUsersAction = action(
  z.object({ filter: userFilterSchema }),
  async ({ filter }, { user }): Promise<UsersCount> => {
    const narrowed = changeableFilter(user, filter);
    const [matching, changeable] = await Promise.all([
      countUsers(filter),
      narrowed === filter ? null : narrowed ? countUsers(narrowed) : Promise.resolve({ n: 0, exact: true }),
    ]);
    return { matching, changeable: changeable ?? matching };
  },
  { permission: "users.list" },
);
