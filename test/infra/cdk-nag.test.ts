/**
 * cdk-nag's AwsSolutions and Serverless packs over the whole app, as infra/app.ts builds it (bundling skipped): no
 * error may be left unacknowledged, and every acknowledgement sits on the construct it is about (never a stack or the
 * app) with a reason. Run for a global region and for a China region, whose console has no CloudFront web ACL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { addKamflowStacks } from '../../infra/kamflow-stacks.ts';
import { testAccount, testConsoleOrigin, testNotificationSubscribers } from './kamflow-test-app.ts';

interface Finding {
  readonly rule: string;
  readonly path: string;
  readonly severity: string;
}

function nagFindings(region: string): { errors: Finding[]; warnings: Finding[]; app: App } {
  const outdir = mkdtempSync(join(tmpdir(), 'kamflow-cdk-nag-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const subscribers = region.startsWith('cn-') ? { OPERATIONS: { ...testNotificationSubscribers.OPERATIONS, sms: [] } } : testNotificationSubscribers;
    // China has no Cognito user pools: an external OIDC provider signs people in there (deployment-settings.ts).
    const tokenIssuer = region.startsWith('cn-') ? { tokenIssuer: { issuer: 'https://idp.kamflow.example', clientId: 'kamflow-console' } } : {};
    addKamflowStacks(app, { env: { account: testAccount, region }, consoleOrigin: testConsoleOrigin, notificationSubscribers: subscribers, ...tokenIssuer });
    app.synth();
    const findings = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
      pack.validateScope(app).violations.flatMap((violation) =>
        violation.violatingResources.map((resource) => ({
          rule: violation.ruleName,
          path: (resource as { constructPath?: string }).constructPath ?? resource.resourceLogicalId ?? 'unknown',
          severity: violation.severity ?? 'error',
        })),
      ),
    );
    return { errors: findings.filter((finding) => finding.severity === 'error'), warnings: findings.filter((finding) => finding.severity !== 'error'), app };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function acknowledgementsIn(root: IConstruct): { path: string; construct: IConstruct; rules: Record<string, string> }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .map((entry) => ({ path: construct.node.path, construct, rules: entry.data as Record<string, string> })),
  );
}

describe.each(['ap-southeast-1', 'cn-northwest-1'])('cdk-nag over the whole app in %s', (region) => {
  it('finds no unacknowledged error of the AwsSolutions and Serverless packs', () => {
    const { errors, warnings, app } = nagFindings(region);
    expect(errors.map((finding) => `${finding.rule} at ${finding.path}`)).toEqual([]);
    // warnings are advice (geo restriction, MFA required ...); listed so a new one is seen in the test output
    console.info(`cdk-nag warnings in ${region}:\n${warnings.map((finding) => `  ${finding.rule} at ${finding.path}`).join('\n')}`);

    const acknowledgements = acknowledgementsIn(app);
    expect(acknowledgements.length).toBeGreaterThan(10);
    for (const { path, construct, rules } of acknowledgements) {
      // on the construct concerned, never blanket over a stack or the app
      expect(Stack.isStack(construct) || construct === app, path).toBe(false);
      // (aws-cdk-lib acknowledges some of its own CloudFormation validation rules; only the cdk-nag ones are KAMflow's)
      for (const [rule, reason] of Object.entries(rules).filter(([id]) => /^(annotation::)?(AwsSolutions|Serverless)-/i.test(id))) {
        expect(rule, path).toMatch(/^(annotation::)?(AwsSolutions|Serverless)-[A-Za-z0-9]+(\[.+\])?$/i);
        expect(reason.length, `${rule} at ${path}`).toBeGreaterThan(60);
      }
    }
  }, 120_000);
});

describe('the runtime acknowledgement of KAMflow functions', () => {
  it('is made only while functions run on an older Node.js than the newest aws-cdk-lib knows', async () => {
    const { Runtime, Function: LambdaFunction, Code } = await import('aws-cdk-lib/aws-lambda');
    const { acknowledgeFunctionFindings, newestNodeRuntime } = await import('../../infra/compliance/function-findings.ts');
    expect(newestNodeRuntime()).toMatch(/^nodejs\d+\.x$/);
    const stack = new Stack(new App(), 'RuntimeCheck');
    const acknowledgedRules = (runtime: InstanceType<typeof Runtime>) => {
      const fn = new LambdaFunction(stack, runtime.name, { runtime, handler: 'index.handler', code: Code.fromInline('export const handler = () => {}') });
      acknowledgeFunctionFindings(fn, runtime);
      return acknowledgementsIn(fn).flatMap((entry) => Object.keys(entry.rules));
    };
    const newest = Runtime.ALL.find((runtime) => runtime.name === newestNodeRuntime());
    expect(acknowledgedRules(newest!).some((rule) => /L1|LatestVersion/.test(rule))).toBe(false);
    expect(acknowledgedRules(Runtime.NODEJS_20_X).filter((rule) => /L1|LatestVersion/.test(rule))).toHaveLength(2);
  });
});
