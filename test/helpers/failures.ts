import { expect } from 'vitest';
import { AppError, ProviderError } from '../../src/errors.js';

/** The error a promise rejects with; fails the test when it resolves or throws something else. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The ProviderError a promise rejects with, checked to be of `kind`. */
export async function providerFailure(promise: Promise<unknown>, kind: ProviderError['kind']): Promise<ProviderError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(ProviderError);
  expect((error as ProviderError).kind).toBe(kind);
  return error as ProviderError;
}
