/** Authenticates a provisioning system's signed request (HMAC, timestamp window, replay refusal). */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { UnauthorizedError } from '../commons/errors.ts';
import { signatureHeaders, verifySignature, maxClockSkewSeconds } from '../domain/request-signature.ts';
import { claimNonce } from '../data/request-nonces.ts';
import { provisioningSharedSecret } from './provisioning-credentials.ts';

export async function authenticateProvisioningSystem(event: APIGatewayProxyEvent): Promise<string> {
  const header = (name: string) => event.headers[name] ?? undefined;
  const systemId = header(signatureHeaders.systemId);
  const timestamp = header(signatureHeaders.timestamp);
  const signature = header(signatureHeaders.signature);
  const nonce = header(signatureHeaders.nonce);
  if (!systemId || !timestamp || !signature || !nonce) {
    throw new UnauthorizedError(`a signed request is required: ${Object.values(signatureHeaders).join(', ')} headers`);
  }
  const nowSeconds = Math.floor(Date.now() / 1000);
  // The signed path is the path the caller addressed: requestContext.path keeps the stage prefix (/prod/…) of an
  // execute-api URL, which event.path drops.
  const signedPath = event.requestContext.path || event.path;
  const verdict = verifySignature({ method: event.httpMethod, path: signedPath, systemId, timestamp, nonce, body: event.body ?? '' }, signature, await provisioningSharedSecret(), nowSeconds);
  if (!verdict.valid) throw new UnauthorizedError(`request signature refused: ${verdict.reason}`);
  const fresh = await claimNonce(`${systemId}#${nonce}`, systemId, nowSeconds + 2 * maxClockSkewSeconds);
  if (!fresh) throw new UnauthorizedError('request signature refused: this nonce was used before (replay)');
  return systemId;
}
