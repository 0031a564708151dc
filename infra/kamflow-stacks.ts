/**
 * KAMflow's stacks and how they depend on each other. app.ts calls this with the deployment's settings; the infra
 * tests call it with bundling skipped, so both build exactly the same thing.
 */
import { Tags, Token } from 'aws-cdk-lib';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { App, Environment } from 'aws-cdk-lib';
import type { RouteDefinition } from '../functions/api/routes.ts';
import { routes as routeTable } from '../functions/api/routes.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { AuthStack } from './stacks/auth-stack.ts';
import { ConsoleStack } from './stacks/console-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { ObservabilityStack } from './stacks/observability-stack.ts';
import { WorkflowStack } from './stacks/workflow-stack.ts';
import { SlaStack } from './stacks/sla-stack.ts';
import { EventsStack } from './stacks/events-stack.ts';
import type { NotificationSubscribers } from './notification-subscribers.ts';
import { monitoredResourcesOf } from './monitored-resources.ts';
import { ApiFirewall } from './constructs/api-firewall.ts';
import { consoleNeedsCrossRegionReferences, protectConsole } from './console-firewall.ts';
import type { EdgeFirewallStack } from './stacks/edge-firewall-stack.ts';
import { consoleWebAclFrom } from './web-acl-settings.ts';
import { acknowledgeKamflowFindings } from './compliance/kamflow-findings.ts';
import type { ConsoleWebAcl } from './web-acl-settings.ts';
import { sourceMapsContextKey } from './constructs/kamflow-function.ts';
import { stageNamesFor } from './stage-names.ts';
import type { StageNames } from './stage-names.ts';
import type { TokenIssuer } from './token-issuer.ts';

/** An OIDC provider other than Cognito signs the people's ID tokens (see deployment-settings.ts). */
export interface ExternalTokenIssuer {
  readonly issuer: string;
  /** The console's client id at the provider: the `aud` of its ID tokens. */
  readonly clientId: string;
  /** Where the signing keys are; default `${issuer}/.well-known/jwks.json`. */
  readonly jwksUrl?: string;
  /** The claim holding the KAMflow user id; default `preferred_username`. */
  readonly usernameClaim?: string;
}

/** The console's own domain on CloudFront, with an ACM certificate (us-east-1) or, in China, an IAM server certificate. */
export interface ConsoleDomain {
  readonly domainName: string;
  readonly certificate: { readonly acmCertificateArn: string } | { readonly iamCertificateId: string };
}

export interface KamflowDeployment {
  readonly env: Environment;
  /** Names the stacks and prefixes the names that must be unique (stage-names.ts); unset for the default stage. */
  readonly stage?: string | undefined;
  /** The console's origin for CORS, or `*` until it is known (see app.ts). */
  readonly consoleOrigin: string;
  /** Who is told through each SNS topic (email, SMS, HTTPS). */
  readonly notificationSubscribers?: NotificationSubscribers | undefined;
  /** The console's CloudFront web ACL; by default one created in us-east-1 (none in China, where WAF is regional). */
  readonly consoleWebAcl?: ConsoleWebAcl | undefined;
  /** Tokens from this OIDC provider instead of a Cognito user pool (no auth stack is built then). */
  readonly tokenIssuer?: ExternalTokenIssuer | undefined;
  readonly consoleDomain?: ConsoleDomain | undefined;
  /** Ship and load source maps (slower cold starts, readable stack traces). */
  readonly sourceMaps?: boolean | undefined;
  /** The route table the API is built from; the infra tests pass a longer one to check the stacks have room to grow. */
  readonly routes?: readonly RouteDefinition[] | undefined;
}

export interface KamflowStacks {
  readonly names: StageNames;
  readonly data: DataStack;
  /** Absent when an external OIDC provider signs the tokens. */
  readonly auth: AuthStack | undefined;
  readonly api: ApiStack;
  readonly workflow: WorkflowStack;
  readonly observability: ObservabilityStack;
  readonly console: ConsoleStack;
  readonly sla: SlaStack;
  readonly events: EventsStack;
  /** The console's web ACL in us-east-1, when KAMflow creates it. */
  readonly edgeFirewall: EdgeFirewallStack | undefined;
}

