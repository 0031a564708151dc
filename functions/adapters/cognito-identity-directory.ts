/**
 * The IdentityDirectory on a Cognito user pool, through the Admin* actions of the Cognito Identity Provider API. On AWS
 * the client uses the SDK's regional endpoint and the function's IAM role; on one machine the same client is pointed
 * at the local identity provider (local/identity-provider.ts), which speaks the same JSON 1.1 protocol.
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InvalidPasswordException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { optionalEnv, requiredEnv } from '../commons/env.ts';
import { tracer } from '../commons/observability.ts';
import { groupChanges } from '../domain/user-management.ts';
import type { UserRole } from '../domain/people.ts';
import { IdentityRefusedError } from '../services/identity-directory.ts';
import type { IdentityDirectory, NewIdentity } from '../services/identity-directory.ts';

export class CognitoIdentityDirectory implements IdentityDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async ensureIdentity(identity: NewIdentity): Promise<'created' | 'existed'> {
    try {
      await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: identity.username,
          TemporaryPassword: identity.temporaryPassword,
          UserAttributes: [
            { Name: 'name', Value: identity.displayName },
            { Name: 'email', Value: identity.email },
            // The administrator vouches for the address; it is where Cognito sends the invitation and recovery codes.
            { Name: 'email_verified', Value: 'true' },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof InvalidPasswordException) throw new IdentityRefusedError('temporaryPassword', error.message);
      if (!(error instanceof UsernameExistsException)) throw error;
    }
    await this.client.send(new AdminSetUserPasswordCommand({ UserPoolId: this.userPoolId, Username: identity.username, Password: identity.temporaryPassword, Permanent: false })).catch((error: unknown) => {
      if (error instanceof InvalidPasswordException) throw new IdentityRefusedError('temporaryPassword', error.message);
      throw error;
    });
    return 'existed';
  }

  async setRoles(username: string, roles: readonly UserRole[]): Promise<void> {
    const current: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: username, ...(nextToken ? { NextToken: nextToken } : {}) }));
      current.push(...(page.Groups ?? []).flatMap((group) => (group.GroupName ? [group.GroupName] : [])));
      nextToken = page.NextToken;
    } while (nextToken);
    const { add, remove } = groupChanges(current, roles);
    for (const role of add) await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: role }));
    for (const role of remove) await this.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: role }));
  }

  async setEnabled(username: string, enabled: boolean): Promise<void> {
    const command = enabled ? new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: username }) : new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: username });
    await this.client.send(command);
  }
}

let directory: IdentityDirectory | undefined;

/**
 * Where an external OIDC provider signs the tokens (IDENTITY_DIRECTORY=external, as in the China regions), people's
 * logins are created and disabled at that provider. Nothing is left to do here: roles and whether a person may sign in
 * are the people table's, which authentication reads on every request.
 */
const externalProviderDirectory: IdentityDirectory = {
  ensureIdentity: async () => 'existed',
  setRoles: async () => undefined,
  setEnabled: async () => undefined,
};

/**
 * The directory of this deployment's user pool (USER_POOL_ID), built once per process on first use. COGNITO_ENDPOINT
 * is set only on the local stack, where it points the same client at the local identity provider.
 */
export function userPoolDirectory(): IdentityDirectory {
  if (optionalEnv('IDENTITY_DIRECTORY') === 'external') return externalProviderDirectory;
  if (!directory) {
    const endpoint = optionalEnv('COGNITO_ENDPOINT');
    const client = tracer.captureAWSv3Client(new CognitoIdentityProviderClient({ ...(endpoint ? { endpoint } : {}), maxAttempts: 3 }));
    directory = new CognitoIdentityDirectory(client, requiredEnv('USER_POOL_ID'));
  }
  return directory;
}
