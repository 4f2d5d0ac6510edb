import { UserInputError } from '../errors.js';
import type { Customer, CustomerListQuery, CustomerPage } from './types.js';

export interface Paging {
  /** 1-based. */
  page: number;
  perPage: number;
}

/** The page asked for, checked before any request; `maxPerPage` is the vendor's own ceiling, when it has one. */
export function checkPaging(query: CustomerListQuery, options: { perPage?: number; maxPerPage?: number } = {}): Paging {
  const page = query.page ?? 1;
  const perPage = query.perPage ?? options.perPage ?? 25;
  const max = options.maxPerPage ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(page) || page < 1) throw new UserInputError('page must be a whole number from 1.');
  if (!Number.isSafeInteger(perPage) || perPage < 1 || perPage > max) {
    const range = options.maxPerPage === undefined ? 'from 1' : `from 1 to ${options.maxPerPage}`;
    throw new UserInputError(`perPage must be a whole number ${range}.`);
  }
  return { page, perPage };
}

/** One page of a list the vendor hands over whole (it has no paging of its own), filtered by status. */
export function pageOf(all: readonly Customer[], query: CustomerListQuery, paging: Paging): CustomerPage {
  const matching = query.status ? all.filter((c) => c.status === query.status) : [...all];
  const { page, perPage } = paging;
  return {
    customers: matching.slice((page - 1) * perPage, page * perPage),
    page,
    pages: Math.max(1, Math.ceil(matching.length / perPage)),
    total: matching.length,
  };
}
