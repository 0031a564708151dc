import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { userRoles } from '../../functions/domain/people.ts';
import { buildKamflowTestApp, logicalIdOf } from './kamflow-test-app.ts';
import type { KamflowTestApp, TemplateResource } from './kamflow-test-app.ts';

describe('AuthStack', () => {
  let kamflow: KamflowTestApp;
  let template: Template;
  let pool: TemplateResource;
  let client: TemplateResource;

  const only = (type: string): TemplateResource => {
    const found = Object.values(template.findResources(type)) as TemplateResource[];
    expect(found, type).toHaveLength(1);
    return found[0] as TemplateResource;
  };

  beforeAll(() => {
    kamflow = buildKamflowTestApp();
    template = Template.fromStack(kamflow.auth);
    pool = only('AWS::Cognito::UserPool');
    client = only('AWS::Cognito::UserPoolClient');
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  it('lets only administrators create people, who sign in by username and have an email address', () => {
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: [{ Name: 'email', Required: true, Mutable: true }],
      UsernameConfiguration: { CaseSensitive: false },
    });
    // Username sign-in: neither email nor phone number is an alias or the username itself.
    expect(pool.Properties?.['AliasAttributes']).toBeUndefined();
    expect(pool.Properties?.['UsernameAttributes']).toBeUndefined();
  });

  it('asks for strong passwords, offers TOTP as a second factor and recovers accounts by email only', () => {
    expect(pool.Properties?.['Policies']).toEqual({
      PasswordPolicy: {
        MinimumLength: 12,
        RequireLowercase: true,
        RequireUppercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 7,
      },
    });
    // Everyone signs in with an authenticator app's code (TOTP); no SMS or e-mail codes.
    expect(pool.Properties).toMatchObject({ MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
    expect(pool.Properties?.['AccountRecoverySetting']).toEqual({ RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] });
    expect(pool.Properties?.['AutoVerifiedAttributes']).toEqual(['email']);
  });

  it('leaves threat protection (advanced security) off, on the Lite plan', () => {
    const addOns = pool.Properties?.['UserPoolAddOns'] as { AdvancedSecurityMode?: string } | undefined;
    expect(addOns?.AdvancedSecurityMode ?? 'OFF').toBe('OFF');
    expect(pool.Properties?.['UserPoolTier']).toBe('LITE');
  });

  it('keeps the pool, and its groups, when the stack is deleted or the pool replaced', () => {
    expect(pool).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(pool.Properties?.['DeletionProtection']).toBe('ACTIVE');
    for (const group of Object.values(template.findResources('AWS::Cognito::UserPoolGroup'))) {
      expect(group).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });

  it('has one group per role, named as the role, and no other', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')) as TemplateResource[];
    expect(groups.map((group) => group.Properties?.['GroupName']).sort()).toEqual([...userRoles].sort());
    for (const role of userRoles) {
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role, UserPoolId: { Ref: logicalIdOf(kamflow.auth.userPool) } });
    }
  });

  it('gives the console a client without a secret that signs in with a password and refreshes, nothing else', () => {
    expect(client.Properties).toMatchObject({
      UserPoolId: { Ref: logicalIdOf(kamflow.auth.userPool) },
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      AllowedOAuthFlowsUserPoolClient: false,
    });
    expect([...(client.Properties?.['ExplicitAuthFlows'] as string[])].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH']);
    expect(client.Properties?.['AllowedOAuthFlows']).toBeUndefined();
    expect(client.Properties?.['CallbackURLs']).toBeUndefined();
  });

  it('issues ID and access tokens for an hour and refresh tokens for 30 days', () => {
    const properties = client.Properties ?? {};
    const units = properties['TokenValidityUnits'] as Record<string, string>;
    const minutesPer: Record<string, number> = { minutes: 1, hours: 60, days: 24 * 60 };
    const validityInMinutes = (token: 'IdToken' | 'AccessToken' | 'RefreshToken'): number =>
      (properties[`${token}Validity`] as number) * (minutesPer[units[token] ?? ''] ?? Number.NaN);
    expect(validityInMinutes('IdToken')).toBe(60);
    expect(validityInMinutes('AccessToken')).toBe(60);
    expect(validityInMinutes('RefreshToken')).toBe(30 * 24 * 60);
  });
});
