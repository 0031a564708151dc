/**
 * Circuit products and their list prices (RMB). The full catalogue with stage templates arrives with the product issue;
 * this is the slice the loop needs: what may be ordered, at which bandwidths, and what billing charges.
 */
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
