/**
 * Where and how KAMflow is deployed, read from the environment so `cdk synth` works offline with no credentials.
 * Every setting is described in the README ("Deploy to AWS").
 * - KAMFLOW_STAGE: names the stacks (KamflowQaApi…) and prefixes the few names that must be unique, so several
 *   stages live in one account and region. Unset: the default stage, stacks named KamflowApi and so on.
 * - KAMFLOW_REGION, else CDK_DEFAULT_REGION (the CLI sets it from the AWS profile, us-east-1 when there is none),
 *   else ap-southeast-1. Any region of any partition: cn-north-1 and cn-northwest-1 deploy to aws-cn. The account is
 *   the CLI's (CDK_DEFAULT_ACCOUNT) when it has credentials, else left to deploy.
 * - KAMFLOW_CONSOLE_ORIGIN: the console's origin for CORS, e.g. https://d111111abcdef8.cloudfront.net or a custom
 *   domain. The console stack comes after the API (its config.json needs the API URL), so the API cannot reference
 *   the CloudFront domain; until the origin is set, CORS allows any origin and synth warns.
 * - KAMFLOW_AUTH_ISSUER, KAMFLOW_AUTH_CLIENT_ID, optionally KAMFLOW_AUTH_JWKS_URL and KAMFLOW_AUTH_USERNAME_CLAIM: an
 *   external OIDC provider signs the ID tokens instead of a Cognito user pool (required where user pools do not
 *   exist, as in the China regions). No auth stack and no API Gateway authoriser then; the handlers verify tokens.
 * - KAMFLOW_CONSOLE_DOMAIN with KAMFLOW_CONSOLE_CERTIFICATE_ARN (ACM, us-east-1) or KAMFLOW_CONSOLE_IAM_CERTIFICATE_ID
 *   (IAM server certificate, China): the console's own domain on CloudFront.
 * - KAMFLOW_SOURCE_MAPS=1: ship source maps and load them (--enable-source-maps): readable stack traces at the price of
 *   slower cold starts.
 * - KAMFLOW_SKIP_BUNDLING=1: synthesise without running esbuild (the CLI refuses `-c aws:cdk:bundling-stacks=[]`).
 * - KAMFLOW_ALARM_<EMAILS|SMS|HTTPS>_<TOPIC>: who is told, per topic and channel (infra/notification-subscribers.ts).
 * - KAMFLOW_CONSOLE_WEB_ACL: the console's CloudFront web ACL (infra/web-acl-settings.ts).
 */
import type { ConsoleDomain, ExternalTokenIssuer, KamflowDeployment } from './kamflow-stacks.ts';
import { notificationSubscribersFrom } from './notification-subscribers.ts';
import { consoleWebAclFrom } from './web-acl-settings.ts';

export const anyOrigin = '*';

export interface DeploymentSettings extends KamflowDeployment {
  readonly skipBundling: boolean;
}

type Environment = Readonly<Record<string, string | undefined>>;

export function deploymentSettingsFrom(environment: Environment): DeploymentSettings {
  const region = nonEmpty(environment['KAMFLOW_REGION']) ?? nonEmpty(environment['CDK_DEFAULT_REGION']) ?? 'ap-southeast-1';
  const stage = nonEmpty(environment['KAMFLOW_STAGE']);
  const tokenIssuer = tokenIssuerFrom(environment);
  const consoleDomain = consoleDomainFrom(environment);
  return {
    env: { account: nonEmpty(environment['CDK_DEFAULT_ACCOUNT']), region },
    ...(stage ? { stage } : {}),
    consoleOrigin: consoleOriginFrom(environment['KAMFLOW_CONSOLE_ORIGIN']),
    ...(tokenIssuer ? { tokenIssuer } : {}),
    ...(consoleDomain ? { consoleDomain } : {}),
    ...(environment['KAMFLOW_SOURCE_MAPS'] === '1' ? { sourceMaps: true } : {}),
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

export function tokenIssuerFrom(environment: Environment): ExternalTokenIssuer | undefined {
  const issuer = nonEmpty(environment['KAMFLOW_AUTH_ISSUER']);
  const clientId = nonEmpty(environment['KAMFLOW_AUTH_CLIENT_ID']);
  const jwksUrl = nonEmpty(environment['KAMFLOW_AUTH_JWKS_URL']);
  const usernameClaim = nonEmpty(environment['KAMFLOW_AUTH_USERNAME_CLAIM']);
  if (issuer === undefined) {
    if (clientId ?? jwksUrl ?? usernameClaim) throw new Error('KAMFLOW_AUTH_CLIENT_ID, _JWKS_URL and _USERNAME_CLAIM need KAMFLOW_AUTH_ISSUER');
    return undefined;
  }
  if (!/^https:\/\/\S+$/.test(issuer)) throw new Error(`KAMFLOW_AUTH_ISSUER must be an https URL, got ${issuer}`);
  if (clientId === undefined) throw new Error('KAMFLOW_AUTH_ISSUER needs KAMFLOW_AUTH_CLIENT_ID: the audience (aud) of the ID tokens the console gets');
  if (jwksUrl !== undefined && !/^https:\/\/\S+$/.test(jwksUrl)) throw new Error(`KAMFLOW_AUTH_JWKS_URL must be an https URL, got ${jwksUrl}`);
  return { issuer: issuer.replace(/\/$/, ''), clientId, ...(jwksUrl ? { jwksUrl } : {}), ...(usernameClaim ? { usernameClaim } : {}) };
}

export function consoleDomainFrom(environment: Environment): ConsoleDomain | undefined {
  const domainName = nonEmpty(environment['KAMFLOW_CONSOLE_DOMAIN']);
  const acmCertificateArn = nonEmpty(environment['KAMFLOW_CONSOLE_CERTIFICATE_ARN']);
  const iamCertificateId = nonEmpty(environment['KAMFLOW_CONSOLE_IAM_CERTIFICATE_ID']);
  if (domainName === undefined) {
    if (acmCertificateArn ?? iamCertificateId) throw new Error('a console certificate needs KAMFLOW_CONSOLE_DOMAIN');
    return undefined;
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domainName)) throw new Error(`KAMFLOW_CONSOLE_DOMAIN must be a lowercase host name, got ${domainName}`);
  if ((acmCertificateArn === undefined) === (iamCertificateId === undefined)) {
    throw new Error('KAMFLOW_CONSOLE_DOMAIN needs exactly one of KAMFLOW_CONSOLE_CERTIFICATE_ARN (ACM in us-east-1) and KAMFLOW_CONSOLE_IAM_CERTIFICATE_ID (China)');
  }
  return { domainName, certificate: acmCertificateArn ? { acmCertificateArn } : { iamCertificateId: iamCertificateId ?? '' } };
}
