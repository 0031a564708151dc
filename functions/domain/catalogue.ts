/**
 * Circuit products: bandwidths, list prices (RMB) and each product's stage template (the default time limit of every
 * stage of the loop). What is written here is the built-in first version (version 0); the catalogue is data
 * (functions/data/catalogue-repository.ts): an administrator's edit makes a new version, and an order keeps the version
 * it was placed with.
 */
import type { OrderStage } from './order-stages.ts';

export const productIds = ['DDN', 'SDH', 'FRAME_RELAY', 'IP_VPN', 'DIA', 'EPL'] as const;
export type ProductId = (typeof productIds)[number];

export const bandwidths = ['64K', '2M', '10M', '100M', '1G', '10G'] as const;
export type Bandwidth = (typeof bandwidths)[number];

export interface ProductPrice {
  readonly oneOffCharge: number;
  readonly monthlyCharge: number;
}

export interface CircuitProduct {
  readonly id: ProductId;
  readonly name: string;
  readonly nameZh: string;
  /** Whether the product has a Z-end (point-to-point) or only an A-end (access). */
  readonly pointToPoint: boolean;
  readonly prices: Readonly<Partial<Record<Bandwidth, ProductPrice>>>;
}

export const circuitProducts: Readonly<Record<ProductId, CircuitProduct>> = {
  DDN: {
    id: 'DDN', name: 'DDN leased line', nameZh: 'DDN 专线', pointToPoint: true,
    prices: { '64K': { oneOffCharge: 1000, monthlyCharge: 800 }, '2M': { oneOffCharge: 2000, monthlyCharge: 3500 } },
  },
  SDH: {
    id: 'SDH', name: 'SDH digital leased line', nameZh: 'SDH 数字电路', pointToPoint: true,
    prices: { '2M': { oneOffCharge: 3000, monthlyCharge: 4000 }, '100M': { oneOffCharge: 8000, monthlyCharge: 30000 } },
  },
  FRAME_RELAY: {
    id: 'FRAME_RELAY', name: 'Frame relay', nameZh: '帧中继', pointToPoint: true,
    prices: { '64K': { oneOffCharge: 1000, monthlyCharge: 900 }, '2M': { oneOffCharge: 2000, monthlyCharge: 3800 } },
  },
  IP_VPN: {
    id: 'IP_VPN', name: 'IP/MPLS VPN', nameZh: 'IP/MPLS VPN', pointToPoint: true,
    prices: { '10M': { oneOffCharge: 2000, monthlyCharge: 5000 }, '100M': { oneOffCharge: 5000, monthlyCharge: 20000 }, '1G': { oneOffCharge: 10000, monthlyCharge: 90000 } },
  },
  DIA: {
    id: 'DIA', name: 'Dedicated internet access', nameZh: '互联网专线', pointToPoint: false,
    prices: { '10M': { oneOffCharge: 1000, monthlyCharge: 3000 }, '100M': { oneOffCharge: 3000, monthlyCharge: 12000 }, '1G': { oneOffCharge: 8000, monthlyCharge: 60000 } },
  },
  EPL: {
    id: 'EPL', name: 'Ethernet private line', nameZh: '以太网专线', pointToPoint: true,
    prices: { '10M': { oneOffCharge: 2000, monthlyCharge: 4500 }, '100M': { oneOffCharge: 5000, monthlyCharge: 18000 }, '1G': { oneOffCharge: 10000, monthlyCharge: 80000 }, '10G': { oneOffCharge: 30000, monthlyCharge: 400000 } },
  },
};

export function priceOf(productId: ProductId, bandwidth: Bandwidth): ProductPrice | undefined {
  return circuitProducts[productId].prices[bandwidth];
}

/** A stage's default time limit in a product's stage template. */
export interface StageLimit {
  readonly workingDays?: number;
  readonly workingHours?: number;
}

export type StageTemplate = Readonly<Partial<Record<OrderStage, StageLimit>>>;

/** One version of a product in the catalogue. */
export interface ProductSpec extends CircuitProduct {
  readonly version: number;
  readonly stageTemplate: StageTemplate;
  readonly updatedBy?: string | undefined;
  readonly updatedAt?: string | undefined;
}

/**
 * The limits of docs/domain.md, "The order loop" (working days). Activation takes 3–5 days; the built-in templates take
 * the upper bound, the same as the standard class C, and an administrator tightens a product's template as data.
 */
const activationDays: Readonly<Record<ProductId, number>> = { DDN: 5, SDH: 5, FRAME_RELAY: 5, IP_VPN: 5, DIA: 5, EPL: 5 };

export function builtInStageTemplate(productId: ProductId): StageTemplate {
  return {
    ORDER_ACCEPTANCE: { workingDays: 1 },
    RESOURCE_CONFIRMATION: { workingDays: 2 },
    ACTIVATION: { workingDays: activationDays[productId] },
    TEST: { workingDays: 1 },
    CUSTOMER_ACCEPTANCE: { workingDays: 2 },
    BILLING_START: { workingDays: 1 },
    CRM_CLOSE: { workingDays: 1 },
  };
}

export function builtInProductSpec(productId: ProductId): ProductSpec {
  return { ...circuitProducts[productId], version: 0, stageTemplate: builtInStageTemplate(productId) };
}

export function priceIn(spec: Pick<ProductSpec, 'prices'>, bandwidth: Bandwidth): ProductPrice | undefined {
  return spec.prices[bandwidth];
}
