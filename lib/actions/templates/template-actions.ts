"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { TEMPLATE_STATUSES } from "@/lib/db/templates";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { TEMPLATE_MAX_BYTES } from "@/lib/templates/json-text";
import { archiveTemplate, createTemplate, getTemplate, listTemplates, templateFromInput, updateTemplate } from "@/lib/templates/service";
import { completeThumbnailUpload, startThumbnailUpload } from "@/lib/templates/thumbnails";
import { action } from "../safe-action";

// Templates are shared: everyone signed in may read the active ones; creating, changing,
// archiving and seeing archived ones takes `templates.manage` (admins and managers). The
// document itself is left `unknown` here and parsed by the service with templateSchema, so its
// problems come back keyed by path ("fields.2.key") for the form to show on the field.

const id = z.string().trim().min(1).max(64);
const version = z.number().int().min(1);
const document = z.unknown().optional();
/** The raw editor's text; its size is judged by the service, which says limit and actual size. */
const json = z.string().max(4 * TEMPLATE_MAX_BYTES).optional();

function revalidateTemplates() {
  revalidatePath("/admin/templates");
}

export const createTemplateAction = action(
  z.object({ template: document, json }),
  async (input, { audit }) => {
    const created = await createTemplate(templateFromInput(input), audit);
    revalidateTemplates();
    return created;
  },
  { permission: "templates.manage" },
);

export const updateTemplateAction = action(
  z.object({ id, version, template: document, json }),
  async ({ id, version, ...input }, { audit }) => {
    const updated = await updateTemplate(id, version, templateFromInput(input), audit);
    revalidateTemplates();
    return updated;
  },
  { permission: "templates.manage" },
);

export const archiveTemplateAction = action(
  z.object({ id, version }),
  async ({ id, version }, { audit }) => {
    const archived = await archiveTemplate(id, version, audit);
    revalidateTemplates();
    return archived;
  },
  { permission: "templates.manage" },
);

export const listTemplatesAction = action(
  z.object({ status: z.enum(TEMPLATE_STATUSES).default("active"), cursor: z.string().max(2048).nullish(), limit: z.number().int().min(1).max(100).optional() }),
  async (query, { user }) => {
    if (query.status !== "active" && !can(user, "templates.manage")) throw new ForbiddenError();
    return listTemplates(query);
  },
);

export const getTemplateAction = action(z.object({ id }), async ({ id }, { user }) => {
  const read = await getTemplate(id);
  // An archived template is as absent as a missing one to those who may not manage templates.
  if (!read || (read.metadata.status !== "active" && !can(user, "templates.manage"))) throw new NotFoundError("This template does not exist.");
  return read;
});

const thumbnailId = z.uuid();

/** A presigned PUT for a thumbnail (a JPEG of `size` bytes); only those who manage templates. */
export const startThumbnailUploadAction = action(
  z.object({ id, size: z.number().int() }),
  async ({ id, size }, { user }) => startThumbnailUpload(user.id, id, size),
  { permission: "templates.manage" },
);

export const completeThumbnailUploadAction = action(
  z.object({ id, version, thumbnailId }),
  async ({ id, version, thumbnailId }, { user, audit }) => {
    const updated = await completeThumbnailUpload(user.id, id, version, thumbnailId, audit);
    revalidateTemplates();
    return updated;
  },
  { permission: "templates.manage" },
);
