/**
 * The cdk-nag findings every KAMflow function shares, acknowledged on the function itself by the construct that makes
 * it (infra/constructs/kamflow-function.ts), so they hold however functions are grouped into stacks and areas.
 */
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { acknowledge } from './acknowledge.ts';

const executionRoleReason =
  "AWSLambdaBasicExecutionRole only lets the function create its log stream and write its own logs; KAMflow's own permissions are separate inline statements per function (infra/grants.ts).";
const xrayReason =
  'X-Ray tracing (Tracing.ACTIVE) adds xray:PutTraceSegments and xray:PutTelemetryRecords, which X-Ray only authorises on "*" (it has no resource-level permissions); every KAMflow grant names its resources.';
const deadLetterReason =
  'No KAMflow function is invoked asynchronously without its own failure path, so a Lambda dead-letter queue would stay empty: API Gateway and Step Functions invoke synchronously (the caller gets the error; the state machine retries and catches it), the table stream\'s event source mapping has an on-failure queue, and the minute schedules have a dead-letter queue on their EventBridge target while a failed run is redone by the next one. Errors are alarmed per function (kamflow-function-errors).';

/** The newest Node.js runtime this aws-cdk-lib knows, as cdk-nag judges it. */
export function newestNodeRuntime(): string {
  const versions = Runtime.ALL.map((runtime) => runtime.name)
    .filter((name) => /^nodejs\d+\.x$/.test(name))
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return versions[versions.length - 1] ?? '';
}

export function acknowledgeFunctionFindings(fn: IConstruct, runtime: Runtime): void {
  acknowledge(
    fn,
    { rule: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: executionRoleReason },
    { rule: 'AwsSolutions-IAM5[Resource::*]', reason: xrayReason },
    { rule: 'Serverless-LambdaDLQ', reason: deadLetterReason },
  );
  if (runtime.name !== newestNodeRuntime()) {
    const reason = `${runtime.name} is the Node.js the project is built and tested on until it moves to ${newestNodeRuntime()} with middy 7; once functions run on the newest runtime this acknowledgement is no longer made.`;
    acknowledge(fn, { rule: 'AwsSolutions-L1', reason }, { rule: 'Serverless-LambdaLatestVersion', reason });
  }
}
