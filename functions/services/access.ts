/**
 * Row-level access: a person reaches an account (and its orders) only inside their scope. Outside it, the account
 * answers as if it did not exist (404), so existence does not leak.
 */
import { NotFoundError } from '../commons/errors.ts';
import { logger } from '../commons/observability.ts';
import { accountScopeOf, scopeCovers } from '../domain/people.ts';
import type { AccountOwnership, Principal } from '../domain/people.ts';

export function assertCovers(principal: Principal, resource: AccountOwnership, kind: 'account' | 'order', id: string): void {
  if (scopeCovers(accountScopeOf(principal), resource)) return;
  logger.warn('access refused', { kind, id, userId: principal.userId });
  throw new NotFoundError(kind, id);
}
