import * as z from 'zod';
import type { DocumentHandle } from '../documents.js';
import { type CustomerLinks, compareLinks, type Link, linkKey, linkSchema, matchesLink, sameUser } from '../links.js';
import { openSharedDocument } from './document.js';

/** Links in `links.json`: a small document, read again whenever another process changed it. */
export const linksDocumentSchema = z.object({ links: z.array(linkSchema) });
export type LinksDocument = z.infer<typeof linksDocumentSchema>;

export async function openFileLinks(
  file: string,
  options: { lockFile: string; fsync: boolean },
): Promise<CustomerLinks & { document: DocumentHandle<LinksDocument> }> {
  const document = await openSharedDocument(file, linksDocumentSchema, { links: [] }, options);
  const all = async () => structuredClone((await document.read()).links) as Link[];
  return {
    document,
    list: async (filter = {}) => (await all()).filter((l) => matchesLink(l, filter)).sort(compareLinks),
    get: async (provider, username) =>
      (await all()).find((l) => linkKey(l.provider, l.username) === linkKey(provider, username)),
    put: (link, options = {}) =>
      document.update((draft) => {
        const key = linkKey(link.provider, link.username);
        const index = draft.links.findIndex((l) => linkKey(l.provider, l.username) === key);
        const existing = index >= 0 ? (structuredClone(draft.links[index]) as Link) : undefined;
        if (existing && !sameUser(existing.user, link.user) && !options.replace) return { stored: false, existing };
        if (index >= 0) draft.links.splice(index, 1);
        draft.links.push(structuredClone(link));
        return existing ? { stored: true, previous: existing } : { stored: true };
      }),
    remove: (provider, username) =>
      document.update((draft) => {
        const key = linkKey(provider, username);
        const index = draft.links.findIndex((l) => linkKey(l.provider, l.username) === key);
        if (index < 0) return undefined;
        return structuredClone(draft.links.splice(index, 1)[0]) as Link;
      }),
  };
}