export function addKamflowStacks(app: App, deployment: KamflowDeployment): KamflowStacks {
  const { env } = deployment;
  const names = stageNamesFor(deployment.stage);
  const id = (concern: string) => `${names.stackPrefix}${concern}`;
  if (deployment.sourceMaps) app.node.setContext(sourceMapsContextKey, true);
  const region = env.region;
  if (region !== undefined && !Token.isUnresolved(region) && RegionInfo.get(region).partition === 'aws-cn' && !deployment.tokenIssuer) {
    throw new Error(`Cognito user pools do not exist in ${region}: set KAMFLOW_AUTH_ISSUER and KAMFLOW_AUTH_CLIENT_ID to the OIDC provider that signs people in (see the README, "Deploy to AWS")`);
  }
  const consoleWebAcl = deployment.consoleWebAcl ?? consoleWebAclFrom(undefined, region ?? '');

  const data = new DataStack(app, id('Data'), { env, description: 'KAMflow: the single DynamoDB table' });

  // Before the API and the console, which both name the pool and its client; it needs nothing from either (no hosted
  // UI, so no callback URLs pointing back at the console).
  const auth = deployment.tokenIssuer
    ? undefined
    : new AuthStack(app, id('Auth'), { env, description: "KAMflow: Cognito user pool, a group per role, the console's client" });
  const tokenIssuer: TokenIssuer = auth
    ? { kind: 'cognito', userPool: auth.userPool, userPoolClient: auth.consoleClient }
    : { kind: 'external', ...(deployment.tokenIssuer as ExternalTokenIssuer) };

  // Before the API, which starts its executions and answers its waiting tasks (a reference to the state machine). The
  // workflow needs the API's public URL only at run time, for callback URLs: it reads it from the SSM parameter the
  // API stack writes, whose name both derive from the stage, so no reference points back.
  const workflow = new WorkflowStack(app, id('Workflow'), {
    env,
    description: 'KAMflow: order fulfilment state machine, its task functions, the provisioning event bus',
    table: data.table,
    publicApiUrlParameterName: names.publicApiUrlParameterName,
  });
  workflow.addStackDependency(data, 'task functions read and write the table');

  const api = new ApiStack(app, id('Api'), {
    env,
    description: 'KAMflow: REST API, one function per area of the route table',
    table: data.table,
    routes: deployment.routes ?? routeTable,
    consoleOrigin: deployment.consoleOrigin,
    tokenIssuer,
    stateMachine: workflow.stateMachine,
    publicApiUrlParameterName: names.publicApiUrlParameterName,
    alarmNamePrefix: names.resourcePrefix,
  });
  new ApiFirewall(api, 'Firewall', { stage: api.restApi.deploymentStage });
  api.addStackDependency(data, 'area functions read and write the table');
  if (auth) api.addStackDependency(auth, 'the authoriser checks tokens of the user pool; handlers verify its issuer and client');
  api.addStackDependency(workflow, 'order routes start executions and answer waiting tasks');

  const console = new ConsoleStack(app, id('Console'), {
    env,
    description: 'KAMflow: admin console on S3 and CloudFront',
    publicApiUrl: api.publicApiUrl,
    tokenIssuer,
    domain: deployment.consoleDomain,
    crossRegionReferences: consoleNeedsCrossRegionReferences(consoleWebAcl),
  });
  const edgeFirewall = protectConsole(app, console, consoleWebAcl, env);
  console.addStackDependency(api, "config.json carries the API's URL");
  if (auth) console.addStackDependency(auth, "config.json carries the user pool and the console's client");

  const sla = new SlaStack(app, id('Sla'), { env, description: 'KAMflow: SLA sweep every minute, escalation notifications bus and topic', table: data.table, escalationSubscribers: deployment.notificationSubscribers?.SLA_ESCALATIONS });
  sla.addStackDependency(data, 'the sweep reads and writes the table');

  Tags.of(app).add('application', 'kamflow');
  if (names.stage) Tags.of(app).add('kamflow:stage', names.stage);
  const events = new EventsStack(app, id('Events'), { env, description: 'KAMflow: order events from the table stream to hub subscribers and the orders bus', table: data.table });
  events.addStackDependency(data, 'the dispatcher reads the table stream');

  // Last: it watches every other stack (functions, rules, queues, the API, the state machine), so it refers to them
  // and nothing refers to it.
  const observability = new ObservabilityStack(app, id('Observability'), {
    env,
    description: 'KAMflow: dashboard, SLA and operator alarms, their topics',
    restApi: api.restApi,
    stateMachine: workflow.stateMachine,
    monitored: monitoredResourcesOf({ table: data.table, api, workflow, sla, events }),
    subscribers: deployment.notificationSubscribers,
    alarmNamePrefix: names.resourcePrefix,
  });
  for (const watched of [data, api, workflow, sla, events]) observability.addStackDependency(watched, 'watches its resources');

  const stacks = { names, data, auth, api, workflow, observability, console, sla, events, edgeFirewall };
  acknowledgeKamflowFindings(stacks);
  return stacks;
}
