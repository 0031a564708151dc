import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { routes } from '../../functions/api/routes.ts';
import { ApiStack } from '../../infra/stacks/api-stack.ts';
import type { OperationId } from '../../infra/stacks/api-stack.ts';
import { DataStack } from '../../infra/stacks/data-stack.ts';
import { buildKamflowTestApp, grantedActionsOfFunction, logicalIdOf, statementsOfFunction, testAccount, testConsoleOrigin, testRegion } from './kamflow-test-app.ts';
import type { KamflowTestApp, TemplateResource } from './kamflow-test-app.ts';

type Resources = Record<string, TemplateResource>;
type Reference = { Ref?: string; 'Fn::GetAtt'?: [string, string] };

const stateMachineArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:states:${testRegion}:${testAccount}:stateMachine:kamflow-order-fulfilment`]] };
const taskResponseActions = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];
const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** `METHOD /full/path` of every method in the template, rebuilt from the resource tree. */
function methodsByRoute(resources: Resources): Map<string, TemplateResource> {
  const pathOf = (reference: Reference): string => {
    if (reference['Fn::GetAtt']?.[1] === 'RootResourceId') return '';
    const resource = resources[reference.Ref ?? ''];
    if (resource?.Type !== 'AWS::ApiGateway::Resource') throw new Error(`not an API resource: ${JSON.stringify(reference)}`);
    return `${pathOf(resource.Properties?.['ParentId'] as Reference)}/${String(resource.Properties?.['PathPart'])}`;
  };
  const methods = new Map<string, TemplateResource>();
  for (const method of Object.values(resources).filter((resource) => resource.Type === 'AWS::ApiGateway::Method')) {
    const httpMethod = String(method.Properties?.['HttpMethod']);
    if (httpMethod === 'OPTIONS') continue;
    methods.set(`${httpMethod} ${pathOf(method.Properties?.['ResourceId'] as Reference) || '/'}`, method);
  }
  return methods;
}

describe('ApiStack', () => {
  let kamflow: KamflowTestApp;
  let template: Template;
  let resources: Resources;

  const functionLogicalId = (operationId: OperationId): string => {
    const fn = kamflow.api.routeFunctions.get(operationId);
    if (!fn) throw new Error(`no function for ${operationId}`);
    return logicalIdOf(fn);
  };
  const environmentOf = (operationId: OperationId): Record<string, unknown> =>
    (resources[functionLogicalId(operationId)]?.Properties?.['Environment'] as { Variables: Record<string, unknown> }).Variables;

  beforeAll(() => {
    kamflow = buildKamflowTestApp();
    template = Template.fromStack(kamflow.api);
    resources = template.toJSON()['Resources'] as Resources;
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  it('serves exactly one method per route, at the route path, proxied to that route function', () => {
    const methods = methodsByRoute(resources);
    expect([...methods.keys()].sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
    for (const route of routes) {
      const method = methods.get(`${route.method} ${route.path}`);
      const integration = method?.Properties?.['Integration'] as { Type: string; Uri: unknown };
      expect(integration.Type, route.operationId).toBe('AWS_PROXY');
      expect(JSON.stringify(integration.Uri), route.operationId).toContain(`"Fn::GetAtt":["${functionLogicalId(route.operationId)}","Arn"]`);
      expect(method?.Properties?.['OperationName'], route.operationId).toBe(route.operationId);
    }
  });

  it('builds one function per route from its handler module', () => {
    expect(Object.keys(template.findResources('AWS::Lambda::Function'))).toHaveLength(routes.length);
    expect(kamflow.api.routeFunctions.size).toBe(routes.length);
  });

  it('gives every function the shared Lambda defaults, and every route function the API settings', () => {
    for (const [id, fn] of Object.entries(template.findResources('AWS::Lambda::Function'))) {
      expect((fn as TemplateResource).Properties, id).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: 512,
        Timeout: 10,
        Environment: {
          Variables: {
            POWERTOOLS_SERVICE_NAME: 'kamflow',
            POWERTOOLS_METRICS_NAMESPACE: 'KAMflow',
            LOG_LEVEL: 'INFO',
            CORS_ALLOW_ORIGIN: testConsoleOrigin,
            TABLE_NAME: expect.anything(),
            PUBLIC_API_URL: expect.anything(),
          },
        },
      });
    }
  });

  it('tells route functions the public URL of this API and stage', () => {
    const restApiId = logicalIdOf(kamflow.api.restApi);
    for (const route of routes) {
      expect(environmentOf(route.operationId)['PUBLIC_API_URL'], route.operationId).toEqual({
        'Fn::Join': ['', ['https://', { Ref: restApiId }, `.execute-api.${testRegion}.`, { Ref: 'AWS::URLSuffix' }, '/prod']],
      });
    }
  });

  it('lets only the order submission start workflows, and tells only it the state machine', () => {
    for (const route of routes) {
      const starts = route.operationId === 'createProductOrder';
      const statements = statementsOfFunction(resources, functionLogicalId(route.operationId));
      const startStatements = statements.filter((statement) => [statement.Action].flat().includes('states:StartExecution'));
      expect(startStatements.map((statement) => statement.Resource), route.operationId).toEqual(starts ? [stateMachineArn] : []);
      expect(environmentOf(route.operationId)['STATE_MACHINE_ARN'], route.operationId).toEqual(starts ? stateMachineArn : undefined);
    }
  });

  it('lets only the routes that report back to a waiting stage send task responses', () => {
    const responding: OperationId[] = ['recordCustomerAcceptance', 'confirmNetworkBuild', 'receiveProvisioningCallback'];
    for (const route of routes) {
      const statements = statementsOfFunction(resources, functionLogicalId(route.operationId)).filter((statement) =>
        [statement.Action].flat().some((action) => action.startsWith('states:Send')),
      );
      const expected = responding.includes(route.operationId) ? [{ Action: taskResponseActions, Effect: 'Allow', Resource: stateMachineArn }] : [];
      expect(statements, route.operationId).toEqual(expected);
    }
  });

  it('keeps the provisioning signing secret to the signed route', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const secretId = logicalIdOf(kamflow.api.provisioningSigningSecret);
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    for (const route of routes) {
      const signed = route.auth === 'provisioning-system';
      const granted = grantedActionsOfFunction(resources, functionLogicalId(route.operationId));
      expect(granted.has('secretsmanager:GetSecretValue'), route.operationId).toBe(signed);
      expect(environmentOf(route.operationId)['PROVISIONING_SECRET_ARN'], route.operationId).toEqual(signed ? { Ref: secretId } : undefined);
    }
    expect(routes.some((route) => route.auth === 'provisioning-system')).toBe(true);
  });

  it('grants the table by what a route does: nothing for public routes, reads for GETs, never Scan', () => {
    for (const route of routes) {
      const granted = grantedActionsOfFunction(resources, functionLogicalId(route.operationId));
      const dynamo = [...granted].filter((action) => action.startsWith('dynamodb:'));
      if (route.auth === 'public') expect(dynamo, route.operationId).toEqual([]);
      else expect(dynamo, route.operationId).toContain('dynamodb:Query');
      const writes = writeActions.some((action) => granted.has(action));
      expect(writes, route.operationId).toBe(route.auth !== 'public' && route.method !== 'GET');
      expect(granted.has('dynamodb:Scan'), route.operationId).toBe(false);
    }
  });

  it('leaves every route without an API Gateway authoriser until the Cognito seam is used', () => {
    for (const method of methodsByRoute(resources).values()) expect(method.Properties?.['AuthorizationType']).toBe('NONE');
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 0);
  });

  it('answers CORS preflights, and API Gateway errors, for the console origin', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'OPTIONS',
      Integration: Match.objectLike({
        IntegrationResponses: [Match.objectLike({ ResponseParameters: Match.objectLike({ 'method.response.header.Access-Control-Allow-Origin': `'${testConsoleOrigin}'` }) })],
      }),
    });
    for (const responseType of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: responseType,
        ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': `'${testConsoleOrigin}'` },
      });
    }
  });

  it('traces, throttles and access-logs the stage without logging bodies', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'prod',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      MethodSettings: [
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', DataTraceEnabled: false, LoggingLevel: 'ERROR', ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 }),
      ],
    });
  });
});

describe('ApiStack with a Cognito user pool', () => {
  let template: Template;

  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const env = { account: testAccount, region: testRegion };
    const data = new DataStack(app, 'SeamData', { env });
    const userPool = UserPool.fromUserPoolArn(data, 'Users', `arn:aws:cognito-idp:${testRegion}:${testAccount}:userpool/${testRegion}_example`);
    template = Template.fromStack(new ApiStack(app, 'SeamApi', { env, table: data.table, consoleOrigin: testConsoleOrigin, userPool }));
  }, 60_000);

  it('protects exactly the user routes with the authoriser', () => {
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    const methods = methodsByRoute(template.toJSON()['Resources'] as Resources);
    for (const route of routes) {
      const authorization = methods.get(`${route.method} ${route.path}`)?.Properties?.['AuthorizationType'];
      expect(authorization, route.operationId).toBe(route.auth === 'user' ? 'COGNITO_USER_POOLS' : 'NONE');
    }
  });
});
