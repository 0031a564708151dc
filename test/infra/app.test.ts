import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from 'aws-cdk-lib';
import { anyOrigin, consoleDomainFrom, consoleOriginFrom, deploymentSettingsFrom, tokenIssuerFrom } from '../../infra/deployment-settings.ts';
import { stageNamesFor } from '../../infra/stage-names.ts';
import { buildKamflowTestApp } from './kamflow-test-app.ts';
import type { KamflowTestApp } from './kamflow-test-app.ts';

const dependencyNames = (stack: Stack): string[] => stack.dependencies.map((dependency) => dependency.stackName).sort();

describe('the KAMflow app', () => {
  let kamflow: KamflowTestApp;

  beforeAll(() => {
    // CloudFormation validation of the templates is left to `cdk synth` (npm run synth), which runs it anyway and
    // would add several seconds here.
    kamflow = buildKamflowTestApp();
    kamflow.app.synth();
  }, 60_000);
  afterAll(() => kamflow?.dispose());

  it('names every stack Kamflow…', () => {
    expect([kamflow.data, kamflow.auth, kamflow.api, kamflow.workflow, kamflow.observability, kamflow.console].map((stack) => stack.stackName)).toEqual([
      'KamflowData',
      'KamflowAuth',
      'KamflowApi',
      'KamflowWorkflow',
      'KamflowObservability',
      'KamflowConsole',
    ]);
  });

  it('deploys data and users first, the workflow before the API that starts it, then what watches and fronts them', () => {
    expect(dependencyNames(kamflow.data)).toEqual([]);
    expect(dependencyNames(kamflow.auth)).toEqual([]);
    expect(dependencyNames(kamflow.workflow)).toEqual(['KamflowData']);
    expect(dependencyNames(kamflow.api)).toEqual(['KamflowAuth', 'KamflowData', 'KamflowWorkflow']);
    expect(dependencyNames(kamflow.observability)).toEqual(['KamflowApi', 'KamflowData', 'KamflowEvents', 'KamflowSla', 'KamflowWorkflow']);
    expect(dependencyNames(kamflow.events)).toEqual(['KamflowData']);
    expect(dependencyNames(kamflow.sla)).toEqual(['KamflowData']);
    expect(dependencyNames(kamflow.console)).toEqual(['KamflowApi', 'KamflowAuth', 'KamflowEdgeFirewall']);
  });
});

