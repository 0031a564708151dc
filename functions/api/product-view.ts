/** A catalogue product as the API shows it. */
import { orderStages } from '../domain/order-stages.ts';
import type { ProductSpec } from '../domain/catalogue.ts';

export function toProductView(spec: ProductSpec) {
  return {
    id: spec.id,
    version: spec.version,
    name: spec.name,
    nameZh: spec.nameZh,
    pointToPoint: spec.pointToPoint,
    bandwidths: Object.entries(spec.prices).map(([bandwidth, price]) => ({ bandwidth: bandwidth as keyof ProductSpec['prices'], ...price })),
    stageTemplate: orderStages.flatMap((stage) => {
      const limit = spec.stageTemplate[stage];
      return limit ? [{ stage, ...limit }] : [];
    }),
    ...(spec.updatedBy ? { updatedBy: spec.updatedBy } : {}),
    ...(spec.updatedAt ? { updatedAt: spec.updatedAt } : {}),
  };
}

export function toProductDetail(history: readonly ProductSpec[]) {
  const [current] = history;
  if (!current) throw new Error('a product always has its built-in version');
  return { ...toProductView(current), history: history.map(toProductView) };
}
