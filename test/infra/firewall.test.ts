/**
 * WAF in front of KAMflow: a regional web ACL on the API's stage (common rule set, a rate limit per source address,
 * a lower one on the routes that need no sign-in) and a CLOUDFRONT web ACL on the console, created in us-east-1 or
 * named by KAMFLOW_CONSOLE_WEB_ACL; none on CloudFront in China, where AWS WAF is regional only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { addKamflowStacks } from '../../infra/kamflow-stacks.ts';
import { unauthenticatedPaths } from '../../infra/constructs/api-firewall.ts';
import { consoleWebAclFrom } from '../../infra/web-acl-settings.ts';
import { buildKamflowTestApp, testAccount, testConsoleOrigin } from './kamflow-test-app.ts';
import type { KamflowTestApp, TemplateResource } from './kamflow-test-app.ts';

type Rule = { Name: string; Priority: number; Statement: Record<string, Record<string, unknown>> };

function appIn(region: string, consoleWebAcl?: Parameters<typeof addKamflowStacks>[1]['consoleWebAcl']) {
  const outdir = mkdtempSync(join(tmpdir(), 'kamflow-cdk-firewall-'));
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  // China has no Cognito user pools: an external OIDC provider signs people in there (deployment-settings.ts).
  const tokenIssuer = region.startsWith('cn-') ? { tokenIssuer: { issuer: 'https://idp.kamflow.example', clientId: 'kamflow-console' } } : {};
  const stacks = addKamflowStacks(app, { env: { account: testAccount, region }, consoleOrigin: testConsoleOrigin, consoleWebAcl, ...tokenIssuer });
  return { stacks, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}

describe('WAF on the API and the console', () => {
  let kamflow: KamflowTestApp;
  let api: Template;

  beforeAll(() => {
    kamflow = buildKamflowTestApp();
    api = Template.fromStack(kamflow.api);
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  it('associates a regional web ACL with the API stage', () => {
    const acls = api.findResources('AWS::WAFv2::WebACL');
    expect(Object.keys(acls)).toHaveLength(1);
    const [aclId] = Object.keys(acls);
    api.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': [aclId, 'Arn'] },
      ResourceArn: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp(':apigateway:'), Match.stringLikeRegexp('/stages/')])]) }),
    });
  });

  it('runs the AWS common rule set and a rate limit per source address on every request', () => {
    const acl = Object.values(api.findResources('AWS::WAFv2::WebACL'))[0] as TemplateResource;
    expect(acl.Properties).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    const rules = acl.Properties?.['Rules'] as Rule[];
    const common = rules.find((rule) => rule.Name === 'aws-common-rule-set');
    expect(common?.Statement['ManagedRuleGroupStatement']).toMatchObject({ VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' });
    const everyRequest = rules.find((rule) => rule.Name === 'every-request-per-source');
    expect(everyRequest?.Statement['RateBasedStatement']).toEqual({ AggregateKeyType: 'IP', Limit: 3000, EvaluationWindowSec: 300 });
  });

  it('limits each source address far lower on health, the OpenAPI document and provisioning callbacks', () => {
    expect(unauthenticatedPaths()).toEqual([
      { match: 'ENDS_WITH', value: '/health' },
      { match: 'ENDS_WITH', value: '/openapi.json' },
      { match: 'CONTAINS', value: '/provisioning/v1/orders/' },
    ]);
    const acl = Object.values(api.findResources('AWS::WAFv2::WebACL'))[0] as TemplateResource;
    const rule = (acl.Properties?.['Rules'] as Rule[]).find((entry) => entry.Name === 'unauthenticated-paths-per-source');
    expect(rule).toMatchObject({ Priority: 0, Action: { Block: {} } });
    const rate = rule?.Statement['RateBasedStatement'] as { Limit: number; ScopeDownStatement: { OrStatement: { Statements: { ByteMatchStatement: { SearchString: string; PositionalConstraint: string } }[] } } };
    expect(rate.Limit).toBe(300);
    expect(rate.ScopeDownStatement.OrStatement.Statements.map((statement) => `${statement.ByteMatchStatement.PositionalConstraint} ${statement.ByteMatchStatement.SearchString}`)).toEqual([
      'ENDS_WITH /health',
      'ENDS_WITH /openapi.json',
      'CONTAINS /provisioning/v1/orders/',
    ]);
  });

  it('puts the console behind a CLOUDFRONT web ACL KAMflow creates in us-east-1', () => {
    const edge = kamflow.edgeFirewall;
    expect(edge?.region).toBe('us-east-1');
    Template.fromStack(edge!).hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT' });
    const distribution = Object.values(Template.fromStack(kamflow.console).findResources('AWS::CloudFront::Distribution'))[0] as TemplateResource;
    // read from us-east-1 through CDK's cross-region reference
    expect(JSON.stringify((distribution.Properties?.['DistributionConfig'] as Record<string, unknown>)['WebACLId'])).toMatch(/ExportsReader|Fn::GetAtt/);
    expect(kamflow.console.dependencies.map((stack) => stack.stackName)).toContain('KamflowEdgeFirewall');
  });

  it('uses an existing web ACL when one is named, and none in China (WAF there is regional only) while the API keeps its own', () => {
    const arn = 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/shared/0b8e0f2a-1111-4c4c-9d9d-123456789abc';
    const existing = appIn('ap-southeast-1', consoleWebAclFrom(arn, 'ap-southeast-1'));
    try {
      expect(existing.stacks.edgeFirewall).toBeUndefined();
      Template.fromStack(existing.stacks.console).hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ WebACLId: arn }) });
    } finally {
      existing.dispose();
    }
    const china = appIn('cn-north-1');
    try {
      expect(china.stacks.edgeFirewall).toBeUndefined();
      const distribution = Object.values(Template.fromStack(china.stacks.console).findResources('AWS::CloudFront::Distribution'))[0] as TemplateResource;
      expect((distribution.Properties?.['DistributionConfig'] as Record<string, unknown>)['WebACLId']).toBeUndefined();
      Template.fromStack(china.stacks.api).resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    } finally {
      china.dispose();
    }
  }, 60_000);

  it('reads KAMFLOW_CONSOLE_WEB_ACL: unset, none or a CLOUDFRONT web ACL ARN, refusing a web ACL in China', () => {
    expect(consoleWebAclFrom(undefined, 'eu-west-1')).toEqual({ kind: 'created' });
    expect(consoleWebAclFrom(' ', 'cn-northwest-1')).toEqual({ kind: 'none' });
    expect(consoleWebAclFrom('none', 'eu-west-1')).toEqual({ kind: 'none' });
    expect(() => consoleWebAclFrom('arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/x/0b8e0f2a-1111-4c4c-9d9d-123456789abc', 'eu-west-1')).toThrow(/CLOUDFRONT web ACL/);
    expect(() => consoleWebAclFrom('arn:aws:wafv2:us-east-1:111111111111:global/webacl/x/0b8e0f2a-1111-4c4c-9d9d-123456789abc', 'cn-north-1')).toThrow(/regional resources only/);
  });
});
