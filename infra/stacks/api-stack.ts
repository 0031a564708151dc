/**
 * The public REST API, built from functions/api/routes.ts: one resource per path template, one Lambda function per
 * route behind a proxy integration. Permissions follow what each route does, no more.
 */
import { CfnOutput, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  CognitoUserPoolsAuthorizer,
  Cors,
  EndpointType,
  IdentitySource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IAuthorizer, MethodOptions } from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { routes } from '../../functions/api/routes.ts';
import { apiThrottling } from '../../functions/api/throttling.ts';
import type { KamflowRoute } from '../../functions/api/routes.ts';
import { KamflowFunction } from '../constructs/kamflow-function.ts';
import { grantAlarmStateRead, grantSecretRead, grantTableAccess, grantUserPoolAdministration, grantWorkflowStart, grantWorkflowTaskResponse } from '../grants.ts';
import type { TableAccess } from '../grants.ts';
import { userPoolIssuer } from './auth-stack.ts';
import { orderFulfilmentStateMachineArn } from './workflow-stack.ts';

export type OperationId = KamflowRoute['operationId'];

export const apiStageName = 'prod';

/** Sent to browsers as Access-Control-Allow-Headers; matches what functions/commons/http.ts accepts. */
const corsAllowHeaders = ['content-type', 'authorization', 'idempotency-key'];

type WorkflowAccess = 'start-executions' | 'respond-to-waiting-tasks';

/**
 * What each route does to the order workflow. Routes not listed get no Step Functions permission at all.
 * Read from the services the handlers call: order-submission.ts starts executions; order-callbacks.ts completes,
 * fails or heartbeats the waiting task of a stage.
 */
const workflowAccessByRoute: Partial<Record<OperationId, WorkflowAccess>> = {
  createProductOrder: 'start-executions',
  recordCustomerAcceptance: 'respond-to-waiting-tasks',
  confirmNetworkBuild: 'respond-to-waiting-tasks',
  receiveProvisioningCallback: 'respond-to-waiting-tasks',
};

/** Routes that create people in the user pool or change their groups and enabled flag (services/user-administration.ts). */
const userPoolAdministrationRoutes: ReadonlySet<OperationId> = new Set<OperationId>(['createUser', 'updateUser']);

/** Routes that read the SLA alarms' states from CloudWatch (functions/services/alarm-states.ts). */
const readsAlarmStates: ReadonlySet<OperationId> = new Set<OperationId>(['listAlarmStates']);

/** Public routes (health, the OpenAPI document) carry no data; reads are GETs; everything else writes. */
function tableAccessFor(route: KamflowRoute): TableAccess {
  if (route.auth === 'public') return 'none';
  return route.method === 'GET' ? 'read' : 'read-write';
}

export interface ApiStackProps extends StackProps {
  readonly table: ITable;
  /** The admin console's origin (scheme and host), or `*` while it is not known. */
  readonly consoleOrigin: string;
  /**
   * The people's user pool (auth-stack.ts). This stack puts a Cognito authoriser built on it in front of every
   * `auth: 'user'` route. A pool, not an authoriser, because the authoriser belongs to this API: built in another stack
   * it would reference the API while the API's methods reference it.
   */
  readonly userPool: IUserPool;
  /** The console's app client: the audience (`aud`) of the ID tokens handlers accept. */
  readonly userPoolClient: IUserPoolClient;
}

