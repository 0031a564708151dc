/**
 * The deployment's shape: room to grow within CloudFormation's resource limit, ARNs in whatever partition the region
 * is in, and no fixed physical name that would stop a second stage or a deploy after a destroy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { Stack } from 'aws-cdk-lib';
import { routes } from '../../functions/api/routes.ts';
import type { RouteDefinition } from '../../functions/api/routes.ts';
import { apiAreaNames } from '../../functions/api/api-areas.ts';
import { assemblyReport, cloudFormationResourceLimit } from '../../infra/assembly-report.ts';
import type { KamflowStacks } from '../../infra/kamflow-stacks.ts';
import { synthesisableKamflowApp } from './kamflow-test-app.ts';
import type { TemplateResource } from './kamflow-test-app.ts';

type Synthesised = ReturnType<typeof synthesisableKamflowApp>;

const stacksOf = (kamflow: KamflowStacks): Stack[] =>
  [kamflow.data, kamflow.auth, kamflow.workflow, kamflow.api, kamflow.observability, kamflow.console, kamflow.sla, kamflow.events].filter((stack): stack is NonNullable<typeof stack> => stack !== undefined);

/** 50 more routes, spread over the areas, as the next capabilities would add them. */
const fiftyMoreRoutes: RouteDefinition[] = Array.from({ length: 50 }, (_, index) => {
  const area = apiAreaNames[index % apiAreaNames.length] ?? 'accounts';
  return {
    operationId: `futureRoute${index}`,
    area,
    method: index % 2 === 0 ? 'GET' : 'POST',
    path: `/api/future/${area}/${index}/{id}`,
    handler: 'functions/handlers/http/get-health.ts',
    auth: 'user',
    summary: 'a route of a capability not built yet',
    tag: 'future',
    responses: { 200: { description: 'OK' } },
  };
});

/** Name properties that must be unique in an account and region, by resource type. */
const uniqueNameProperties: Readonly<Record<string, string>> = {
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::CloudWatch::CompositeAlarm': 'AlarmName',
  'AWS::CloudWatch::Dashboard': 'DashboardName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SSM::Parameter': 'Name',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::ApiGateway::RestApi': 'Name',
};

function templatesOf(synthesised: Synthesised): Map<string, Record<string, TemplateResource>> {
  const assembly = synthesised.app.synth();
  return new Map(stacksOf(synthesised.stacks).map((stack) => [stack.stackName, assembly.getStackByName(stack.stackName).template['Resources'] as Record<string, TemplateResource>]));
}

/** The names each template gives resources of the types above, as written (a token stays JSON). */
function uniqueNames(templates: Map<string, Record<string, TemplateResource>>): Map<string, string> {
  const names = new Map<string, string>();
  for (const [stackName, resources] of templates) {
    for (const [logicalId, resource] of Object.entries(resources)) {
      const property = uniqueNameProperties[resource.Type];
      const name = property ? resource.Properties?.[property] : undefined;
      if (name !== undefined) names.set(typeof name === 'string' ? name : JSON.stringify(name), `${stackName}/${logicalId}`);
    }
  }
  return names;
}

describe('room to grow', () => {
  it('keeps every stack at or under 40 % of the 500-resource limit today', () => {
    const synthesised = synthesisableKamflowApp();
    try {
      const report = assemblyReport(synthesised.app.synth().directory);
      expect(report.stacks.length).toBeGreaterThanOrEqual(8);
      for (const stack of report.stacks) expect(stack.resources, stack.stackName).toBeLessThanOrEqual(0.4 * cloudFormationResourceLimit);
    } finally {
      synthesised.dispose();
    }
  }, 120_000);

  it('keeps every stack at or under 60 % of it with 50 more routes, and adds no resource for them', () => {
    const today = synthesisableKamflowApp();
    const grown = synthesisableKamflowApp({ routes: [...routes, ...fiftyMoreRoutes] });
    try {
      const todayApi = assemblyReport(today.app.synth().directory).stacks.find((stack) => stack.stackName === 'KamflowApi');
      const report = assemblyReport(grown.app.synth().directory);
      for (const stack of report.stacks) expect(stack.resources, stack.stackName).toBeLessThanOrEqual(0.6 * cloudFormationResourceLimit);
      expect(report.stacks.find((stack) => stack.stackName === 'KamflowApi')?.resources).toBe(todayApi?.resources);
      const body = JSON.stringify(Template.fromStack(grown.stacks.api).findResources('AWS::ApiGateway::RestApi'));
      for (const route of fiftyMoreRoutes) expect(body, route.operationId).toContain(`"operationId":"${route.operationId}"`);
    } finally {
      today.dispose();
      grown.dispose();
    }
  }, 120_000);
});