describe('deployment settings', () => {
  it('synthesises offline with no AWS settings at all', () => {
    expect(deploymentSettingsFrom({})).toEqual({ env: { account: undefined, region: 'ap-southeast-1' }, consoleOrigin: anyOrigin, skipBundling: false, notificationSubscribers: {}, consoleWebAcl: { kind: 'created' } });
  });

  it('prefers KAMFLOW_REGION over the CLI default region', () => {
    expect(deploymentSettingsFrom({ KAMFLOW_REGION: 'eu-west-1', CDK_DEFAULT_REGION: 'us-east-1' }).env.region).toBe('eu-west-1');
    expect(deploymentSettingsFrom({ CDK_DEFAULT_REGION: 'us-east-1', CDK_DEFAULT_ACCOUNT: '222222222222' }).env).toEqual({ account: '222222222222', region: 'us-east-1' });
  });

  it('skips bundling only when asked to with KAMFLOW_SKIP_BUNDLING=1', () => {
    expect(deploymentSettingsFrom({ KAMFLOW_SKIP_BUNDLING: '1' }).skipBundling).toBe(true);
    expect(deploymentSettingsFrom({ KAMFLOW_SKIP_BUNDLING: 'true' }).skipBundling).toBe(false);
  });

  it('names the stacks and the stage-unique names after KAMFLOW_STAGE, and refuses a stage that cannot be in a name', () => {
    expect(deploymentSettingsFrom({ KAMFLOW_STAGE: 'qa' }).stage).toBe('qa');
    expect(stageNamesFor(undefined)).toEqual({ stage: undefined, stackPrefix: 'Kamflow', resourcePrefix: '', publicApiUrlParameterName: '/Kamflow/public-api-url' });
    expect(stageNamesFor('load-test')).toEqual({ stage: 'load-test', stackPrefix: 'KamflowLoadTest', resourcePrefix: 'load-test-', publicApiUrlParameterName: '/KamflowLoadTest/public-api-url' });
    expect(() => stageNamesFor('QA')).toThrow(/KAMFLOW_STAGE/);
    expect(() => stageNamesFor('qa_1')).toThrow(/KAMFLOW_STAGE/);
  });

  it('reads an external OIDC provider, with its client and optional keys URL and user claim', () => {
    expect(tokenIssuerFrom({})).toBeUndefined();
    expect(tokenIssuerFrom({ KAMFLOW_AUTH_ISSUER: 'https://login.example.cn/realms/kamflow/', KAMFLOW_AUTH_CLIENT_ID: 'console' })).toEqual({ issuer: 'https://login.example.cn/realms/kamflow', clientId: 'console' });
    expect(tokenIssuerFrom({ KAMFLOW_AUTH_ISSUER: 'https://login.example.cn', KAMFLOW_AUTH_CLIENT_ID: 'c', KAMFLOW_AUTH_JWKS_URL: 'https://login.example.cn/keys', KAMFLOW_AUTH_USERNAME_CLAIM: 'sub' })).toEqual({
      issuer: 'https://login.example.cn',
      clientId: 'c',
      jwksUrl: 'https://login.example.cn/keys',
      usernameClaim: 'sub',
    });
    expect(() => tokenIssuerFrom({ KAMFLOW_AUTH_ISSUER: 'https://login.example.cn' })).toThrow(/KAMFLOW_AUTH_CLIENT_ID/);
    expect(() => tokenIssuerFrom({ KAMFLOW_AUTH_ISSUER: 'http://login.example.cn', KAMFLOW_AUTH_CLIENT_ID: 'c' })).toThrow(/https/);
    expect(() => tokenIssuerFrom({ KAMFLOW_AUTH_CLIENT_ID: 'c' })).toThrow(/KAMFLOW_AUTH_ISSUER/);
  });

  it('reads the console domain with exactly one certificate: ACM, or an IAM server certificate for China', () => {
    expect(consoleDomainFrom({})).toBeUndefined();
    expect(consoleDomainFrom({ KAMFLOW_CONSOLE_DOMAIN: 'console.kamflow.example', KAMFLOW_CONSOLE_CERTIFICATE_ARN: 'arn:aws:acm:us-east-1:111111111111:certificate/abc' })).toEqual({
      domainName: 'console.kamflow.example',
      certificate: { acmCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc' },
    });
    expect(consoleDomainFrom({ KAMFLOW_CONSOLE_DOMAIN: 'console.kamflow.example.cn', KAMFLOW_CONSOLE_IAM_CERTIFICATE_ID: 'ASCAEXAMPLE' })?.certificate).toEqual({ iamCertificateId: 'ASCAEXAMPLE' });
    expect(() => consoleDomainFrom({ KAMFLOW_CONSOLE_DOMAIN: 'console.kamflow.example' })).toThrow(/exactly one/);
    expect(() => consoleDomainFrom({ KAMFLOW_CONSOLE_CERTIFICATE_ARN: 'arn:aws:acm:us-east-1:111111111111:certificate/abc' })).toThrow(/KAMFLOW_CONSOLE_DOMAIN/);
  });

  it('turns source maps on only when asked to with KAMFLOW_SOURCE_MAPS=1', () => {
    expect(deploymentSettingsFrom({}).sourceMaps).toBeUndefined();
    expect(deploymentSettingsFrom({ KAMFLOW_SOURCE_MAPS: '1' }).sourceMaps).toBe(true);
  });

  it('accepts a console origin and refuses anything the browser would never send as Origin', () => {
    expect(consoleOriginFrom('https://console.kamflow.example')).toBe('https://console.kamflow.example');
    expect(consoleOriginFrom('http://localhost:5173')).toBe('http://localhost:5173');
    expect(() => consoleOriginFrom('https://console.kamflow.example/')).toThrow(/KAMFLOW_CONSOLE_ORIGIN/);
    expect(() => consoleOriginFrom('console.kamflow.example')).toThrow(/KAMFLOW_CONSOLE_ORIGIN/);
    expect(() => consoleOriginFrom('http://console.kamflow.example')).toThrow(/KAMFLOW_CONSOLE_ORIGIN/);
  });
});
