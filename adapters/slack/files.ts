import type { webApi } from '@slack/bolt';
import type { ReplyFile } from '../../src/kit/reply.js';

type WebClient = webApi.WebClient;

/**
 * Files (VPN configs, QR codes, charts) go to the user's own DM with the bot, never to the channel
 * the command came from: conversations.open gives the DM channel, files.uploadV2 puts them there.
 * Returns the DM channel id.
 */
export async function sendFilesByDm(
  client: WebClient,
  userId: string,
  files: readonly ReplyFile[],
  comment: string,
): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const channelId = opened.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  await client.files.uploadV2({
    channel_id: channelId,
    initial_comment: comment,
    file_uploads: files.map((f) => ({ file: f.data, filename: f.name, title: f.name })),
  });
  return channelId;
}

export function filesNote(files: readonly ReplyFile[], delivered: boolean): string {
  const names = files.map((f) => f.name).join(', ');
  const count = `${files.length} file${files.length === 1 ? '' : 's'}`;
  return delivered
    ? `📎 Sent you ${count} in a direct message: ${names}`
    : `📎 Could not send you ${count} (${names}) in a direct message; nothing was posted here. Check that the app may message you, then run the command again.`;
}
