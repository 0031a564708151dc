import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { entityConfiguration } from '../table.ts';

export const resourceTypes = ['ACCESS_LINE', 'PORT'] as const;
export type ResourceType = (typeof resourceTypes)[number];
export const resourceStatuses = ['AVAILABLE', 'RESERVED'] as const;

/** Exchanges (端局) serve the sites of a city; resources are reserved at the serving exchange. */
export const ExchangeEntity = new Entity(
  {
    model: { entity: 'exchange', version: '1', service: 'kamflow' },
    attributes: {
      exchangeCode: { type: 'string', required: true, readOnly: true },
      city: { type: 'string', required: true },
      name: { type: 'string', required: true },
    },
    indexes: {
      byCode: { collection: 'exchangeInventory', pk: { field: 'pk', composite: ['exchangeCode'] }, sk: { field: 'sk', composite: [] } },
      byCity: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['city'] }, sk: { field: 'gsi1sk', composite: ['exchangeCode'] } },
    },
  },
  entityConfiguration,
);

/** Access lines and ports (DDF/transmission simplified) of an exchange. */
export const NetworkResourceEntity = new Entity(
  {
    model: { entity: 'networkResource', version: '1', service: 'kamflow' },
    attributes: {
      exchangeCode: { type: 'string', required: true, readOnly: true },
      resourceType: { type: resourceTypes, required: true, readOnly: true },
      resourceId: { type: 'string', required: true, readOnly: true },
      status: { type: resourceStatuses, required: true },
      reservedBy: { type: 'string' },
      reservedAt: { type: 'string' },
    },
    indexes: {
      byExchange: { collection: 'exchangeInventory', pk: { field: 'pk', composite: ['exchangeCode'] }, sk: { field: 'sk', composite: ['resourceType', 'resourceId'] } },
      /** Free resources of a type at an exchange: Query begins_with status. */
      byAvailability: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['exchangeCode', 'resourceType'] }, sk: { field: 'gsi1sk', composite: ['status', 'resourceId'] } },
    },
  },
  entityConfiguration,
);

export type ExchangeRecord = EntityItem<typeof ExchangeEntity>;

export type NetworkResourceRecord = EntityItem<typeof NetworkResourceEntity>;
