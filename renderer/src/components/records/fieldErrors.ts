// A refused save, split for the form: each issue under the field it names, the rest as one message.
import { ApiCallError } from '../../api/client.ts';

export interface FieldErrors {
  fields: Record<string, string>;
  general: string | null;
}

export const NO_ERRORS: FieldErrors = { fields: {}, general: null };

export function fieldErrors(e: unknown, fields: readonly string[]): FieldErrors {
  if (!(e instanceof ApiCallError)) return { fields: {}, general: (e as Error).message };
  const out: Record<string, string> = {};
  const rest: string[] = [];
  for (const issue of e.issues ?? []) {
    const field = fields.find((f) => issue.path === f || issue.path.startsWith(`${f}.`));
    if (field && !out[field]) out[field] = issue.message;
    else rest.push(issue.message);
  }
  const general = Object.keys(out).length === 0 ? e.message : rest.length ? rest.join('; ') : null;
  return { fields: out, general };
}
