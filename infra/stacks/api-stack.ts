/**
 * The public REST API, built from functions/api/routes.ts: one Lambda function per area (bounded context) of the route
 * table, each dispatching to its routes' handlers, and API Gateway defined by an OpenAPI body generated from the same
 * table (infra/api-definition.ts). The stack holds a handful of resources per area, not per route, so the table can
 * grow. Permissions follow what each area's routes do, no more.
 */
import { Aws, CfnOutput, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AccessLogFormat, ApiDefinition, EndpointType, LogGroupLogDestination, MethodLoggingLevel, SpecRestApi } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { KamflowRoute, RouteDefinition } from '../../functions/api/routes.ts';
import { apiAreaEntry, apiAreaNames, apiAreas } from '../../functions/api/api-areas.ts';
import type { ApiArea } from '../../functions/api/api-areas.ts';
import { buildApiDefinition } from '../api-definition.ts';
import { apiThrottling } from '../../functions/api/throttling.ts';
import { KamflowFunction } from '../constructs/kamflow-function.ts';
import { grantAlarmStateRead, grantSecretRead, grantTableAccess, grantUserPoolAdministration, grantWorkflowStart, grantWorkflowTaskResponse } from '../grants.ts';
import type { TableAccess } from '../grants.ts';
import { tokenVerificationEnvironment } from '../token-issuer.ts';
import type { TokenIssuer } from '../token-issuer.ts';

export type OperationId = KamflowRoute['operationId'];

export const apiStageName = 'prod';

/** Sent to browsers as Access-Control-Allow-Headers; matches what functions/handlers/http-handler.ts accepts. */
const corsAllowHeaders = ['content-type', 'authorization', 'idempotency-key'];

type WorkflowAccess = 'start-executions' | 'respond-to-waiting-tasks';

/**
 * What each route does to the order workflow. Routes not listed need no Step Functions permission at all.
 * Read from the services the handlers call: order-submission.ts starts executions; order-callbacks.ts completes,
 * fails or heartbeats the waiting task of a stage.
 */
const workflowAccessByRoute: Partial<Record<string, WorkflowAccess>> = {
  createProductOrder: 'start-executions',
  recordCustomerAcceptance: 'respond-to-waiting-tasks',
  confirmNetworkBuild: 'respond-to-waiting-tasks',
  receiveProvisioningCallback: 'respond-to-waiting-tasks',
} satisfies Partial<Record<OperationId, WorkflowAccess>>;

/** Routes that create people in the user pool or change their groups and enabled flag (services/user-administration.ts). */
const userPoolAdministrationRoutes: ReadonlySet<string> = new Set<OperationId>(['createUser', 'updateUser']);

/** Routes that read the SLA alarms' states from CloudWatch (functions/services/alarm-states.ts). */
const readsAlarmStates: ReadonlySet<string> = new Set<OperationId>(['listAlarmStates']);

/** Public routes (health, the OpenAPI document) carry no data; reads are GETs; everything else writes. */
function tableAccessFor(route: RouteDefinition): TableAccess {
  if (route.auth === 'public') return 'none';
  return route.method === 'GET' ? 'read' : 'read-write';
}

const tableAccessRank: Record<TableAccess, number> = { none: 0, read: 1, 'read-write': 2 };

/** What an area's function may do: the union of what its routes need. */
export interface AreaNeeds {
  readonly tableAccess: TableAccess;
  readonly startsExecutions: boolean;
  readonly respondsToWaitingTasks: boolean;
  readonly verifiesSignatures: boolean;
  readonly administersUserPool: boolean;
  readonly readsAlarmStates: boolean;
}

export function areaNeeds(routes: readonly RouteDefinition[]): AreaNeeds {
  return {
    tableAccess: routes.map(tableAccessFor).reduce<TableAccess>((widest, access) => (tableAccessRank[access] > tableAccessRank[widest] ? access : widest), 'none'),
    startsExecutions: routes.some((route) => workflowAccessByRoute[route.operationId] === 'start-executions'),
    respondsToWaitingTasks: routes.some((route) => workflowAccessByRoute[route.operationId] === 'respond-to-waiting-tasks'),
    verifiesSignatures: routes.some((route) => route.auth === 'provisioning-system'),
    administersUserPool: routes.some((route) => userPoolAdministrationRoutes.has(route.operationId)),
    readsAlarmStates: routes.some((route) => readsAlarmStates.has(route.operationId)),
  };
}

export interface ApiStackProps extends StackProps {
  readonly table: ITable;
  /** The route table; the infra tests pass a longer one. */
  readonly routes: readonly RouteDefinition[];
  /** The admin console's origin (scheme and host), or `*` while it is not known. */
  readonly consoleOrigin: string;
  /**
   * Who signs ID tokens. With the auth stack's user pool, a Cognito authoriser built on it stands in front of every
   * `auth: 'user'` route (built here: it belongs to this API, whose definition names it); with an external issuer,
   * only the handlers check tokens.
   */
  readonly tokenIssuer: TokenIssuer;
  /** The order fulfilment workflow (workflow-stack.ts), deployed before this stack. */
  readonly stateMachine: IStateMachine;
  /** This stack writes the public API URL there for the workflow, which is deployed before it (stage-names.ts). */
  readonly publicApiUrlParameterName: string;
  /** The stage's prefix of the SLA alarms' names, so the alarm states route reads this stage's alarms. */
  readonly alarmNamePrefix: string;
}

