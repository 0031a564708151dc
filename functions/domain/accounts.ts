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

export const accountStatuses = ['PROSPECT', 'ACTIVE', 'DORMANT', 'CHURNED'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

/** Accounts that may place orders. */
export function canPlaceOrders(status: AccountStatus): boolean {
  return status === 'ACTIVE' || status === 'PROSPECT';
}
