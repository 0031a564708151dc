/**
 * Row-level reach (domain/people.ts AccountScope) turned into one Query: everyone, a unit, a team or one owner each
 * have their own index, and a person with no reach gets an empty page without a request. Every listing "within the
 * caller's reach" goes through here, so the mapping from scope to index is written once.
 */
import type { AccountScope } from '../domain/people.ts';
import type { Page } from './page.ts';

export interface ScopeQueryOptions {
  readonly order: 'asc' | 'desc';
  readonly limit: number;
  readonly cursor: string | null;
}

type QueryResult<T> = Promise<{ data: T[]; cursor: string | null }>;

/** The query of each scope, on the index that answers it. */
export interface ScopeQueries<T> {
  readonly all: (options: ScopeQueryOptions) => QueryResult<T>;
  readonly unit: (unitId: string, options: ScopeQueryOptions) => QueryResult<T>;
  readonly team: (supervisorId: string, options: ScopeQueryOptions) => QueryResult<T>;
  readonly owner: (userId: string, options: ScopeQueryOptions) => QueryResult<T>;
}

export async function queryInScope<T>(
  scope: AccountScope,
  page: { readonly limit: number; readonly cursor?: string | undefined; readonly order?: 'asc' | 'desc' },
  queries: ScopeQueries<T>,
): Promise<Page<T>> {
  const options: ScopeQueryOptions = { order: page.order ?? 'desc', limit: page.limit, cursor: page.cursor ?? null };
  const result = await resultFor(scope, options, queries);
  return { items: result.data, nextCursor: result.cursor ?? undefined };
}

function resultFor<T>(scope: AccountScope, options: ScopeQueryOptions, queries: ScopeQueries<T>): QueryResult<T> {
  switch (scope.kind) {
    case 'all':
      return queries.all(options);
    case 'unit':
      return queries.unit(scope.unitId, options);
    case 'team':
      return queries.team(scope.supervisorId, options);
    case 'owner':
      return queries.owner(scope.userId, options);
    case 'none':
      return Promise.resolve({ data: [], cursor: null });
  }
}
