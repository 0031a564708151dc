import { describe, expect, it } from 'vitest';
import { draftFieldForIssue, toProductOrderCreate, type OrderDraft } from './orderDraft.ts';

const pointToPointDraft: OrderDraft = {
  accountId: 'acc_01JABCDEFGHJKMNPQRSTVWXYZ0',
  productId: 'EPL',
  bandwidth: '100M',
  aEnd: { city: ' 广州 ', address: '天河区华夏路 10 号' },
  zEnd: { city: '深圳', address: '南山区深南大道 9988 号' },
  requestedCompletionDate: '2030-01-15',
  externalId: '',
};

describe('toProductOrderCreate', () => {
  it('builds the TMF622 body with the customer, bandwidth and both ends in A, Z order', () => {
    expect(toProductOrderCreate(pointToPointDraft)).toEqual({
      requestedCompletionDate: '2030-01-15',
      relatedParty: [{ id: 'acc_01JABCDEFGHJKMNPQRSTVWXYZ0', role: 'customer' }],
      productOrderItem: [
        {
          id: '1',
          action: 'add',
          quantity: 1,
          product: {
            productSpecification: { id: 'EPL' },
            productCharacteristic: [{ name: 'bandwidth', value: '100M' }],
            place: [
              { role: 'A-end', city: '广州', address: '天河区华夏路 10 号' },
              { role: 'Z-end', city: '深圳', address: '南山区深南大道 9988 号' },
            ],
          },
        },
      ],
    });
  });

  it('sends only the A-end for an access product and leaves blank optional fields out', () => {
    const { zEnd: _unused, ...accessDraft } = pointToPointDraft;
    const body = toProductOrderCreate({ ...accessDraft, productId: 'DIA', description: '  ' });
    expect(body.productOrderItem[0]?.product.place).toEqual([{ role: 'A-end', city: '广州', address: '天河区华夏路 10 号' }]);
    expect(body).not.toHaveProperty('externalId');
    expect(body).not.toHaveProperty('description');
  });
});

describe('draftFieldForIssue', () => {
  it.each([
    ['requestedCompletionDate', 'requestedCompletionDate'],
    ['relatedParty', 'accountId'],
    ['relatedParty.0.id', 'accountId'],
    ['productOrderItem.0.product.productSpecification.id', 'productId'],
    ['productOrderItem.0.product.productCharacteristic.0.value', 'bandwidth'],
    ['productOrderItem.0.product.place.0.city', 'aEnd.city'],
    ['productOrderItem.0.product.place.1.address', 'zEnd.address'],
    ['productOrderItem.0.product.place.1', 'zEnd.city'],
  ])('shows %s on %s', (apiField, input) => {
    expect(draftFieldForIssue(apiField)).toBe(input);
  });

  it('places no input for paths the form does not have', () => {
    expect(draftFieldForIssue('productOrderItem.0.product.place')).toBeUndefined();
    expect(draftFieldForIssue('priority')).toBeUndefined();
    expect(draftFieldForIssue('productOrderItem.0.product.place.2.city')).toBeUndefined();
  });
});
