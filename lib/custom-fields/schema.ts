import { z } from "zod";
import { customFieldProblems, type JsonObject } from "./validation";

/** The custom-field rules as a zod schema, for server actions: each issue carries the field's path. */
export const customFieldsSchema = z.custom<JsonObject>().superRefine((value, ctx) => {
  for (const problem of customFieldProblems(value)) {
    ctx.addIssue({ code: "custom", message: problem.message, path: problem.path ? problem.path.split(".") : [] });
  }
});

