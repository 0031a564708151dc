/**
 * A WAFv2 web ACL for KAMflow: AWS's managed common rule set (OWASP-style protections) and a rate limit per source
 * address over everything; optionally a much lower rate limit per source address on the paths that need no sign-in
 * (health, the OpenAPI document, provisioning callbacks), which otherwise share the whole API's throttle with signed-in
 * people. A REGIONAL ACL protects the API's stage; a CLOUDFRONT one (created in us-east-1 only) the console.
 *
 * Why WAF per source address rather than usage-plan API keys for the unauthenticated routes: a key would be one more
 * secret to give each provisioning system and rotate, and health checks and OpenAPI readers would need one too; the
 * callbacks are already authenticated by their HMAC signature. What is missing is a limit per caller, which a
 * rate-based rule gives without any change on the caller's side.
 */
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface RateLimit {
  /** Requests per source address in any 5-minute window before its requests are blocked. */
  readonly requestsPerFiveMinutes: number;
}

/** How a path is recognised: the stage name is part of the path WAF sees on a REGIONAL API, so match the ends. */
export interface UnauthenticatedPath {
  readonly match: 'ENDS_WITH' | 'CONTAINS' | 'STARTS_WITH';
  readonly value: string;
}

export interface KamflowWebAclProps {
  readonly scope: 'REGIONAL' | 'CLOUDFRONT';
  /** Names the ACL's CloudWatch metrics: `<prefix>-common`, `<prefix>-rate` ... */
  readonly metricPrefix: string;
  readonly description: string;
  readonly everyRequest: RateLimit;
  readonly unauthenticated?: { readonly paths: readonly UnauthenticatedPath[]; readonly limit: RateLimit } | undefined;
}

/** WAF evaluates rate-based rules over this window (seconds). */
const rateWindowSeconds = 300;

export class KamflowWebAcl extends Construct {
  readonly webAcl: CfnWebACL;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: KamflowWebAclProps) {
    super(scope, id);
    const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({ cloudWatchMetricsEnabled: true, metricName: `${props.metricPrefix}-${name}`, sampledRequestsEnabled: true });
    const block = { block: {} };
    const rules: CfnWebACL.RuleProperty[] = [];
    const unauthenticated = props.unauthenticated;
    if (unauthenticated && unauthenticated.paths.length > 0) {
      const pathStatements = unauthenticated.paths.map(
        (path): CfnWebACL.StatementProperty => ({
          byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: path.match, searchString: path.value, textTransformations: [{ priority: 0, type: 'NONE' }] },
        }),
      );
      rules.push({
        name: 'unauthenticated-paths-per-source',
        priority: 0,
        action: block,
        statement: {
          rateBasedStatement: {
            aggregateKeyType: 'IP',
            limit: unauthenticated.limit.requestsPerFiveMinutes,
            evaluationWindowSec: rateWindowSeconds,
            scopeDownStatement: pathStatements.length === 1 ? pathStatements[0] : { orStatement: { statements: pathStatements } },
          },
        },
        visibilityConfig: visibility('unauthenticated-rate'),
      });
    }
    rules.push(
      {
        name: 'every-request-per-source',
        priority: 1,
        action: block,
        statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: props.everyRequest.requestsPerFiveMinutes, evaluationWindowSec: rateWindowSeconds } },
        visibilityConfig: visibility('rate'),
      },
      {
        name: 'aws-common-rule-set',
        priority: 2,
        overrideAction: { none: {} },
        statement: {
          managedRuleGroupStatement: {
            vendorName: 'AWS',
            name: 'AWSManagedRulesCommonRuleSet',
            // Provisioning systems and scripts calling the API need not send a User-Agent; counted, not blocked.
            ruleActionOverrides: [{ name: 'NoUserAgent_HEADER', actionToUse: { count: {} } }],
          },
        },
        visibilityConfig: visibility('common'),
      },
    );
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: props.scope,
      description: props.description,
      defaultAction: { allow: {} },
      rules,
      visibilityConfig: visibility('all'),
    });
    this.arn = this.webAcl.attrArn;
  }
}
