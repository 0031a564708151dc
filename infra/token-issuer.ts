/**
 * Who signs the people's ID tokens: the auth stack's Cognito user pool, or an external OIDC provider (China has no
 * Cognito user pools, and API Gateway there has no Cognito authoriser). The handlers verify the token either way
 * (functions/services/authentication.ts); only with Cognito does API Gateway check it first.
 */
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { userPoolIssuer } from './stacks/auth-stack.ts';
import type { ExternalTokenIssuer } from './kamflow-stacks.ts';

export type TokenIssuer =
  | { readonly kind: 'cognito'; readonly userPool: IUserPool; readonly userPoolClient: IUserPoolClient }
  | ({ readonly kind: 'external' } & ExternalTokenIssuer);

/** The environment functions/services/authentication.ts reads. */
export function tokenVerificationEnvironment(scope: Construct, issuer: TokenIssuer): Record<string, string> {
  if (issuer.kind === 'cognito') return { AUTH_ISSUER: userPoolIssuer(scope, issuer.userPool), AUTH_CLIENT_ID: issuer.userPoolClient.userPoolClientId };
  return {
    AUTH_ISSUER: issuer.issuer,
    AUTH_CLIENT_ID: issuer.clientId,
    AUTH_USERNAME_CLAIM: issuer.usernameClaim ?? 'preferred_username',
    ...(issuer.jwksUrl ? { AUTH_JWKS_URL: issuer.jwksUrl } : {}),
  };
}
