/**
 * The cdk-nag findings of KAMflow's stacks that are accepted rather than fixed, each on the construct it concerns and
 * with its reason. Shared function findings are acknowledged where functions are made (function-findings.ts); dead-
 * letter queues where they are made (acknowledge.ts). test/infra/cdk-nag.test.ts fails on anything not covered.
 */
import { Stack } from 'aws-cdk-lib';
import type { CfnResource } from 'aws-cdk-lib';
import { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { RestApiBase } from 'aws-cdk-lib/aws-apigateway';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { rules } from 'cdk-nag';
import { routes } from '../../functions/api/routes.ts';
import type { KamflowStacks } from '../kamflow-stacks.ts';
import { acknowledge } from './acknowledge.ts';

const publicRouteReasons = {
  public: 'A public route by design (liveness and the OpenAPI document carry no data): it is rate-limited per source address by the API web ACL.',
  'provisioning-system':
    'Provisioning systems are not Cognito users: the handler verifies an HMAC-SHA256 signature over method, path, timestamp, nonce and body and refuses replays (API Gateway cannot check a body signature). Rate-limited per source address by the API web ACL.',
} as const;

/**
 * Health, the OpenAPI document and provisioning callbacks need no Cognito token, as the route table declares. An API
 * built from an OpenAPI body has no method resources, and so nothing to acknowledge here.
 */
function acknowledgeUnauthenticatedMethods(restApi: RestApiBase): void {
  if (!(restApi instanceof RestApi)) return;
  for (const method of restApi.methods) {
    const route = routes.find((entry) => entry.path === method.resource.path && entry.method === method.httpMethod);
    if (!route || route.auth === 'user') continue;
    const reason = publicRouteReasons[route.auth];
    acknowledge(method, { rule: 'AwsSolutions-APIG4', reason }, { rule: 'AwsSolutions-COG4', reason });
  }
}

/** CDK's own deploy-time handler: its runtime, managed policy and S3 wildcards are aws-cdk-lib's to choose. */
function acknowledgeCdkProvidedFunction(fn: LambdaFunction, what: string): void {
  const reason = `${what}, provided and configured by aws-cdk-lib and run by CloudFormation at deploy time only, never by a user or an event.`;
  const policy = fn.role?.node.tryFindChild('DefaultPolicy')?.node.defaultChild;
  const wildcardFindings = policy instanceof CfnPolicy ? rules.iam.IAMNoWildcardPermissions(policy as CfnResource) : [];
  acknowledge(
    fn,
    { rule: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason },
    { rule: 'AwsSolutions-L1', reason },
    { rule: 'Serverless-LambdaLatestVersion', reason },
    { rule: 'Serverless-LambdaDLQ', reason: `${reason} CloudFormation waits for its answer; there is nothing asynchronous to dead-letter.` },
    ...(Array.isArray(wildcardFindings) ? wildcardFindings.map((finding) => ({ rule: `AwsSolutions-IAM5[${finding}]`, reason: `${reason} It copies the console build into the console bucket.` })) : []),
  );
}

export function acknowledgeKamflowFindings(stacks: KamflowStacks): void {
  const { api, auth, console } = stacks;

  acknowledge(api.restApi, {
    rule: 'AwsSolutions-APIG2',
    reason: "Requests are validated by the handlers with the zod schemas the OpenAPI document is generated from (the same code runs locally, where no API Gateway does); a bad request is a 400 naming the field. API Gateway's validator would need the same models a second time.",
  });
  acknowledge(api.restApi, {
    rule: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    reason: "API Gateway's account-level role for writing access and execution logs; AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents for it and covers logs only.",
  });
  acknowledgeUnauthenticatedMethods(api.restApi);
  acknowledge(api.provisioningSigningSecret, {
    rule: 'AwsSolutions-SMG4',
    reason: 'The HMAC secret is shared with external provisioning systems, which are configured with it; rotating it automatically would break their callbacks. It is rotated by arrangement with them (a new secret, then the old one retired).',
  });

  acknowledge(stacks.workflow.stateMachine, {
    rule: 'AwsSolutions-IAM5[Resource::*]',
    reason: "X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) and log delivery to the execution log (logs:*LogDelivery, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) are only authorised on \"*\" (no resource-level permissions); the state machine's Lambda invocations name each task function.",
  });

  if (auth) acknowledge(auth.userPool, {
    rule: 'AwsSolutions-COG8',
    reason: "Threat protection needs the Plus plan, billed per monthly active user; KAMflow's users are a few hundred staff created by administrators, with a 12-character password policy and TOTP MFA, and no self sign-up.",
  });

  acknowledge(console.distribution, {
    rule: 'AwsSolutions-CFR4',
    reason: "The console is served on CloudFront's default *.cloudfront.net certificate, for which CloudFront fixes the minimum protocol; a TLSv1.2_2021 minimum needs a custom domain with its own certificate, which the deployment's custom-domain setting provides.",
  });
  for (const child of Stack.of(console).node.children) {
    if (child instanceof LambdaFunction && child.node.id.startsWith('Custom::CDKBucketDeployment')) acknowledgeCdkProvidedFunction(child, "CDK's BucketDeployment handler");
  }
}
