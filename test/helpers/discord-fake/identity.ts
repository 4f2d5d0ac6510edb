/** The fake's bot user: for a bot application, its user id is the application id. */
export function botUser(applicationId: string) {
  return { id: applicationId, username: 'resellerops', discriminator: '0', bot: true, avatar: null, global_name: null };
}

/**
 * GET /users/@me and GET /oauth2/applications/@me (`doctor`'s checks), answered for the bot the token
 * belongs to; the server has already refused a wrong token with 401.
 */
export function identityAnswer(
  method: string,
  path: string,
  applicationId: string,
): { status: number; body: unknown } | undefined {
  if (method !== 'GET') return undefined;
  if (path === '/users/@me') {
    return { status: 200, body: { ...botUser(applicationId), verified: true, mfa_enabled: false, flags: 0 } };
  }
  if (path === '/oauth2/applications/@me' || path === '/applications/@me') {
    return {
      status: 200,
      body: {
        id: applicationId,
        name: 'resellerops',
        icon: null,
        description: '',
        bot_public: false,
        bot_require_code_grant: false,
        verify_key: '0'.repeat(64),
        team: null,
        bot: botUser(applicationId),
      },
    };
  }
  return undefined;
}
