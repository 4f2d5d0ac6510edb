import type { SimRequest, SimResponse } from '../server.js';

/** The vendor's Laravel envelopes, exactly as documented. */

export const ok = (data: unknown, status = 200): SimResponse => ({ status, body: { data, code: status } });

const messages: Record<number, string> = {
  400: 'Bad Request.',
  401: 'Unauthorized.',
  402: 'Insufficient Balance.',
  403: 'Forbidden.',
  404: 'Account not found.',
  405: 'Method Not Allowed.',
  460: 'Username has not been found.',
  461: 'Username has not been validated.',
};

export const fail = (status: number, message = messages[status] ?? 'Error.'): SimResponse => ({
  status,
  body: { message, code: status },
});

/** Laravel's validation answer: the first message up top, every message under its field. */
export function invalid(errors: Record<string, string[]>, message?: string): SimResponse {
  const first = Object.values(errors)[0]?.[0];
  return {
    status: 422,
    body: {
      message: message ?? (Object.keys(errors).length === 1 && first ? first : 'The given data was invalid.'),
      errors,
      code: 422,
    },
  };
}

export function bodyField(req: SimRequest, name: string): unknown {
  const body = req.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
}

export function bodyHas(req: SimRequest, name: string): boolean {
  const body = req.body;
  return Boolean(body && typeof body === 'object' && name in (body as Record<string, unknown>));
}

/** Laravel's `required|string|min:6` for a password, with its wording. */
export function passwordErrors(password: unknown): string[] | undefined {
  if (password === undefined || password === null || password === '') return ['The password field is required.'];
  if (typeof password !== 'string') return ['The password must be a string.'];
  if (password.length < 6) return ['The password must be at least 6 characters.'];
  return undefined;
}

export function usernameErrors(username: unknown): string[] | undefined {
  if (username === undefined || username === null || username === '') return ['The username field is required.'];
  if (typeof username !== 'string') return ['The username must be a string.'];
  if (username.length > 255) return ['The username may not be greater than 255 characters.'];
  return undefined;
}
