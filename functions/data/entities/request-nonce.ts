import { Entity } from 'electrodb';
import { entityConfiguration } from '../table.ts';

/** Signatures of signed requests already seen, kept until they could no longer pass the timestamp check. */
export const RequestNonceEntity = new Entity(
  {
    model: { entity: 'requestNonce', version: '1', service: 'kamflow' },
    attributes: {
      nonce: { type: 'string', required: true, readOnly: true },
      systemId: { type: 'string', required: true },
      expiresAt: { type: 'number', required: true },
    },
    indexes: { byNonce: { pk: { field: 'pk', composite: ['nonce'] }, sk: { field: 'sk', composite: [] } } },
  },
  entityConfiguration,
);
