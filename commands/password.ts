import { reply } from '../src/kit/reply.js';
import { defineCommand, subcommand } from '../src/runtime/command.js';
import { providerOption, usernameOption } from './options.js';

const reset = subcommand({
  name: 'reset',
  description: "Reset a customer's password and show the new one privately",
  minRole: 'staff',
  mutates: true,
  secret: true,
  options: [
    providerOption,
    usernameOption,
    {
      name: 'password',
      type: 'string',
      description: 'The new password (where the provider lets you choose)',
      secret: true,
      maxLength: 64,
    },
  ],
  async run(ctx, args) {
    const result = await ctx.services.passwords.reset(ctx, args.provider, args.username, args.password);
    const notice = result.provider.passwords?.notice;
    const note = notice ? ` ${notice}` : '';
    return reply({
      title: result.replayed ? 'Password already reset' : 'Password reset',
      visibility: 'private',
      text: result.replayed
        ? 'This same request was already carried out and the new password was shown once. Run /password reset again for another.'
        : `New password for ${args.username} on ${result.provider.displayName}.${note}`,
      fields: result.password ? [{ label: 'Password', value: result.password }] : [],
      data: {
        provider: result.provider.id,
        username: args.username,
        ...(result.password ? { password: result.password } : {}),
        replayed: result.replayed,
      },
    });
  },
});

export const passwordCommand = defineCommand({
  name: 'password',
  description: 'Reset customer passwords',
  subcommands: [reset],
});
