/** Dates and money in the reader's language: zh-CN shows 2025年3月4日 14:05 and ¥18,000.00, English Mar 4, 2025, 2:05 PM. */
import { useMemo } from 'react';
import { useLocaleState } from 'react-admin';

/** A bare ISO date (2025-03-04) is a calendar day, not UTC midnight: read it in local time. */
function parseInstant(value: string): Date | undefined {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

export function useFormatters() {
  const [locale] = useLocaleState();
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const money = (currency: string) => new Intl.NumberFormat(locale, { style: 'currency', currency });
    const cny = money('CNY');
    return {
      dateTime: (value: string | undefined): string => {
        const parsed = value ? parseInstant(value) : undefined;
        return parsed ? dateTime.format(parsed) : '—';
      },
      date: (value: string | undefined): string => {
        const parsed = value ? parseInstant(value) : undefined;
        return parsed ? date.format(parsed) : '—';
      },
      money: (amount: number | undefined, currency = 'CNY'): string =>
        amount === undefined ? '—' : (currency === 'CNY' ? cny : money(currency)).format(amount),
    };
  }, [locale]);
}
