import type { Reply } from '../../src/kit/reply.js';
import type { SavedFile } from './files.js';

/** The `exec --json` object of docs/commands.md: exactly these keys. A file saved with --out also says where it went. */
export function replyToJson(reply: Reply, savedFiles: readonly SavedFile[] = []): Record<string, unknown> {
  const paths = new Map(savedFiles.map((f) => [f.name, f.path]));
  return {
    ok: reply.ok,
    visibility: reply.visibility,
    title: reply.title,
    text: reply.text,
    fields: reply.fields.map((f) => ({ label: f.label, value: f.value })),
    files: reply.files.map((f) => ({
      name: f.name,
      contentType: f.contentType,
      bytes: f.data.length,
      ...(paths.has(f.name) ? { path: paths.get(f.name) } : {}),
    })),
    data: reply.data,
    error: reply.error ? { code: reply.error.code, message: reply.error.message } : null,
  };
}

const marks = { success: '✔', info: '•', warning: '!', error: '✖' } as const;

/** For people at a terminal: title, text, fields, files, footer. */
export function replyToText(reply: Reply, savedFiles: readonly SavedFile[] = []): string {
  const lines = [`${marks[reply.tone]} ${reply.title}${reply.visibility === 'private' ? '  (private)' : ''}`];
  if (reply.text) lines.push(reply.text);
  if (reply.fields.length > 0) {
    const width = Math.min(18, Math.max(...reply.fields.map((f) => f.label.length)));
    for (const f of reply.fields) {
      const [first, ...rest] = f.value.split('\n');
      lines.push(`  ${f.label.padEnd(width)}  ${first}`);
      for (const more of rest) lines.push(`  ${' '.repeat(width)}  ${more}`);
    }
  }
  if (reply.files.length > 0) {
    const paths = new Map(savedFiles.map((f) => [f.name, f.path]));
    for (const f of reply.files) {
      const path = paths.get(f.name);
      lines.push(
        `  file: ${f.name} (${f.data.length} bytes)${path ? ` — saved to ${path}` : ' — add --out DIR to save it'}`,
      );
    }
  }
  if (reply.footer) lines.push(`  [${reply.footer}]`);
  return lines.join('\n');
}

/** docs/commands.md#exit-statuses: 0 when ok, 1 when the reply is an error, 2 for a usage or configuration error. */
export function exitCodeOf(reply: Reply): number {
  if (reply.ok) return 0;
  return reply.error?.code === 'invalid_input' ? 2 : 1;
}
