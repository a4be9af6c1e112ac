/** How many users a list view holds (lib/db/user-directory.ts countUsers). */
export interface UserCount {
  n: number;
  /** False when a search matched more than the count reads: "over 1,000". */
  exact: boolean;
}
