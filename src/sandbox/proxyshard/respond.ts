import type { SimRequest, SimResponse } from '../server.js';

export const fail = (status: number, message: string): SimResponse => ({ status, body: { success: false, message } });
export const ok = (body: Record<string, unknown>): SimResponse => ({ status: 200, body: { success: true, ...body } });

export type Register = (method: string, pattern: string, handler: (req: SimRequest) => SimResponse) => void;

export function intParam(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

/** Whole non-negative GB, as the spec's `data (integer, GB)` fields. */
export function gigabytes(body: unknown, field: string, allowZero: boolean): number | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || (!allowZero && value === 0))
    return undefined;
  return value;
}
