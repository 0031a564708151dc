import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { routes } from '../../functions/api/routes.ts';
import { apiAreaNames } from '../../functions/api/api-areas.ts';
import type { ApiArea } from '../../functions/api/api-areas.ts';
import { userAuthoriserName } from '../../infra/api-definition.ts';
import { areaNeeds } from '../../infra/stacks/api-stack.ts';
import { buildKamflowTestApp, grantedActionsOfFunction, logicalIdOf, statementsOfFunction, synthesisableKamflowApp, testConsoleOrigin, testRegion } from './kamflow-test-app.ts';
import type { KamflowTestApp, TemplateResource } from './kamflow-test-app.ts';

type Resources = Record<string, TemplateResource>;
type Operation = { operationId?: string; security?: Record<string, string[]>[]; 'x-amazon-apigateway-integration': { type: string; uri?: unknown; responses?: Record<string, { responseParameters: Record<string, string> }> } };
type ApiBody = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { 'x-amazon-apigateway-authorizer'?: { type: string; providerARNs: unknown[] } }> };
  'x-amazon-apigateway-gateway-responses': Record<string, { responseParameters: Record<string, string> }>;
};

const taskResponseActions = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];
const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const routesOf = (area: ApiArea) => routes.filter((route) => route.area === area);

describe('ApiStack', () => {
  let kamflow: KamflowTestApp;
  let template: Template;
  let resources: Resources;
  let body: ApiBody;

  const functionLogicalId = (area: ApiArea): string => {
    const fn = kamflow.api.areaFunctions.get(area);
    if (!fn) throw new Error(`no function for area ${area}`);
    return logicalIdOf(fn);
  };
  const environmentOf = (area: ApiArea): Record<string, unknown> =>
    (resources[functionLogicalId(area)]?.Properties?.['Environment'] as { Variables: Record<string, unknown> }).Variables;
  const stateMachineArn = () => ({ 'Fn::ImportValue': expect.stringMatching(/^KamflowWorkflow:ExportsOutputRefOrderFulfilment/) });

  beforeAll(() => {
    kamflow = buildKamflowTestApp();
    template = Template.fromStack(kamflow.api);
    resources = template.toJSON()['Resources'] as Resources;
    const restApis = Object.values(template.findResources('AWS::ApiGateway::RestApi')) as TemplateResource[];
    expect(restApis).toHaveLength(1);
    body = restApis[0]?.Properties?.['Body'] as ApiBody;
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  it('serves exactly one operation per route, at the route path, proxied to the function of its area', () => {
    const served = Object.entries(body.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method]) => method !== 'options')
        .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(served.map((entry) => entry.key).sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
    for (const route of routes) {
      const operation = body.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId, route.operationId).toBe(route.operationId);
      const integration = operation?.['x-amazon-apigateway-integration'];
      expect(integration?.type, route.operationId).toBe('aws_proxy');
      const uri = JSON.stringify(integration?.uri);
      expect(uri, route.operationId).toContain(`"Fn::GetAtt":["${functionLogicalId(route.area)}","Arn"]`);
      expect(uri, route.operationId).toContain('{"Ref":"AWS::Partition"}');
    }
  });

  it('builds one function per area, from its entry module, and a handful of resources in all', () => {
    expect(Object.keys(template.findResources('AWS::Lambda::Function'))).toHaveLength(apiAreaNames.length);
    expect([...kamflow.api.areaFunctions.keys()].sort()).toEqual([...apiAreaNames].sort());
    template.resourceCountIs('AWS::ApiGateway::Method', 0);
    template.resourceCountIs('AWS::ApiGateway::Resource', 0);
  });

  it('lets API Gateway invoke each area function through one permission for this API', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission')) as TemplateResource[];
    expect(permissions).toHaveLength(apiAreaNames.length);
    const restApiId = logicalIdOf(kamflow.api.restApi);
    for (const area of apiAreaNames) {
      const mine = permissions.filter((permission) => JSON.stringify(permission.Properties?.['FunctionName']).includes(functionLogicalId(area)));
      expect(mine, area).toHaveLength(1);
      expect(mine[0]?.Properties?.['Principal'], area).toBe('apigateway.amazonaws.com');
      expect(JSON.stringify(mine[0]?.Properties?.['SourceArn']), area).toContain(`{"Ref":"${restApiId}"}`);
    }
  });

  it('gives every function the shared Lambda defaults, and every area function the API settings', () => {
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
            AUTH_ISSUER: expect.anything(),
            AUTH_CLIENT_ID: expect.anything(),
          },
        },
      });
      // Source maps are opt-in (KAMFLOW_SOURCE_MAPS=1): loading them slows every cold start.
      expect(((fn as TemplateResource).Properties?.['Environment'] as { Variables: Record<string, unknown> }).Variables['NODE_OPTIONS'], id).toBeUndefined();
    }
  });

  it('writes the public URL of this API and stage to the SSM parameter the workflow reads', () => {
    const restApiId = logicalIdOf(kamflow.api.restApi);
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: kamflow.names.publicApiUrlParameterName,
      Value: { 'Fn::Join': ['', ['https://', { Ref: restApiId }, `.execute-api.${testRegion}.`, { Ref: 'AWS::URLSuffix' }, '/prod']] },
    });
  });

  it('lets only the orders area start workflows, and tells only it the state machine', () => {
    for (const area of apiAreaNames) {
      const starts = area === 'orders';
      const startStatements = statementsOfFunction(resources, functionLogicalId(area)).filter((statement) => [statement.Action].flat().includes('states:StartExecution'));
      expect(startStatements.map((statement) => statement.Resource), area).toEqual(starts ? [stateMachineArn()] : []);
      expect(environmentOf(area)['STATE_MACHINE_ARN'], area).toEqual(starts ? stateMachineArn() : undefined);
    }
  });

  it('lets only the areas whose routes report back to a waiting stage send task responses', () => {
    const responding = new Set(['recordCustomerAcceptance', 'confirmNetworkBuild', 'receiveProvisioningCallback'].map((id) => routes.find((route) => route.operationId === id)?.area));
    expect([...responding].sort()).toEqual(['orders', 'provisioning']);
    for (const area of apiAreaNames) {
      const statements = statementsOfFunction(resources, functionLogicalId(area)).filter((statement) => [statement.Action].flat().some((action) => action.startsWith('states:Send')));
      expect(statements, area).toEqual(responding.has(area) ? [{ Action: taskResponseActions, Effect: 'Allow', Resource: stateMachineArn() }] : []);
    }
  });

  it('keeps the provisioning signing secret to the area of the signed route', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 1);
    const secretId = logicalIdOf(kamflow.api.provisioningSigningSecret);
    template.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    for (const area of apiAreaNames) {
      const signed = routesOf(area).some((route) => route.auth === 'provisioning-system');
      expect(grantedActionsOfFunction(resources, functionLogicalId(area)).has('secretsmanager:GetSecretValue'), area).toBe(signed);
      expect(environmentOf(area)['PROVISIONING_SECRET_ARN'], area).toEqual(signed ? { Ref: secretId } : undefined);
    }
  });

  it('grants the table by what an area\'s routes do: nothing for the public area, writes only where a route writes, never Scan', () => {
    for (const area of apiAreaNames) {
      const granted = grantedActionsOfFunction(resources, functionLogicalId(area));
      const areaRoutes = routesOf(area);
      const dynamo = [...granted].filter((action) => action.startsWith('dynamodb:'));
      if (areaRoutes.every((route) => route.auth === 'public')) expect(dynamo, area).toEqual([]);
      else expect(dynamo, area).toContain('dynamodb:Query');
      const writes = writeActions.some((action) => granted.has(action));
      expect(writes, area).toBe(areaRoutes.some((route) => route.auth !== 'public' && route.method !== 'GET'));
      expect(granted.has('dynamodb:Scan'), area).toBe(false);
    }
    expect(areaNeeds(routesOf('system')).tableAccess).toBe('none');
  });

  it('puts the Cognito authoriser in front of exactly the user routes, checking ID tokens of the auth stack\'s pool', () => {
    const scheme = body.components.securitySchemes[userAuthoriserName];
    expect(scheme?.['x-amazon-apigateway-authorizer']?.type).toBe('cognito_user_pools');
    expect(JSON.stringify(scheme?.['x-amazon-apigateway-authorizer']?.providerARNs)).toMatch(new RegExp(`KamflowAuth:ExportsOutputFnGetAtt${logicalIdOf(kamflow.auth.userPool)}Arn`));
    for (const route of routes) {
      const operation = body.paths[route.path]?.[route.method.toLowerCase()];
      // No OAuth scopes: API Gateway then wants ID tokens, as the console and the handlers use.
      expect(operation?.security, route.operationId).toEqual(route.auth === 'user' ? [{ [userAuthoriserName]: [] }] : undefined);
    }
  });

  it('answers CORS preflights itself, unauthenticated, and API Gateway errors, for the console origin', () => {
    for (const [path, operations] of Object.entries(body.paths)) {
      const preflight = operations['options'];
      expect(preflight?.security, path).toBeUndefined();
      expect(preflight?.['x-amazon-apigateway-integration'].type, path).toBe('mock');
      const headers = preflight?.['x-amazon-apigateway-integration'].responses?.['default']?.responseParameters ?? {};
      expect(headers['method.response.header.Access-Control-Allow-Origin'], path).toBe(`'${testConsoleOrigin}'`);
      const methods = Object.keys(operations).filter((method) => method !== 'options').map((method) => method.toUpperCase());
      expect(headers['method.response.header.Access-Control-Allow-Methods'], path).toBe(`'${[...methods, 'OPTIONS'].join(',')}'`);
    }
    for (const responseType of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      expect(body['x-amazon-apigateway-gateway-responses'][responseType]?.responseParameters).toEqual({ 'gatewayresponse.header.Access-Control-Allow-Origin': `'${testConsoleOrigin}'` });
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

describe('ApiStack with an external OIDC provider', () => {
  it('builds no auth stack and no authoriser, and tells the handlers the provider, its keys and the user claim', () => {
    const { stacks, app, dispose } = synthesisableKamflowApp({
      tokenIssuer: { issuer: 'https://login.kamflow.example.cn/realms/kamflow', clientId: 'kamflow-console', jwksUrl: 'https://login.kamflow.example.cn/realms/kamflow/certs' },
    });
    try {
      expect(stacks.auth).toBeUndefined();
      expect(app.node.children.map((child) => child.node.id)).not.toContain('KamflowAuth');
      const template = Template.fromStack(stacks.api);
      const body = (Object.values(template.findResources('AWS::ApiGateway::RestApi'))[0] as TemplateResource).Properties?.['Body'] as ApiBody;
      expect(body.components.securitySchemes).toEqual({});
      expect(JSON.stringify(body.paths)).not.toContain('"security"');
      for (const fn of Object.values(template.findResources('AWS::Lambda::Function')) as TemplateResource[]) {
        expect((fn.Properties?.['Environment'] as { Variables: Record<string, unknown> }).Variables).toMatchObject({
          AUTH_ISSUER: 'https://login.kamflow.example.cn/realms/kamflow',
          AUTH_CLIENT_ID: 'kamflow-console',
          AUTH_JWKS_URL: 'https://login.kamflow.example.cn/realms/kamflow/certs',
          AUTH_USERNAME_CLAIM: 'preferred_username',
        });
      }
      // People's logins live at the provider: user administration touches no Cognito pool.
      const resources = template.toJSON()['Resources'] as Resources;
      const accounts = logicalIdOf(stacks.api.areaFunctions.get('accounts') ?? stacks.api);
      expect([...grantedActionsOfFunction(resources, accounts)].filter((action) => action.startsWith('cognito-idp:'))).toEqual([]);
      expect((resources[accounts]?.Properties?.['Environment'] as { Variables: Record<string, unknown> }).Variables['IDENTITY_DIRECTORY']).toBe('external');
    } finally {
      dispose();
    }
  });
});
