import * as z from 'zod';
import { type AccessGrants, grantSchema, sameGrantee } from '../access.js';
import type { DocumentHandle } from '../documents.js';
import { openSharedDocument } from './document.js';

/** Grants in `access.json`: a small document, read again whenever another process changed it. */
export const accessDocumentSchema = z.object({ grants: z.array(grantSchema) });
export type AccessDocument = z.infer<typeof accessDocumentSchema>;

export async function openFileAccess(
  file: string,
  options: { lockFile: string; fsync: boolean },
): Promise<AccessGrants & { document: DocumentHandle<AccessDocument> }> {
  const document = await openSharedDocument(file, accessDocumentSchema, { grants: [] }, options);
  return {
    document,
    list: async () => structuredClone((await document.read()).grants) as AccessDocument['grants'],
    put: (grant) =>
      document.update((draft) => {
        draft.grants = draft.grants.filter((g) => !sameGrantee(g.grantee, grant.grantee));
        draft.grants.push(grant);
      }),
    remove: (grantee) =>
      document.update((draft) => {
        const before = draft.grants.length;
        draft.grants = draft.grants.filter((g) => !sameGrantee(g.grantee, grantee));
        return draft.grants.length < before;
      }),
  };
}
