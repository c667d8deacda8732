import { SIGNATURE_HEADER, signWebhook } from '@vigie/triage';

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/**
 * POSTs a JSON body to a webhook. Signed when a secret is set: `x-vigie-timestamp` (Unix seconds) and
 * `x-vigie-signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. Any answer other than 2xx is a failure
 * (redirects are not followed).
 */
export async function postWebhook(
  url: string,
  secret: string | null,
  payload: unknown,
  headers: Record<string, string>,
  timeoutMs = 10_000,
): Promise<number> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  const all: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'vigie-notifier',
    'x-vigie-timestamp': String(timestamp),
    ...headers,
  };
  if (secret) all[SIGNATURE_HEADER] = signWebhook(secret, timestamp, body);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: all,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new DeliveryError(`webhook unreachable: ${(e as Error).message}`);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status >= 300) throw new DeliveryError(`webhook answered HTTP ${res.status}`, res.status);
  return res.status;
}
