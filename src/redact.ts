/**
 * Secrets travel in URLs for two vendors (Youproxy's key in the path, ProxyLite's in the query), so
 * every URL or message that may reach a log or an error goes through here first.
 */
const secretQueryKeys = /([?&](?:app_key|api_key|apikey|key|token|password)=)[^&#\s]*/gi;

export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) {
      out = out.split(form).join('***');
    }
  }
  return out.replace(secretQueryKeys, '$1***');
}
