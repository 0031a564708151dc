/**
 * The API's regional web ACL, associated with its stage: the common rule set, a rate limit per source address over
 * every request, and a lower one per source address on the routes that need no sign-in, read from the route table
 * (functions/api/routes.ts), so a new public or provisioning route is covered without an infra change.
 */
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { routes } from '../../functions/api/routes.ts';
import type { KamflowRoute } from '../../functions/api/routes.ts';
import { KamflowWebAcl } from './web-acl.ts';
import type { RateLimit, UnauthenticatedPath } from './web-acl.ts';

/** 10 requests a second from one address, sustained over 5 minutes: far above a person using the console. */
export const apiRateLimit: RateLimit = { requestsPerFiveMinutes: 3000 };
/** One request a second from one address: health probes, OpenAPI readers and a provisioning system's callbacks. */
export const unauthenticatedRateLimit: RateLimit = { requestsPerFiveMinutes: 300 };

/**
 * The paths of the routes that need no sign-in. WAF sees the stage in the path (`/prod/health`), so a fixed path is
 * matched at its end and a templated one by its fixed beginning (`/provisioning/v1/orders/`) anywhere in the path.
 */
export function unauthenticatedPaths(table: readonly Pick<KamflowRoute, 'auth' | 'path'>[] = routes): UnauthenticatedPath[] {
  const paths = table
    .filter((route) => route.auth !== 'user')
    .map((route): UnauthenticatedPath => {
      const firstParameter = route.path.indexOf('{');
      return firstParameter < 0 ? { match: 'ENDS_WITH', value: route.path } : { match: 'CONTAINS', value: route.path.slice(0, firstParameter) };
    });
  const unique = new Map(paths.map((path) => [`${path.match} ${path.value}`, path]));
  return [...unique.values()];
}

export interface ApiFirewallProps {
  readonly stage: Stage;
}

export class ApiFirewall extends Construct {
  readonly webAcl: KamflowWebAcl;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    this.webAcl = new KamflowWebAcl(this, 'WebAcl', {
      scope: 'REGIONAL',
      metricPrefix: 'kamflow-api',
      description: 'KAMflow API: common rule set, rate limits per source address',
      everyRequest: apiRateLimit,
      unauthenticated: { paths: unauthenticatedPaths(), limit: unauthenticatedRateLimit },
    });
    new CfnWebACLAssociation(this, 'StageAssociation', { resourceArn: props.stage.stageArn, webAclArn: this.webAcl.arn });
  }
}