describe.each([
  ['ap-southeast-1', 'aws'],
  ['cn-north-1', 'aws-cn'],
  ['cn-northwest-1', 'aws-cn'],
])('synthesised for %s (%s)', (region, partition) => {
  const china = partition === 'aws-cn';
  let synthesised: Synthesised;
  let templates: Map<string, Record<string, TemplateResource>>;

  beforeAll(() => {
    synthesised = synthesisableKamflowApp({
      env: { account: '111111111111', region },
      // China has no Cognito user pools and CloudFront there serves only on an ICP-recorded domain of one's own.
      ...(china
        ? {
            tokenIssuer: { issuer: 'https://login.kamflow.example.cn/realms/kamflow', clientId: 'kamflow-console' },
            consoleDomain: { domainName: 'console.kamflow.example.cn', certificate: { iamCertificateId: 'ASCAKAMFLOWEXAMPLE' } },
          }
        : {}),
    });
    templates = templatesOf(synthesised);
  }, 120_000);
  afterAll(() => synthesised?.dispose());

  it('builds every ARN with the partition of the stack, never a literal one', () => {
    for (const [stackName, resources] of templates) {
      const text = JSON.stringify(resources);
      expect(text.match(/arn:aws(-cn|-us-gov)?:/g) ?? [], stackName).toEqual([]);
      if (text.includes('"arn:"')) expect(text, stackName).toContain('"Ref":"AWS::Partition"');
    }
  });

  it('names no other region, and no account but its own', () => {
    const otherRegions = ['us-east-1', 'ap-southeast-1', 'cn-north-1', 'cn-northwest-1'].filter((other) => other !== region);
    for (const [stackName, resources] of templates) {
      const text = JSON.stringify(resources);
      for (const other of otherRegions) expect(text.includes(other), `${stackName} names ${other}`).toBe(false);
      expect(text.match(/\b\d{12}\b/g)?.filter((account) => account !== '111111111111') ?? [], stackName).toEqual([]);
      // Endpoints carry the partition's URL suffix (amazonaws.com.cn in China) through AWS::URLSuffix.
      expect(text.match(/https:\/\/[^"]*amazonaws\.com/g) ?? [], stackName).toEqual([]);
    }
  });

  it('ships a state machine definition whose service integrations take the partition from the stack', () => {
    const machine = Object.values(templates.get('KamflowWorkflow') ?? {}).find((resource) => resource.Type === 'AWS::StepFunctions::StateMachine');
    const key = (machine?.Properties?.['DefinitionS3Location'] as { Key: string }).Key;
    const shipped = readFileSync(join(synthesised.outdir, `asset.${key}`), 'utf8');
    expect(shipped).toContain('arn:${Partition}:states:::lambda:invoke');
    expect(shipped).not.toMatch(/arn:aws/);
    expect((machine?.Properties?.['DefinitionSubstitutions'] as Record<string, unknown>)['Partition']).toEqual({ Ref: 'AWS::Partition' });
  });

  it(china ? 'uses what the China regions have: an external OIDC provider, no Lambda X-Ray, CloudFront on its own domain with an IAM certificate and an origin access identity' : 'uses Cognito, Lambda X-Ray and CloudFront origin access control', () => {
    expect(synthesised.stacks.auth === undefined).toBe(china);
    for (const resources of templates.values()) {
      for (const fn of Object.values(resources).filter((resource) => resource.Type === 'AWS::Lambda::Function' && resource.Properties?.['TracingConfig'])) {
        expect(fn.Properties?.['TracingConfig']).toEqual({ Mode: china ? 'PassThrough' : 'Active' });
      }
    }
    const console = Object.values(templates.get('KamflowConsole') ?? {});
    const distribution = console.find((resource) => resource.Type === 'AWS::CloudFront::Distribution')?.Properties?.['DistributionConfig'] as Record<string, unknown>;
    expect(console.some((resource) => resource.Type === 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toBe(china);
    expect(console.some((resource) => resource.Type === 'AWS::CloudFront::OriginAccessControl')).toBe(!china);
    if (china) {
      expect(distribution['Aliases']).toEqual(['console.kamflow.example.cn']);
      expect(distribution['ViewerCertificate']).toEqual({ IamCertificateId: 'ASCAKAMFLOWEXAMPLE', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
    }
  });
});

describe('copies side by side', () => {
  it('gives two stages in one account and region no name in common, and no retained resource a fixed name', () => {
    const first = synthesisableKamflowApp();
    const second = synthesisableKamflowApp({ stage: 'qa' });
    try {
      const firstTemplates = templatesOf(first);
      const secondTemplates = templatesOf(second);
      expect([...secondTemplates.keys()]).toEqual(expect.arrayContaining(['KamflowQaApi', 'KamflowQaWorkflow', 'KamflowQaData']));
      const firstNames = uniqueNames(firstTemplates);
      const shared = [...uniqueNames(secondTemplates)].filter(([name]) => firstNames.has(name)).map(([name, where]) => `${where}: ${name}`);
      expect(shared).toEqual([]);
      // A retained resource outlives a destroy; a deploy after it must not meet the same name again.
      for (const templates of [firstTemplates, secondTemplates]) {
        for (const [stackName, resources] of templates) {
          for (const [logicalId, resource] of Object.entries(resources)) {
            const property = uniqueNameProperties[resource.Type];
            if (resource['DeletionPolicy'] !== 'Retain' || !property) continue;
            expect(typeof resource.Properties?.[property], `${stackName}/${logicalId}`).not.toBe('string');
          }
        }
      }
    } finally {
      first.dispose();
      second.dispose();
    }
  }, 120_000);

  it('refuses to build a Cognito user pool for a China region, where there are none', () => {
    expect(() => synthesisableKamflowApp({ env: { account: '111111111111', region: 'cn-north-1' } })).toThrow(/KAMFLOW_AUTH_ISSUER/);
  });

  it('warns when the console in China has no domain of its own', () => {
    const synthesised = synthesisableKamflowApp({ env: { account: '111111111111', region: 'cn-northwest-1' }, tokenIssuer: { issuer: 'https://login.kamflow.example.cn', clientId: 'c' } });
    try {
      Annotations.fromStack(synthesised.stacks.console).hasWarning('*', Match.stringLikeRegexp('KAMFLOW_CONSOLE_DOMAIN'));
    } finally {
      synthesised.dispose();
    }
  });
});
