/**
 * SLA clock throughput: due times of ~1-year budgets (250 working days) from random starts on the national calendar,
 * computed by the clock (per-day prefix sums, O(1) per due time) and, in the same run and on the same spans, by the
 * baselines a straightforward implementation would use: walk day by day from the start, look each local date up in the
 * holiday and make-up-day tables (like chinese-days' isWorkday), and subtract each working day's hours from the budget;
 * and, to isolate what the prefix sums buy, the same walk over the calendar's precomputed per-day working flags (no
 * date strings). All must give the same due times; the bench counts disagreements.
 *
 * `node --import tsx bench/sla-clock.ts` prints it alone; `benchSlaClock()` returns the lines for `npm run bench`.
 */
import { pathToFileURL } from 'node:url';
import { buildNationalCalendar } from '../functions/domain/business-calendar.ts';
import type { BusinessCalendar } from '../functions/domain/business-calendar.ts';
import { dueTime, elapsedWorkingTime, workingTimeOf } from '../functions/domain/sla-clock.ts';

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;
const ONE_YEAR_OF_WORKING_DAYS = 250;

/** Deterministic starts (mulberry32) so runs compare; spread over 2004–2024 so the year-long budget stays published. */
function randomStarts(count: number, seed = 20_260_224): Date[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const from = Date.UTC(2004, 0, 1);
  const to = Date.UTC(2025, 0, 1);
  return Array.from({ length: count }, () => new Date(from + Math.floor(next() * (to - from))));
}

/** The day-by-day baseline: date strings looked up in holiday / make-up tables, one day per iteration. */
function naiveDueTime(calendar: BusinessCalendar): (start: Date, budgetMs: number) => Date {
  const holidays = new Set<string>();
  const makeUpWorkingDays = new Set<string>();
  for (const year of calendar.definition.publishedYears) {
    for (const holiday of year.holidays) holidays.add(holiday.date);
    for (const makeUp of year.makeUpWorkingDays) makeUpWorkingDays.add(makeUp.date);
  }
  const offset = calendar.timeZone.utcOffsetMinutes * MS_PER_MINUTE;
  const intervals = calendar.workingIntervals.map(({ start, end }) => {
    const [sh, sm] = start.split(':').map(Number) as [number, number];
    const [eh, em] = end.split(':').map(Number) as [number, number];
    return [(sh * 60 + sm) * MS_PER_MINUTE, (eh * 60 + em) * MS_PER_MINUTE] as const;
  });
  return (start, budgetMs) => {
    let remaining = budgetMs;
    const startLocal = start.getTime() + offset;
    for (let dayStart = Math.floor(startLocal / MS_PER_DAY) * MS_PER_DAY; ; dayStart += MS_PER_DAY) {
      const day = new Date(dayStart);
      const date = day.toISOString().slice(0, 10);
      const weekday = day.getUTCDay();
      const working = makeUpWorkingDays.has(date) || (weekday !== 0 && weekday !== 6 && !holidays.has(date));
      if (!working) continue;
      for (const [from, to] of intervals) {
        const usableFrom = Math.max(dayStart + from, startLocal);
        const usableTo = dayStart + to;
        if (usableTo <= usableFrom) continue;
        if (usableTo - usableFrom >= remaining) return new Date(usableFrom + remaining - offset);
        remaining -= usableTo - usableFrom;
      }
    }
  };
}

/** The day-by-day baseline without date strings: the calendar's own per-day working flags, still one day per step. */
function dayFlagWalkDueTime(calendar: BusinessCalendar): (start: Date, budgetMs: number) => Date {
  const { firstDay, isWorking } = calendar.index;
  const offset = calendar.timeZone.utcOffsetMinutes * MS_PER_MINUTE;
  const intervals = calendar.workingIntervals.map(({ start, end }) => {
    const [sh, sm] = start.split(':').map(Number) as [number, number];
    const [eh, em] = end.split(':').map(Number) as [number, number];
    return [(sh * 60 + sm) * MS_PER_MINUTE, (eh * 60 + em) * MS_PER_MINUTE] as const;
  });
  return (start, budgetMs) => {
    let remaining = budgetMs;
    const startLocal = start.getTime() + offset;
    for (let dayNumber = Math.floor(startLocal / MS_PER_DAY); ; dayNumber++) {
      if (isWorking[dayNumber - firstDay] !== 1) continue;
      const dayStart = dayNumber * MS_PER_DAY;
      for (const [from, to] of intervals) {
        const usableFrom = Math.max(dayStart + from, startLocal);
        const usableTo = dayStart + to;
        if (usableTo <= usableFrom) continue;
        if (usableTo - usableFrom >= remaining) return new Date(usableFrom + remaining - offset);
        remaining -= usableTo - usableFrom;
      }
    }
  };
}

