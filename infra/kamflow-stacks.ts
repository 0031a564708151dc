/**
 * KAMflow's stacks and how they depend on each other. app.ts calls this with the deployment's settings; the infra
 * tests call it with bundling skipped, so both build exactly the same thing.
 */
import { Tags } from 'aws-cdk-lib';
import type { App, Environment } from 'aws-cdk-lib';
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

export interface KamflowDeployment {
  readonly env: Environment;
  /** The console's origin for CORS, or `*` until it is known (see app.ts). */
  readonly consoleOrigin: string;
  /** Who is told through each SNS topic (email, SMS, HTTPS). */
  readonly notificationSubscribers?: NotificationSubscribers | undefined;
  /** The console's CloudFront web ACL; by default one created in us-east-1 (none in China, where WAF is regional). */
  readonly consoleWebAcl?: ConsoleWebAcl | undefined;
}

export interface KamflowStacks {
  readonly data: DataStack;
  readonly auth: AuthStack;
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
  const consoleWebAcl = deployment.consoleWebAcl ?? consoleWebAclFrom(undefined, env.region ?? '');

  const data = new DataStack(app, 'KamflowData', { env, description: 'KAMflow: the single DynamoDB table' });

  // Before the API and the console, which both name the pool and its client; it needs nothing from either (no hosted
  // UI, so no callback URLs pointing back at the console).
  const auth = new AuthStack(app, 'KamflowAuth', { env, description: "KAMflow: Cognito user pool, a group per role, the console's client" });

  const api = new ApiStack(app, 'KamflowApi', {
    env,
    description: 'KAMflow: REST API, one function per route',
    table: data.table,
    consoleOrigin: deployment.consoleOrigin,
    userPool: auth.userPool,
    userPoolClient: auth.consoleClient,
  });
  new ApiFirewall(api, 'Firewall', { stage: api.restApi.deploymentStage });
  api.addStackDependency(data, 'route functions read and write the table');
  api.addStackDependency(auth, 'the authoriser checks tokens of the user pool; handlers verify its issuer and client');

  // The workflow comes after the API although the API starts it: the API addresses the state machine by its fixed
  // name (no reference), while activation requests must carry the API's URL, which only exists once the API does.
  const workflow = new WorkflowStack(app, 'KamflowWorkflow', {
    env,
    description: 'KAMflow: order fulfilment state machine, its task functions, the provisioning event bus',
    table: data.table,
    publicApiUrl: api.publicApiUrl,
  });
  workflow.addStackDependency(data, 'task functions read and write the table');
  workflow.addStackDependency(api, 'activation requests carry the public API URL for callbacks');

  const console = new ConsoleStack(app, 'KamflowConsole', {
    env,
    description: 'KAMflow: admin console on S3 and CloudFront',
    publicApiUrl: api.publicApiUrl,
    userPool: auth.userPool,
    userPoolClient: auth.consoleClient,
    crossRegionReferences: consoleNeedsCrossRegionReferences(consoleWebAcl),
  });
  const edgeFirewall = protectConsole(app, console, consoleWebAcl, env);
  console.addStackDependency(api, "config.json carries the API's URL");
  console.addStackDependency(auth, "config.json carries the user pool and the console's client");

  const sla = new SlaStack(app, 'KamflowSla', { env, description: 'KAMflow: SLA sweep every minute, escalation notifications bus and topic', table: data.table, escalationSubscribers: deployment.notificationSubscribers?.SLA_ESCALATIONS });
  sla.addStackDependency(data, 'the sweep reads and writes the table');

  Tags.of(app).add('application', 'kamflow');
  const events = new EventsStack(app, 'KamflowEvents', { env, description: 'KAMflow: order events from the table stream to hub subscribers and the orders bus', table: data.table });
  events.addStackDependency(data, 'the dispatcher reads the table stream');

  // Last: it watches every other stack (functions, rules, queues, the API, the state machine), so it refers to them
  // and nothing refers to it.
  const observability = new ObservabilityStack(app, 'KamflowObservability', {
    env,
    description: 'KAMflow: dashboard, SLA and operator alarms, their topics',
    restApi: api.restApi,
    stateMachine: workflow.stateMachine,
    monitored: monitoredResourcesOf({ table: data.table, api, workflow, sla, events }),
    subscribers: deployment.notificationSubscribers,
  });
  for (const watched of [data, api, workflow, sla, events]) observability.addStackDependency(watched, 'watches its resources');

  const stacks = { data, auth, api, workflow, observability, console, sla, events, edgeFirewall };
  acknowledgeKamflowFindings(stacks);
  return stacks;
}
