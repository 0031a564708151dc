import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { bandwidths, productIds } from '../../domain/catalogue.ts';
import { orderStages } from '../../domain/order-stages.ts';
import { entityConfiguration } from '../table.ts';

/** One version of a catalogue product; every edit adds a version (conditional: two editors never both make version n). */
export const ProductSpecEntity = new Entity(
  {
    model: { entity: 'productSpec', version: '1', service: 'kamflow' },
    attributes: {
      productId: { type: productIds, required: true, readOnly: true },
      version: { type: 'number', required: true, readOnly: true },
      name: { type: 'string', required: true },
      nameZh: { type: 'string', required: true },
      pointToPoint: { type: 'boolean', required: true },
      prices: {
        type: 'list',
        required: true,
        items: { type: 'map', properties: { bandwidth: { type: bandwidths, required: true }, oneOffCharge: { type: 'number', required: true }, monthlyCharge: { type: 'number', required: true } } },
      },
      stageTemplate: {
        type: 'list',
        required: true,
        items: { type: 'map', properties: { stage: { type: orderStages, required: true }, workingDays: { type: 'number' }, workingHours: { type: 'number' } } },
      },
      updatedBy: { type: 'string', required: true },
      updatedAt: { type: 'string', required: true },
      reason: { type: 'string' },
    },
    indexes: {
      byProduct: { pk: { field: 'pk', composite: ['productId'] }, sk: { field: 'sk', composite: ['version'] } },
    },
  },
  entityConfiguration,
);

export type ProductSpecRecord = EntityItem<typeof ProductSpecEntity>;