export class ApiStack extends Stack {
  readonly restApi: SpecRestApi;
  /** `https://{id}.execute-api.{region}.{suffix}/{stage}`, without a trailing slash. */
  readonly publicApiUrl: string;
  readonly areaFunctions: ReadonlyMap<ApiArea, IFunction>;
  /** Provisioning systems sign their callbacks with this secret (HMAC); the callback route verifies them. */
  readonly provisioningSigningSecret: Secret;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    this.provisioningSigningSecret = new Secret(this, 'ProvisioningSigningSecret', {
      description: 'KAMflow: shared secret provisioning systems sign activation callbacks with (HMAC-SHA256)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Provisioning systems are configured with it; a redeploy must not rotate it under them.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Handlers verify the token again (functions/services/authentication.ts): the same code runs locally, where no
    // API Gateway checked it, and with an external issuer nothing else does. Every area function is told, so a route
    // that becomes a user route needs no infra change.
    const authEnvironment = tokenVerificationEnvironment(this, props.tokenIssuer);
    const stateMachineArn = props.stateMachine.stateMachineArn;
    const alarmArnPrefix = `arn:${this.partition}:cloudwatch:${this.region}:${this.account}:alarm:`;

    const areaFunctions = new Map<ApiArea, KamflowFunction>();
    for (const area of apiAreaNames) {
      const areaRoutes = props.routes.filter((route) => route.area === area);
      if (areaRoutes.length === 0) continue;
      const needs = areaNeeds(areaRoutes);
      const fn = new KamflowFunction(this, areaFunctionId(area), {
        entry: apiAreaEntry(area),
        description: `KAMflow API, ${area}: ${apiAreas[area]}`.slice(0, 256),
        kind: 'http',
        table: props.table,
        environment: {
          CORS_ALLOW_ORIGIN: props.consoleOrigin,
          ...authEnvironment,
          ...(needs.startsExecutions ? { STATE_MACHINE_ARN: stateMachineArn } : {}),
          ...(needs.verifiesSignatures ? { PROVISIONING_SECRET_ARN: this.provisioningSigningSecret.secretArn } : {}),
          ...(needs.administersUserPool
            ? props.tokenIssuer.kind === 'cognito'
              ? { USER_POOL_ID: props.tokenIssuer.userPool.userPoolId }
              : { IDENTITY_DIRECTORY: 'external' }
            : {}),
          ...(needs.readsAlarmStates ? { ALARM_NAME_PREFIX: props.alarmNamePrefix } : {}),
        },
      });
      grantTableAccess(fn, props.table, needs.tableAccess);
      if (needs.startsExecutions) grantWorkflowStart(fn, stateMachineArn);
      if (needs.respondsToWaitingTasks) grantWorkflowTaskResponse(fn, stateMachineArn);
      if (needs.verifiesSignatures) grantSecretRead(fn, this.provisioningSigningSecret);
      if (needs.administersUserPool && props.tokenIssuer.kind === 'cognito') grantUserPoolAdministration(fn, props.tokenIssuer.userPool);
      if (needs.readsAlarmStates) grantAlarmStateRead(fn, alarmArnPrefix, props.alarmNamePrefix);
      areaFunctions.set(area, fn);
    }
    this.areaFunctions = areaFunctions;

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    const definition = buildApiDefinition({
      title: `KAMflow (${this.stackName})`,
      description: 'KAMflow: key accounts, TMF622 product orders and provisioning callbacks',
      routes: props.routes,
      integrationUriOf: (area) => lambdaIntegrationUri(areaFunctionOf(areaFunctions, area)),
      userPoolArn: props.tokenIssuer.kind === 'cognito' ? props.tokenIssuer.userPool.userPoolArn : undefined,
      corsOrigin: props.consoleOrigin,
      corsAllowHeaders,
    });
    this.restApi = new SpecRestApi(this, 'KamflowApi', {
      apiDefinition: ApiDefinition.fromInline(definition),
      // The stack's name, so each stage's API has its own ApiName dimension in CloudWatch.
      restApiName: this.stackName,
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
    });

    // One permission per area function, for any method and path of this API: the function itself answers a route it
    // does not serve as API Gateway would (functions/api/area-router.ts).
    for (const fn of areaFunctions.values()) {
      fn.addPermission('ApiGatewayInvoke', {
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: this.restApi.arnForExecuteApi('*', '/*', '*'),
      });
    }

    this.publicApiUrl = Fn.join('', ['https://', this.restApi.restApiId, '.execute-api.', this.region, '.', this.urlSuffix, `/${apiStageName}`]);
    // For the workflow's callback URLs (see kamflow-stacks.ts) and whoever else needs the URL without a reference.
    new StringParameter(this, 'PublicApiUrlParameter', {
      parameterName: props.publicApiUrlParameterName,
      description: 'KAMflow: base URL of the public API, read by the workflow for callback URLs',
      stringValue: this.publicApiUrl,
    });

    new CfnOutput(this, 'PublicApiUrl', { value: this.publicApiUrl });
    new CfnOutput(this, 'ProvisioningSigningSecretArn', { value: this.provisioningSigningSecret.secretArn });
  }
}

/** `accounts` → `AccountsArea`, `event-hub` → `EventHubArea`: the function's construct id. */
export function areaFunctionId(area: ApiArea): string {
  return `${area
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}Area`;
}

function areaFunctionOf(functions: ReadonlyMap<ApiArea, IFunction>, area: ApiArea): IFunction {
  const fn = functions.get(area);
  if (!fn) throw new Error(`a route names area ${area}, which has no function`);
  return fn;
}

/** API Gateway's address of a Lambda function's invocations, in this stack's partition and region. */
function lambdaIntegrationUri(fn: IFunction): string {
  return `arn:${Aws.PARTITION}:apigateway:${Aws.REGION}:lambda:path/2015-03-31/functions/${fn.functionArn}/invocations`;
}
