/** Key accounts (大客户): the vocabulary shared by the API, the data layer and the console. */
export const industrySegments = [
  'FINANCE',
  'GOVERNMENT',
  'SCIENCE_EDUCATION_CULTURE_HEALTH',
  'TRANSPORT',
  'PUBLIC_UTILITIES',
  'CARRIERS',
  'TRADE',
  'MANUFACTURING',
  'IT',
  'TOURISM_ENTERTAINMENT',
] as const;
export type IndustrySegment = (typeof industrySegments)[number];

/** Owning level: 集团客户 / 省级 / 本地网. */
export const accountTiers = ['GROUP', 'PROVINCIAL', 'LOCAL'] as const;
export type AccountTier = (typeof accountTiers)[number];

/** What the tiering rule may conclude: one of the tiers, or that the customer is not (or no longer) a key account. */
export const tierOutcomes = [...accountTiers, 'NOT_KEY_ACCOUNT'] as const;
export type TierOutcome = (typeof tierOutcomes)[number];

export const accountStatuses = ['PROSPECT', 'ACTIVE', 'DORMANT', 'CHURNED'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

/** Contacts of an account (决策人, 影响人, 技术, 账务, 现场). */
export const contactRoles = ['DECISION_MAKER', 'INFLUENCER', 'TECHNICAL', 'BILLING', 'SITE_CONTACT'] as const;

/** Accounts that may place orders. */
export function canPlaceOrders(status: AccountStatus): boolean {
  return status === 'ACTIVE' || status === 'PROSPECT';
}
