/**
 * Roll-ups up the account hierarchy (group headquarters → provincial → city branches): an account's own monthly
 * billed revenue and open orders plus those of all its branches below it. Branches are found with Queries on the
 * branches index (level by level), open orders with a Query on each account's orders; no Scan. Only branches within
 * the caller's reach are counted, so the figures never reveal accounts the caller may not see.
 */
import { accountScopeOf, scopeCovers } from '../domain/people.ts';
import type { Principal } from '../domain/people.ts';
import { allChildrenOf } from '../data/accounts-repository.ts';
import type { AccountRecord } from '../data/entities/account.ts';
import { countOpenOrdersOfAccount } from '../data/orders-repository.ts';

export interface AccountRollup {
  /** Own plus every branch's monthly billed revenue (RMB). */
  readonly monthlyBilledRevenue: number;
  readonly openOrders: number;
  /** How many accounts the roll-up covers: the account itself and its branches in reach. */
  readonly accounts: number;
}

/** Deeper than any real group structure; guards against a cycle written before cycles were refused. */
const maxDepth = 10;

export async function rollupOf(principal: Principal, account: AccountRecord): Promise<AccountRollup> {
  const scope = accountScopeOf(principal);
  const covered: AccountRecord[] = [account];
  let level: AccountRecord[] = [account];
  for (let depth = 0; depth < maxDepth && level.length > 0; depth += 1) {
    const branches = (await Promise.all(level.map((parent) => allChildrenOf(parent.accountId)))).flat();
    level = branches.filter((branch) => scopeCovers(scope, branch));
    covered.push(...level);
  }
  const openOrders = await Promise.all(covered.map((member) => countOpenOrdersOfAccount(member.accountId)));
  return {
    monthlyBilledRevenue: covered.reduce((sum, member) => sum + member.monthlyBilledRevenue, 0),
    openOrders: openOrders.reduce((sum, count) => sum + count, 0),
    accounts: covered.length,
  };
}
