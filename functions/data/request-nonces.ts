import { RequestNonceEntity } from './entities/request-nonce.ts';
import { isConditionFailure } from './table.ts';

/** Records a signed request's signature; false when it was seen before (a replay). */
export async function claimNonce(nonce: string, systemId: string, expiresAtSeconds: number): Promise<boolean> {
  try {
    await RequestNonceEntity.create({ nonce, systemId, expiresAt: expiresAtSeconds }).go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
