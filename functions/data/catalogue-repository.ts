/**
 * The product catalogue as data. A product without a stored version is its built-in version 0
 * (functions/domain/catalogue.ts): a fresh table needs no seeding, locally or on AWS, and the first edit makes version 1.
 */
import { ConflictError } from '../commons/errors.ts';
import { builtInProductSpec, circuitProducts } from '../domain/catalogue.ts';
import type { Bandwidth, ProductId, ProductPrice, ProductSpec, StageLimit } from '../domain/catalogue.ts';
import type { OrderStage } from '../domain/order-stages.ts';
import { ProductSpecEntity } from './entities/product-spec.ts';
import { isConditionFailure } from './table.ts';
import type { ProductSpecRecord } from './entities/product-spec.ts';


function toSpec(record: ProductSpecRecord): ProductSpec {
  return {
    id: record.productId,
    version: record.version,
    name: record.name,
    nameZh: record.nameZh,
    pointToPoint: record.pointToPoint,
    prices: Object.fromEntries(record.prices.map((price) => [price.bandwidth, { oneOffCharge: price.oneOffCharge, monthlyCharge: price.monthlyCharge }])) as Partial<Record<Bandwidth, ProductPrice>>,
    stageTemplate: Object.fromEntries(
      record.stageTemplate.map((limit) => [limit.stage, { ...(limit.workingDays !== undefined ? { workingDays: limit.workingDays } : {}), ...(limit.workingHours !== undefined ? { workingHours: limit.workingHours } : {}) }]),
    ) as Partial<Record<OrderStage, StageLimit>>,
    updatedBy: record.updatedBy,
    updatedAt: record.updatedAt,
  };
}

/** Every version of a product, newest first, the built-in version 0 last. */
export async function productHistory(productId: ProductId): Promise<ProductSpec[]> {
  const { data } = await ProductSpecEntity.query.byProduct({ productId }).go({ pages: 'all' });
  return [...data.map(toSpec).sort((a, b) => b.version - a.version), builtInProductSpec(productId)];
}

export async function currentProduct(productId: ProductId): Promise<ProductSpec> {
  const [current] = await productHistory(productId);
  return current ?? builtInProductSpec(productId);
}

export async function productVersion(productId: ProductId, version: number | undefined): Promise<ProductSpec> {
  if (version === undefined || version === 0) return builtInProductSpec(productId);
  const { data } = await ProductSpecEntity.get({ productId, version }).go();
  return data ? toSpec(data) : builtInProductSpec(productId);
}

export async function currentCatalogue(): Promise<ProductSpec[]> {
  return Promise.all((Object.keys(circuitProducts) as ProductId[]).map((productId) => currentProduct(productId)));
}

/** Adds version `spec.version`; it must not exist yet (someone else saved first: 409). */
export async function addProductVersion(spec: ProductSpec & { updatedBy: string; updatedAt: string }, reason: string): Promise<void> {
  try {
    await ProductSpecEntity.create({
      productId: spec.id,
      version: spec.version,
      name: spec.name,
      nameZh: spec.nameZh,
      pointToPoint: spec.pointToPoint,
      prices: Object.entries(spec.prices).map(([bandwidth, price]) => ({ bandwidth: bandwidth as Bandwidth, oneOffCharge: price.oneOffCharge, monthlyCharge: price.monthlyCharge })),
      stageTemplate: Object.entries(spec.stageTemplate).map(([stage, limit]) => ({ stage: stage as OrderStage, ...limit })),
      updatedBy: spec.updatedBy,
      updatedAt: spec.updatedAt,
      reason,
    }).go();
  } catch (error) {
    if (isConditionFailure(error)) throw new ConflictError(`product ${spec.id} version ${spec.version} was saved by someone else first; read it again`);
    throw error;
  }
}
