import type * as z from 'zod';
import { badResponse } from './http.js';

/** Parses a vendor body with its schema; drift becomes a bad_response error naming the first bad field. */
export function parseBody<S extends z.ZodType>(provider: string, schema: S, body: unknown, what: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return fail(provider, `${what}${at}: ${issue?.message ?? 'unexpected shape'}`, result.error);
}

function fail(provider: string, what: string, cause: unknown): never {
  throw badResponse(provider, what, cause);
}
