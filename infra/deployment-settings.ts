/**
 * Where and how KAMflow is deployed, read from the environment so `cdk synth` works offline with no credentials.
 * - KAMFLOW_REGION, else CDK_DEFAULT_REGION (the CLI sets it from the AWS profile, us-east-1 when there is none),
 *   else ap-southeast-1. The account is the CLI's (CDK_DEFAULT_ACCOUNT) when it has credentials, else left to deploy.
 * - KAMFLOW_CONSOLE_ORIGIN: the console's origin for CORS, e.g. https://d111111abcdef8.cloudfront.net or a custom
 *   domain. The console stack comes after the API (its config.json needs the API URL), so the API cannot reference
 *   the CloudFront domain; until the origin is set, CORS allows any origin and synth warns.
 * - KAMFLOW_SKIP_BUNDLING=1: synthesise without running esbuild (the CLI refuses `-c aws:cdk:bundling-stacks=[]`).
 * - KAMFLOW_ALARM_<EMAILS|SMS|HTTPS>_<TOPIC>: who is told, per topic and channel (infra/notification-subscribers.ts).
 * - KAMFLOW_CONSOLE_WEB_ACL: the console's CloudFront web ACL (infra/web-acl-settings.ts).
 */
import type { KamflowDeployment } from './kamflow-stacks.ts';
import { notificationSubscribersFrom } from './notification-subscribers.ts';
import { consoleWebAclFrom } from './web-acl-settings.ts';

export const anyOrigin = '*';

export interface DeploymentSettings extends KamflowDeployment {
  readonly skipBundling: boolean;
}

type Environment = Readonly<Record<string, string | undefined>>;

export function deploymentSettingsFrom(environment: Environment): DeploymentSettings {
  const region = nonEmpty(environment['KAMFLOW_REGION']) ?? nonEmpty(environment['CDK_DEFAULT_REGION']) ?? 'ap-southeast-1';
  return {
    env: { account: nonEmpty(environment['CDK_DEFAULT_ACCOUNT']), region },
    consoleOrigin: consoleOriginFrom(environment['KAMFLOW_CONSOLE_ORIGIN']),
    skipBundling: environment['KAMFLOW_SKIP_BUNDLING'] === '1',
    notificationSubscribers: notificationSubscribersFrom(environment, region),
    consoleWebAcl: consoleWebAclFrom(environment['KAMFLOW_CONSOLE_WEB_ACL'], region),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function consoleOriginFrom(value: string | undefined): string {
  const origin = nonEmpty(value);
  if (origin === undefined) return anyOrigin;
  // An origin is scheme://host[:port]; with a path or a trailing slash it never equals the browser's Origin header.
  if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$|^http:\/\/localhost(:\d+)?$/i.test(origin)) {
    throw new Error(`KAMFLOW_CONSOLE_ORIGIN must be an origin such as https://console.example.com, got ${origin}`);
  }
  return origin;
}
