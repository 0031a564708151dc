/**
 * The shared secret provisioning systems sign with. Locally it is PROVISIONING_SHARED_SECRET; on AWS the function
 * reads the Secrets Manager secret named by PROVISIONING_SECRET_ARN through Powertools Parameters (cached).
 */
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { optionalEnv } from '../commons/env.ts';

const localSecret = optionalEnv('PROVISIONING_SHARED_SECRET');
const secretArn = optionalEnv('PROVISIONING_SECRET_ARN');

export async function provisioningSharedSecret(): Promise<string> {
  if (localSecret) return localSecret;
  if (!secretArn) throw new Error('Set PROVISIONING_SHARED_SECRET or PROVISIONING_SECRET_ARN');
  const secret = await getSecret(secretArn, { maxAge: 300 });
  if (typeof secret !== 'string' || secret.length < 16) throw new Error('provisioning secret is missing or too short');
  return secret;
}
