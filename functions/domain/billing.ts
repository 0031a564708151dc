/** 起租: what a billing record charges, from the product, the bandwidth, the lease term and the acceptance date. */
import { priceOf } from './catalogue.ts';
import type { Bandwidth, ProductId, ProductPrice } from './catalogue.ts';

export type LeaseType = 'LONG_TERM' | 'TEMPORARY';

/** Leases under 30 days are temporary; 30 days or more are long-term. */
export function leaseTypeOf(leaseTermDays: number): LeaseType {
  return leaseTermDays < 30 ? 'TEMPORARY' : 'LONG_TERM';
}

/** Calendar date of an instant in Asia/Shanghai (UTC+8, no daylight saving), the operator's billing day. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface BillingTerms {
  readonly oneOffCharge: number;
  readonly monthlyCharge: number;
  readonly leaseType: LeaseType;
  /** Monthly charges run from the acceptance date. */
  readonly chargesFrom: string;
}

/** `price`: the list price of the catalogue version the order was placed with (the built-in one when absent). */
export function billingTerms(input: { productId: ProductId; bandwidth: Bandwidth; leaseTermDays: number; acceptedAt: Date; price?: ProductPrice | undefined }): BillingTerms {
  const price = input.price ?? priceOf(input.productId, input.bandwidth);
  if (!price) throw new RangeError(`${input.productId} is not sold at ${input.bandwidth}`);
  return {
    oneOffCharge: price.oneOffCharge,
    monthlyCharge: price.monthlyCharge,
    leaseType: leaseTypeOf(input.leaseTermDays),
    chargesFrom: shanghaiDate(input.acceptedAt),
  };
}
