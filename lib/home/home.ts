import "server-only";
import { auditSentence } from "@/lib/audit/sentences";
import { auditVisibility } from "@/lib/auth/permissions";
import { listAuditByActor } from "@/lib/db/audit";
import { type DailyActivity, dailyActivity } from "@/lib/db/audit-stats";
import { listFiles } from "@/lib/db/files";
import type { Profile } from "@/lib/db/profiles";
import { type Completeness, profileCompleteness } from "@/lib/profiles/completeness";
import { profilesOfUser } from "@/lib/profiles/own-profiles";
import { isOverdue } from "@/lib/templates/checklist-core";
import { getTemplates } from "@/lib/templates/service";
import type { User } from "@/lib/validation/users";

// What the home page shows everyone (issue #15 point 6), read in at most 4 DynamoDB calls
// whatever the role:
//   1. the session and user (one BatchGet, lib/auth/session.ts);
//   2. the user's profiles (one Query, profilesOfUser: once per request);
//   3. the user's own recent audit entries (one Query of the actor index);
//   4. a plain user's recent files (one Query page), or for those who see everyone's activity
//      the chart's daily counters (one BatchGet), scoped to what they may see.
// Open checklist items come from what each template-based profile's last checklist write
// stored (checklistOpen), so no template is read; only a profile written before that existed
// needs its template, read once per template in one BatchGet.

export interface HomeProfile {
  id: string;
  name: string;
  isDefault: boolean;
  completeness: Completeness;
}

export interface OpenChecklist {
  profileId: string;
  profileName: string;
  templateTitle: string;
  done: number;
  total: number;
  dueAt?: string;
  overdue: boolean;
  open: Array<{ id: string; label: string }>;
}

export interface RecentEntry {
  id: string;
  sentence: string;
  timestamp: string;
}

export interface RecentFile {
  id: string;
  name: string;
  mimeType: string;
  createdAt: string;
}

export interface HomeData {
  profiles: HomeProfile[];
  checklists: OpenChecklist[];
  activity: RecentEntry[];
  /** A plain user's newest documents; null for those who get the chart instead. */
  files: RecentFile[] | null;
  /** The activity chart for those who see everyone's activity (less what they may not see). */
  chart: DailyActivity[] | null;
}

const RECENT = 5;

async function openChecklists(profiles: Profile[], now: Date): Promise<OpenChecklist[]> {
  const open = profiles.filter((p) => p.templateId && p.checklistProgress && p.checklistProgress.done < p.checklistProgress.total);
  const legacy = open.filter((p) => !p.checklistOpen).map((p) => p.templateId!);
  const templates: Awaited<ReturnType<typeof getTemplates>> = legacy.length ? await getTemplates(legacy) : new Map();
  return open.flatMap((profile) => {
    const progress = profile.checklistProgress!;
    let stored = profile.checklistOpen;
    if (!stored) {
      const template = templates.get(profile.templateId!);
      if (!template) return [];
      const done = new Set(Object.keys(profile.checklistDoneAt ?? {}));
      stored = { title: template.title, items: template.checklist.filter((item) => !done.has(item.id)).map(({ id, label }) => ({ id, label })) };
    }
    return [
      {
        profileId: profile.id,
        profileName: profile.name,
        templateTitle: stored.title,
        done: progress.done,
        total: progress.total,
        ...(progress.dueAt ? { dueAt: progress.dueAt } : {}),
        overdue: isOverdue(progress, now),
        open: stored.items,
      },
    ];
  });
}

export async function loadHome(user: User, now: Date = new Date()): Promise<HomeData> {
  const visibility = auditVisibility(user);
  const seesAll = visibility.scope === "all";
  const [profiles, recent, files, chart] = await Promise.all([
    profilesOfUser(user.id),
    listAuditByActor(user.id, { limit: RECENT }),
    seesAll ? null : listFiles(user.id, { limit: RECENT, maxReads: 1 }),
    seesAll ? dailyActivity(30, now, { hiddenActorRoles: visibility.hiddenActorRoles }) : null,
  ]);
  const profileNames = new Map(profiles.map((p) => [p.id, p.name]));
  // Names without another read: the user and their own profiles; anyone else is "another user".
  const names = {
    user: (id: string) => (id === user.id ? user.name : id === "system" || id === "anonymous" ? null : "another user"),
    profile: (id: string) => profileNames.get(id) ?? "a profile",
  };
  return {
    profiles: profiles.map((p) => ({ id: p.id, name: p.name, isDefault: p.isDefault, completeness: profileCompleteness(p) })),
    checklists: await openChecklists(profiles, now),
    activity: recent.items.map((entry) => ({ id: entry.id, sentence: auditSentence(entry, names), timestamp: entry.timestamp })),
    files: files ? files.items.map((f) => ({ id: f.id, name: f.displayName, mimeType: f.mimeType, createdAt: f.createdAt })) : null,
    chart,
  };
}