export class ApiStack extends Stack {
  readonly restApi: RestApi;
  /** `https://{id}.execute-api.{region}.{suffix}/{stage}`, without a trailing slash. */
  readonly publicApiUrl: string;
  readonly routeFunctions: ReadonlyMap<OperationId, IFunction>;
  /** Provisioning systems sign their callbacks with this secret (HMAC); the callback route verifies them. */
  readonly provisioningSigningSecret: Secret;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    this.restApi = new RestApi(this, 'KamflowApi', {
      restApiName: 'kamflow',
      description: 'KAMflow: key accounts, TMF622 product orders and provisioning callbacks',
      endpointTypes: [EndpointType.REGIONAL],
      // Access logs need API Gateway's account-level CloudWatch role. Retained: other APIs in the account rely on it.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: apiStageName,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: MethodLoggingLevel.ERROR,
        // Request and response bodies would put account data and callback payloads into execution logs.
        dataTraceEnabled: false,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields({
          caller: false,
          httpMethod: true,
          ip: true,
          protocol: true,
          requestTime: true,
          resourcePath: true,
          responseLength: true,
          status: true,
          user: true,
        }),
        // The local API applies the same numbers (local/api-throttle.ts).
        throttlingRateLimit: apiThrottling.rateLimit,
        throttlingBurstLimit: apiThrottling.burstLimit,
      },
      defaultCorsPreflightOptions: {
        allowOrigins: [props.consoleOrigin],
        allowMethods: Cors.ALL_METHODS,
        allowHeaders: corsAllowHeaders,
      },
    });
    // Errors API Gateway answers itself (throttling, missing route, the authoriser's 401) must carry CORS headers too,
    // or the console sees an opaque network error instead of the status.
    for (const [id, type] of [['Default4xx', ResponseType.DEFAULT_4XX], ['Default5xx', ResponseType.DEFAULT_5XX]] as const) {
      this.restApi.addGatewayResponse(id, { type, responseHeaders: { 'Access-Control-Allow-Origin': `'${props.consoleOrigin}'` } });
    }

    // Built from the API's id rather than `restApi.url`: the stage depends on every method, every method on its
    // function, so a function whose environment named the stage would be a cycle.
    this.publicApiUrl = Fn.join('', ['https://', this.restApi.restApiId, '.execute-api.', this.region, '.', this.urlSuffix, `/${apiStageName}`]);

    this.provisioningSigningSecret = new Secret(this, 'ProvisioningSigningSecret', {
      description: 'KAMflow: shared secret provisioning systems sign activation callbacks with (HMAC-SHA256)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Provisioning systems are configured with it; a redeploy must not rotate it under them.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // With no OAuth scopes on the methods, API Gateway accepts ID tokens (not access tokens), as the handlers do.
    const userAuthoriser = new CognitoUserPoolsAuthorizer(this, 'UserAuthoriser', {
      authorizerName: 'kamflow-users',
      cognitoUserPools: [props.userPool],
      identitySource: IdentitySource.header('Authorization'),
    });
    // Handlers verify the token again (functions/services/authentication.ts): the same code runs locally, where no
    // API Gateway checked it. Every function is told, so a route that becomes a user route needs no infra change.
    const authEnvironment = { AUTH_ISSUER: userPoolIssuer(this, props.userPool), AUTH_CLIENT_ID: props.userPoolClient.userPoolClientId };

    const stateMachineArn = orderFulfilmentStateMachineArn(this);
    const routeFunctions = new Map<OperationId, IFunction>();
    for (const route of routes) {
      const workflowAccess = workflowAccessByRoute[route.operationId];
      const verifiesSignatures = route.auth === 'provisioning-system';
      const fn = new KamflowFunction(this, route.operationId, {
        entry: route.handler,
        description: `${route.method} ${route.path}: ${route.summary}`.slice(0, 256),
        kind: 'http',
        table: props.table,
        environment: {
          CORS_ALLOW_ORIGIN: props.consoleOrigin,
          PUBLIC_API_URL: this.publicApiUrl,
          ...authEnvironment,
          ...(workflowAccess === 'start-executions' ? { STATE_MACHINE_ARN: stateMachineArn } : {}),
          ...(verifiesSignatures ? { PROVISIONING_SECRET_ARN: this.provisioningSigningSecret.secretArn } : {}),
          ...(userPoolAdministrationRoutes.has(route.operationId) ? { USER_POOL_ID: props.userPool.userPoolId } : {}),
        },
      });
      if (userPoolAdministrationRoutes.has(route.operationId)) grantUserPoolAdministration(fn, props.userPool);
      grantTableAccess(fn, props.table, tableAccessFor(route));
      if (workflowAccess === 'start-executions') grantWorkflowStart(fn, stateMachineArn);
      if (workflowAccess === 'respond-to-waiting-tasks') grantWorkflowTaskResponse(fn, stateMachineArn);
      if (verifiesSignatures) grantSecretRead(fn, this.provisioningSigningSecret);
      if (readsAlarmStates.has(route.operationId)) grantAlarmStateRead(fn, `arn:${this.partition}:cloudwatch:${this.region}:${this.account}:alarm:`);

      this.restApi.root
        .resourceForPath(route.path)
        .addMethod(route.method, new LambdaIntegration(fn, { allowTestInvoke: false }), methodOptionsFor(route, userAuthoriser));
      routeFunctions.set(route.operationId, fn);
    }
    this.routeFunctions = routeFunctions;

    new CfnOutput(this, 'PublicApiUrl', { value: this.publicApiUrl });
    new CfnOutput(this, 'ProvisioningSigningSecretArn', { value: this.provisioningSigningSecret.secretArn });
  }
}

function methodOptionsFor(route: KamflowRoute, userAuthoriser: IAuthorizer): MethodOptions {
  const operationName = route.operationId;
  switch (route.auth) {
    case 'public':
      return { operationName };
    case 'provisioning-system':
      // API Gateway cannot check an HMAC over the body; the handler verifies the signature and refuses replays.
      return { operationName };
    case 'user':
      return { operationName, authorizer: userAuthoriser };
  }
}
