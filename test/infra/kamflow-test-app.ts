/**
 * Builds every KAMflow stack the way infra/app.ts does, with esbuild bundling skipped (each function's asset points
 * at the repository instead of a bundle) and CDK's built-in CloudFormation validation off (`cdk synth` runs it), so a
 * test file synthesises in a second or two.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { CfnResource } from 'aws-cdk-lib';
import { addKamflowStacks } from '../../infra/kamflow-stacks.ts';
import type { KamflowDeployment, KamflowStacks } from '../../infra/kamflow-stacks.ts';
import type { AuthStack } from '../../infra/stacks/auth-stack.ts';
import { routes } from '../../functions/api/routes.ts';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

export const testAccount = '111111111111';
export const testRegion = 'ap-southeast-1';
export const testConsoleOrigin = 'https://console.kamflow.example';
const noOne = { emails: [], sms: [], https: [] };
export const testNotificationSubscribers = {
  OPERATIONS: { ...noOne, emails: ['noc@kamflow.example'], sms: ['+8613800138000'], https: ['https://pager.kamflow.example/hooks/operations'] },
  DEPARTMENT_HEADS: { ...noOne, emails: ['dept.north@kamflow.example', 'dept.south@kamflow.example'] },
  SLA_MANAGERS: { ...noOne, emails: ['sla.desk@kamflow.example'], https: ['https://chat.kamflow.example/hooks/sla'] },
  SLA_ESCALATIONS: { ...noOne, emails: ['escalations@kamflow.example'], sms: ['+8613900139000'] },
} as const;

export interface KamflowTestApp extends Omit<KamflowStacks, 'auth'> {
  /** The default test app signs people in with the auth stack's Cognito pool. */
  readonly auth: AuthStack;
  readonly app: App;
  /** The cloud assembly directory, where staged assets can be read back. */
  readonly outdir: string;
  readonly dispose: () => void;
}

export function buildKamflowTestApp(): KamflowTestApp {
  const { stacks, app, outdir, dispose } = synthesisableKamflowApp();
  const { auth } = stacks;
  if (!auth) throw new Error('the default test app has a Cognito auth stack');
  return { ...stacks, auth, app, outdir, dispose };
}

/**
 * The app with any deployment settings over the test defaults; `bundle: true` runs esbuild for every function (slow:
 * only the bundle-size test asks for it).
 */
export function synthesisableKamflowApp(settings: Partial<KamflowDeployment> & { readonly bundle?: boolean } = {}) {
  const { bundle = false, ...deployment } = settings;
  const outdir = mkdtempSync(join(tmpdir(), 'kamflow-cdk-test-'));
  const app = new App({
    outdir,
    ...(bundle ? {} : { context: { 'aws:cdk:bundling-stacks': [] } }),
    builtinCloudFormationValidation: false,
  });
  const stacks = addKamflowStacks(app, {
    env: { account: testAccount, region: testRegion },
    consoleOrigin: testConsoleOrigin,
    notificationSubscribers: testNotificationSubscribers,
    ...deployment,
  });
  return { stacks, app, outdir, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
}

/** The area function that serves a route. */
export function functionOfRoute(stacks: Pick<KamflowStacks, 'api'>, operationId: string): IFunction {
  const route = routes.find((candidate) => candidate.operationId === operationId);
  const fn = route ? stacks.api.areaFunctions.get(route.area) : undefined;
  if (!fn) throw new Error(`no function serves ${operationId}`);
  return fn;
}

/** The logical id a construct's CloudFormation resource has in its stack's template. */
export function logicalIdOf(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnResource);
}

export type TemplateResource = { readonly Type: string; readonly Properties?: Record<string, unknown>; readonly [key: string]: unknown };

export type IamStatement = { readonly Action: string | string[]; readonly Resource: unknown; readonly Effect: string };

export function actionsOf(statement: IamStatement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

type TemplateResources = Readonly<Record<string, TemplateResource>>;

/** Every IAM statement attached to the execution role of the function with this logical id. */
export function statementsOfFunction(resources: TemplateResources, functionLogicalId: string): IamStatement[] {
  const fn = resources[functionLogicalId];
  const role = (fn?.Properties?.['Role'] as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];
  if (!role) throw new Error(`${functionLogicalId} is not a function with a role in this template`);
  return Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy')
    .filter((policy) => (policy.Properties?.['Roles'] as { Ref?: string }[] | undefined)?.some((ref) => ref.Ref === role))
    .flatMap((policy) => (policy.Properties?.['PolicyDocument'] as { Statement: IamStatement[] }).Statement);
}

export function grantedActionsOfFunction(resources: TemplateResources, functionLogicalId: string): Set<string> {
  return new Set(statementsOfFunction(resources, functionLogicalId).flatMap(actionsOf));
}
