import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { routes } from '../../functions/api/routes.ts';
import type { OperationId } from '../../infra/stacks/api-stack.ts';
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
        Runtime: 'nodejs24.x',
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
            AUTH_ISSUER: expect.anything(),
            AUTH_CLIENT_ID: expect.anything(),
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

  it('puts the Cognito authoriser in front of exactly the user routes', () => {
    const authoriserIds = Object.keys(template.findResources('AWS::ApiGateway::Authorizer'));
    expect(authoriserIds).toHaveLength(1);
    const authoriserId = authoriserIds[0];
    const methods = methodsByRoute(resources);
    for (const route of routes) {
      const method = methods.get(`${route.method} ${route.path}`)?.Properties ?? {};
      if (route.auth === 'user') {
        expect(method, route.operationId).toMatchObject({ AuthorizationType: 'COGNITO_USER_POOLS', AuthorizerId: { Ref: authoriserId } });
        // OAuth scopes would make API Gateway want access tokens; the console and the handlers use ID tokens.
        expect(method['AuthorizationScopes'], route.operationId).toBeUndefined();
      } else {
        expect(method['AuthorizationType'], route.operationId).toBe('NONE');
        expect(method['AuthorizerId'], route.operationId).toBeUndefined();
      }
    }
    expect(routes.some((route) => route.auth === 'user')).toBe(true);
    expect(routes.some((route) => route.auth === 'public')).toBe(true);
  });

  it('leaves CORS preflights open: browsers send them without the token', () => {
    const preflights = Object.values(resources).filter((resource) => resource.Type === 'AWS::ApiGateway::Method' && resource.Properties?.['HttpMethod'] === 'OPTIONS');
    expect(preflights.length).toBeGreaterThan(0);
    for (const preflight of preflights) expect(preflight.Properties?.['AuthorizationType'] ?? 'NONE').toBe('NONE');
  });

  it("checks ID tokens from the Authorization header against the auth stack's user pool", () => {
    const authorisers = Object.values(template.findResources('AWS::ApiGateway::Authorizer')) as TemplateResource[];
    expect(authorisers[0]?.Properties).toEqual({
      Name: 'kamflow-users',
      Type: 'COGNITO_USER_POOLS',
      RestApiId: { Ref: logicalIdOf(kamflow.api.restApi) },
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [{ 'Fn::ImportValue': expect.stringMatching(new RegExp(`^KamflowAuth:ExportsOutputFnGetAtt${logicalIdOf(kamflow.auth.userPool)}Arn`)) }],
    });
  });

  it("tells every route function the user pool's issuer and the console's client, for its own token check", () => {
    const poolId = logicalIdOf(kamflow.auth.userPool);
    const clientId = logicalIdOf(kamflow.auth.consoleClient);
    for (const route of routes) {
      const environment = environmentOf(route.operationId);
      expect(environment['AUTH_ISSUER'], route.operationId).toEqual({
        'Fn::Join': [
          '',
          [
            `https://cognito-idp.${testRegion}.`,
            { Ref: 'AWS::URLSuffix' },
            '/',
            { 'Fn::ImportValue': expect.stringMatching(new RegExp(`^KamflowAuth:ExportsOutputRef${poolId}`)) },
          ],
        ],
      });
      expect(environment['AUTH_CLIENT_ID'], route.operationId).toEqual({
        'Fn::ImportValue': expect.stringMatching(new RegExp(`^KamflowAuth:ExportsOutputRef${clientId}`)),
      });
    }
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
