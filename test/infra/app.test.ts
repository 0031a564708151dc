import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from 'aws-cdk-lib';
import { anyOrigin, consoleOriginFrom, deploymentSettingsFrom } from '../../infra/deployment-settings.ts';
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

  it('deploys data and users first, the API before the workflow that needs its URL, then what watches and fronts them', () => {
    expect(dependencyNames(kamflow.data)).toEqual([]);
    expect(dependencyNames(kamflow.auth)).toEqual([]);
    expect(dependencyNames(kamflow.api)).toEqual(['KamflowAuth', 'KamflowData']);
    expect(dependencyNames(kamflow.workflow)).toEqual(['KamflowApi', 'KamflowData']);
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

  it('accepts a console origin and refuses anything the browser would never send as Origin', () => {
    expect(consoleOriginFrom('https://console.kamflow.example')).toBe('https://console.kamflow.example');
    expect(consoleOriginFrom('http://localhost:5173')).toBe('http://localhost:5173');
    expect(() => consoleOriginFrom('https://console.kamflow.example/')).toThrow(/KAMFLOW_CONSOLE_ORIGIN/);
    expect(() => consoleOriginFrom('console.kamflow.example')).toThrow(/KAMFLOW_CONSOLE_ORIGIN/);
    expect(() => consoleOriginFrom('http://console.kamflow.example')).toThrow(/KAMFLOW_CONSOLE_ORIGIN/);
  });
});