function ratePerSecond(work: () => void, iterations: number): number {
  const started = performance.now();
  work();
  return iterations / ((performance.now() - started) / 1000);
}

export async function benchSlaClock(): Promise<string> {
  const calendar = buildNationalCalendar();
  const budget = { workingDays: ONE_YEAR_OF_WORKING_DAYS };
  const budgetMs = workingTimeOf(budget, calendar);
  const naive = naiveDueTime(calendar);
  const flagWalk = dayFlagWalkDueTime(calendar);
  const starts = randomStarts(20_000);
  const naiveStarts = starts.slice(0, 2_000);

  // Same answers first: a fast clock that disagrees with the obvious walk is not worth timing.
  let mismatches = 0;
  for (const start of naiveStarts) {
    const due = dueTime(start, budget, calendar).getTime();
    if (due !== naive(start, budgetMs).getTime() || due !== flagWalk(start, budgetMs).getTime()) mismatches++;
  }
  const spanDays = naiveStarts.reduce((sum, start) => sum + (dueTime(start, budget, calendar).getTime() - start.getTime()) / MS_PER_DAY, 0) / naiveStarts.length;

  // Warm both paths up before measuring.
  for (const start of starts.slice(0, 2_000)) dueTime(start, budget, calendar);
  for (const start of naiveStarts.slice(0, 200)) naive(start, budgetMs);
  for (const start of naiveStarts) flagWalk(start, budgetMs);

  let sink = 0;
  const rounds = 10;
  const clockRate = ratePerSecond(() => {
    for (let round = 0; round < rounds; round++) for (const start of starts) sink += dueTime(start, budget, calendar).getTime() & 1;
  }, starts.length * rounds);
  const naiveRate = ratePerSecond(() => {
    for (const start of naiveStarts) sink += naive(start, budgetMs).getTime() & 1;
  }, naiveStarts.length);
  const flagWalkRate = ratePerSecond(() => {
    for (const start of starts) sink += flagWalk(start, budgetMs).getTime() & 1;
  }, starts.length);
  const elapsedRate = ratePerSecond(() => {
    for (let round = 0; round < rounds; round++) {
      for (const start of starts) sink += elapsedWorkingTime(start, new Date(start.getTime() + 365 * MS_PER_DAY), calendar) & 1;
    }
  }, starts.length * rounds);
  if (sink < 0) throw new Error('unreachable');

  const format = (rate: number) => Math.round(rate).toLocaleString('en-US');
  return [
    `SLA clock, national calendar (${calendar.coverage.publishedYears[0]}–${calendar.coverage.lastDate.slice(0, 4)}), budget ${ONE_YEAR_OF_WORKING_DAYS} working days (mean span ${spanDays.toFixed(0)} calendar days) from ${starts.length} random starts:`,
    `  dueTime (prefix sums):                           ${format(clockRate)} due times/s`,
    `  baseline: day-by-day walk, date-string lookups: ${format(naiveRate)} due times/s  → clock is ${(clockRate / naiveRate).toFixed(0)}×`,
    `  baseline: day-by-day walk, per-day flags:       ${format(flagWalkRate)} due times/s  → clock is ${(clockRate / flagWalkRate).toFixed(0)}×`,
    `  agreement: ${mismatches} disagreements between the clock and both walks on ${naiveStarts.length} spans`,
    `  elapsedWorkingTime over 1-year spans:            ${format(elapsedRate)} spans/s`,
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await benchSlaClock());
}
