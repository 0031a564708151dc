/** The product catalogue: reading the current version (and history), and administrators saving a new version. */
import { nowIso } from '../commons/clock.ts';
import { ConflictError } from '../commons/errors.ts';
import { logger } from '../commons/observability.ts';
import type { Bandwidth, ProductId, ProductPrice, ProductSpec, StageLimit } from '../domain/catalogue.ts';
import type { OrderStage } from '../domain/order-stages.ts';
import type { Principal } from '../domain/people.ts';
import type { UpdateProductRequest } from '../api/schemas/products.ts';
import { addProductVersion, currentProduct, productHistory } from '../data/catalogue-repository.ts';

export async function updateProduct(principal: Principal, productId: ProductId, request: UpdateProductRequest): Promise<ProductSpec[]> {
  const current = await currentProduct(productId);
  if (current.version !== request.version) throw new ConflictError(`product ${productId} is at version ${current.version}, not ${request.version}: read it again`);
  const next: ProductSpec & { updatedBy: string; updatedAt: string } = {
    ...current,
    version: current.version + 1,
    ...(request.name ? { name: request.name } : {}),
    ...(request.nameZh ? { nameZh: request.nameZh } : {}),
    prices: Object.fromEntries(request.prices.map((price) => [price.bandwidth, { oneOffCharge: price.oneOffCharge, monthlyCharge: price.monthlyCharge }])) as Partial<Record<Bandwidth, ProductPrice>>,
    stageTemplate: Object.fromEntries(
      request.stageTemplate.map((limit) => [limit.stage, { ...(limit.workingDays !== undefined ? { workingDays: limit.workingDays } : {}), ...(limit.workingHours !== undefined ? { workingHours: limit.workingHours } : {}) }]),
    ) as Partial<Record<OrderStage, StageLimit>>,
    updatedBy: principal.userId,
    updatedAt: nowIso(),
  };
  await addProductVersion(next, request.reason);
  logger.info('product version saved', { productId, version: next.version });
  return productHistory(productId);
}
