/** Named access patterns for the resource inventory: exchanges per city, access lines and ports per exchange. */
import { ExchangeEntity, NetworkResourceEntity } from './entities/network-resource.ts';
import type { ResourceType } from './entities/network-resource.ts';
import type { ExchangeRecord, NetworkResourceRecord } from './entities/network-resource.ts';


export async function exchangesServing(city: string): Promise<ExchangeRecord[]> {
  const { data } = await ExchangeEntity.query.byCity({ city }).go({ pages: 'all' });
  return data;
}

export async function availableResources(exchangeCode: string, resourceType: ResourceType, limit: number): Promise<NetworkResourceRecord[]> {
  const { data } = await NetworkResourceEntity.query.byAvailability({ exchangeCode, resourceType }).begins({ status: 'AVAILABLE' }).go({ limit });
  return data;
}

export async function resourcesOfExchange(exchangeCode: string): Promise<NetworkResourceRecord[]> {
  const { data } = await NetworkResourceEntity.query.byExchange({ exchangeCode }).go({ pages: 'all' });
  return data;
}

/** Idempotent seeding: an exchange and its resources are written only when absent. */
export async function putExchangeWithResources(exchange: ExchangeRecord, resources: readonly { resourceType: ResourceType; resourceId: string }[]): Promise<void> {
  await ExchangeEntity.put(exchange).go();
  const existing = new Set((await resourcesOfExchange(exchange.exchangeCode)).map((resource) => `${resource.resourceType}#${resource.resourceId}`));
  const missing = resources.filter((resource) => !existing.has(`${resource.resourceType}#${resource.resourceId}`));
  if (missing.length > 0) {
    await NetworkResourceEntity.put(missing.map((resource) => ({ exchangeCode: exchange.exchangeCode, ...resource, status: 'AVAILABLE' as const }))).go();
  }
}
