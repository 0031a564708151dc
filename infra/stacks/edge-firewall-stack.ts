/**
 * The console's web ACL, in us-east-1 because CloudFront only takes web ACLs of scope CLOUDFRONT, which live there.
 * Deployed only when KAMFLOW_CONSOLE_WEB_ACL is unset outside China (infra/web-acl-settings.ts); the console stack
 * reads the ACL's ARN through CDK's cross-region references (an SSM parameter in us-east-1).
 */
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { KamflowWebAcl } from '../constructs/web-acl.ts';

export const edgeRegion = 'us-east-1';

export class EdgeFirewallStack extends Stack {
  readonly webAcl: KamflowWebAcl;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    this.webAcl = new KamflowWebAcl(this, 'ConsoleWebAcl', {
      scope: 'CLOUDFRONT',
      metricPrefix: 'kamflow-console',
      description: 'KAMflow console: common rule set, rate limit per source address',
      // The console is static files fetched once per visit; the limit only stops floods.
      everyRequest: { requestsPerFiveMinutes: 3000 },
    });
    new CfnOutput(this, 'ConsoleWebAclArn', { value: this.webAcl.arn });
  }
}
