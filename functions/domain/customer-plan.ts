/**
 * 客户发展计划: a yearly revenue target with actions (owner, due date, status) and a resource plan. Progress is
 * measured from what billing has charged: one-off charges started in the year and monthly charges for every month
 * (or part month) of the year a circuit has been billed, up to today.
 */
export const planActionStatuses = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;
export type PlanActionStatus = (typeof planActionStatuses)[number];

export interface BilledCircuit {
  readonly oneOffCharge: number;
  readonly monthlyCharge: number;
  /** YYYY-MM-DD, the acceptance date billing runs from. */
  readonly chargesFrom: string;
}

/** Months (whole or started) of `year` during which a circuit billed from `chargesFrom` was billed, up to `today`. */
export function billedMonthsInYear(chargesFrom: string, year: number, today: string): number {
  const start = chargesFrom > `${year}-01-01` ? chargesFrom : `${year}-01-01`;
  const end = today < `${year}-12-31` ? today : `${year}-12-31`;
  if (start > end) return 0;
  const [startYear, startMonth] = start.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = end.split('-').map(Number) as [number, number];
  return (endYear - startYear) * 12 + (endMonth - startMonth) + 1;
}

export function billedRevenueInYear(circuits: readonly BilledCircuit[], year: number, today: string): number {
  return circuits.reduce((total, circuit) => {
    const oneOff = circuit.chargesFrom.startsWith(`${year}-`) && circuit.chargesFrom <= today ? circuit.oneOffCharge : 0;
    return total + oneOff + circuit.monthlyCharge * billedMonthsInYear(circuit.chargesFrom, year, today);
  }, 0);
}

export function planProgress(revenueTarget: number, billed: number): { billedRevenue: number; percentOfTarget: number } {
  return { billedRevenue: billed, percentOfTarget: revenueTarget > 0 ? Math.round((billed / revenueTarget) * 1000) / 10 : 0 };
}
