/**
 * Who may sign in: a Cognito user pool for KAMflow's people (administrators create them; nobody signs up), one group
 * per role from functions/domain/people.ts, and the console's app client. API Gateway checks ID tokens on user routes
 * (api-stack.ts) and the handlers verify them again (functions/services/authentication.ts), because the same code runs
 * on one machine behind the local identity provider. Provisioning systems are not users: they sign their requests.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AccountRecovery, FeaturePlan, Mfa, UserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { userRoles } from '../../functions/domain/people.ts';
import type { UserRole } from '../../functions/domain/people.ts';

export class AuthStack extends Stack {
  readonly userPool: UserPool;
  /** The admin console's client: a single-page app, so it has no secret and signs in with username and password. */
  readonly consoleClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    this.userPool = new UserPool(this, 'Users', {
      userPoolName: 'kamflow-users',
      // People are created by an administrator with their roles; a stranger signing up would only get a useless login.
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      // `Li.Wei` and `li.wei` are one person; the stored spelling stays the `cognito:username` handlers look up.
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      // A changed address is verified before it replaces the old one, which stays the recovery address until then.
      autoVerify: { email: true },
      keepOriginal: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      // Everyone signs in with a second factor: the people here see key accounts' contracts, contacts and discounts,
      // and a password alone is one phishing mail away. TOTP authenticator apps only: no SMS (no per-message cost,
      // no SNS sender set-up, works the same in every partition) and no e-mail codes (the mailbox the password is
      // reset through is not a second factor). A person without an authenticator sets one up at the first sign-in
      // (MFA_SETUP, which the console answers); an administrator turning a lost one off makes them set up another.
      // A pool first deployed with optional MFA is switched by SetUserPoolMfaConfig; see the README's MFA section.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      // Lite covers password sign-in, TOTP and groups. Threat protection ("advanced security") needs Plus and is
      // billed per active user, so it stays off.
      featurePlan: FeaturePlan.LITE,
      // The pool holds every person's login and MFA secret: deleting the stack must not delete them.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });

    for (const role of userRoles) {
      const group = this.userPool.addGroup(groupIdOf(role), {
        groupName: role,
        description: `KAMflow role ${role}; the people table stays authoritative for who holds it`,
      });
      // Memberships live in the retained pool; a group deleted with the stack would take them with it.
      group.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }

    this.consoleClient = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: 'kamflow-console',
      // Code in a browser cannot keep a secret.
      generateSecret: false,
      // USER_PASSWORD_AUTH; CDK adds REFRESH_TOKEN_AUTH whenever a flow is given. No SRP, custom or choice-based flows.
      authFlows: { userPassword: true },
      // The console has its own login page; no hosted UI, so no OAuth flows and no callback URLs to keep in step.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'ConsoleClientId', { value: this.consoleClient.userPoolClientId });
  }
}

/** `KEY_ACCOUNT_MANAGER` → `KeyAccountManagerGroup`. */
function groupIdOf(role: UserRole): string {
  return `${role
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}Group`;
}

/**
 * Cognito's regional endpoint (`https://cognito-idp.<region>.amazonaws.com/`, `.com.cn` in China), where clients call
 * InitiateAuth. Resolved in the stack that uses it, so the partition's URL suffix is that stack's own.
 */
export function cognitoEndpoint(scope: Construct, userPool: IUserPool): string {
  return `https://cognito-idp.${userPool.env.region}.${Stack.of(scope).urlSuffix}/`;
}

/** The `iss` of the pool's tokens; its signing keys are at `${issuer}/.well-known/jwks.json`. */
export function userPoolIssuer(scope: Construct, userPool: IUserPool): string {
  return `${cognitoEndpoint(scope, userPool)}${userPool.userPoolId}`;
}

/** What a client needs to sign people in, as the console reads it from config.json. */
export interface ConsoleSignInSettings {
  readonly region: string;
  readonly userPoolId: string;
  readonly clientId: string;
  readonly endpoint: string;
}

export function consoleSignInSettings(scope: Construct, userPool: IUserPool, client: IUserPoolClient): ConsoleSignInSettings {
  return { region: userPool.env.region, userPoolId: userPool.userPoolId, clientId: client.userPoolClientId, endpoint: cognitoEndpoint(scope, userPool) };
}
