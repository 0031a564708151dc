/**
 * Finished stage attempts by finish time within a row-level scope: one Query on the index that answers the scope
 * (all / unit / team / owner), with the window as a range on the sort key. No Scan, no filtering in memory.
 */
import type { AccountScope } from '../domain/people.ts';
import { StageOutcomeEntity } from './entities/stage-outcome.ts';
import type { StageOutcomeRecord } from './entities/stage-outcome.ts';

/** finishedAt in [fromInstant, toInstant). */
export async function listStageOutcomesInScope(scope: AccountScope, window: { fromInstant: string; toInstant: string }): Promise<StageOutcomeRecord[]> {
  const from = { finishedAt: window.fromInstant };
  // The sort key continues after finishedAt (order, stage, attempt), so the upper bound is the instant just before `to`.
  const to = { finishedAt: `${new Date(Date.parse(window.toInstant) - 1).toISOString()}\uffff` };
  const options = { pages: 'all' as const };
  switch (scope.kind) {
    case 'all':
      return (await StageOutcomeEntity.query.allFinished({}).between(from, to).go(options)).data;
    case 'unit':
      return (await StageOutcomeEntity.query.finishedByUnit({ unitId: scope.unitId }).between(from, to).go(options)).data;
    case 'team':
      return (await StageOutcomeEntity.query.finishedByTeam({ supervisorId: scope.supervisorId }).between(from, to).go(options)).data;
    case 'owner':
      return (await StageOutcomeEntity.query.finishedByOwner({ accountManager: scope.userId }).between(from, to).go(options)).data;
    case 'none':
      return [];
  }
}
