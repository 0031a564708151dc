/**
 * Puts the console's CloudFront distribution behind the web ACL the deployment asks for (infra/web-acl-settings.ts):
 * one KAMflow creates in us-east-1 (stack KamflowEdgeFirewall), an existing one, or none.
 */
import type { App, Environment } from 'aws-cdk-lib';
import type { ConsoleStack } from './stacks/console-stack.ts';
import { EdgeFirewallStack, edgeRegion } from './stacks/edge-firewall-stack.ts';
import type { ConsoleWebAcl } from './web-acl-settings.ts';

/** The console stack must be built with this, since CDK fixes cross-region references when a stack is created. */
export function consoleNeedsCrossRegionReferences(webAcl: ConsoleWebAcl): boolean {
  return webAcl.kind === 'created';
}

export function protectConsole(app: App, console: ConsoleStack, webAcl: ConsoleWebAcl, env: Environment): EdgeFirewallStack | undefined {
  switch (webAcl.kind) {
    case 'none':
      return undefined;
    case 'existing':
      console.distribution.attachWebAclId(webAcl.arn);
      return undefined;
    case 'created': {
      const edge = new EdgeFirewallStack(app, 'KamflowEdgeFirewall', {
        env: { account: env.account, region: edgeRegion },
        description: "KAMflow: the console's CloudFront web ACL (us-east-1)",
      });
      console.distribution.attachWebAclId(edge.webAcl.arn);
      console.addStackDependency(edge, 'the distribution is associated with its web ACL');
      return edge;
    }
  }
}
