/**
 * Which WAF web ACL protects the console's CloudFront distribution: KAMFLOW_CONSOLE_WEB_ACL.
 * - unset: KAMflow creates one in the stack KamflowEdgeFirewall, in us-east-1 (CloudFront only accepts web ACLs of
 *   scope CLOUDFRONT, which exist only there); the console stack reads its ARN through CDK's cross-region references.
 *   In the China regions AWS WAF protects regional resources only (no CLOUDFRONT scope), so there the default is none.
 * - an ARN (`arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`): an existing CLOUDFRONT web ACL, e.g. the
 *   organisation's shared one; nothing is created in us-east-1.
 * - `none`: no web ACL on the console (it serves static files only; the API keeps its own regional web ACL).
 */
import { isChinaRegion } from './notification-subscribers.ts';

export type ConsoleWebAcl = { readonly kind: 'created' } | { readonly kind: 'existing'; readonly arn: string } | { readonly kind: 'none' };

const cloudFrontWebAclArn = /^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\/[A-Za-z0-9_-]{1,128}\/[0-9a-f-]{36}$/;

export function consoleWebAclFrom(value: string | undefined, region: string): ConsoleWebAcl {
  const setting = value?.trim() ?? '';
  if (setting === '') return isChinaRegion(region) ? { kind: 'none' } : { kind: 'created' };
  if (setting === 'none') return { kind: 'none' };
  if (isChinaRegion(region)) {
    throw new Error(`KAMFLOW_CONSOLE_WEB_ACL: AWS WAF in the China regions protects regional resources only, not CloudFront; leave it unset or set it to none (got ${setting})`);
  }
  if (!cloudFrontWebAclArn.test(setting)) {
    throw new Error(`KAMFLOW_CONSOLE_WEB_ACL must be none or the ARN of a CLOUDFRONT web ACL (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>), got ${setting}`);
  }
  return { kind: 'existing', arn: setting };
}
