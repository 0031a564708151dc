/**
 * The order create form works on a flat draft (account, product, bandwidth, A-end, Z-end, date); the API takes a
 * TMF622 ProductOrder. These two pure functions translate the draft into the TMF body and the API's issue paths back
 * onto the draft's inputs, so a rejected field is highlighted where the user typed it.
 */
import type { Place, ProductOrder, ProductOrderCreate } from '../api/types.ts';

export type PlaceDraft = { city?: string; address?: string };

export type OrderDraft = {
  accountId: string;
  productId: string;
  bandwidth: string;
  aEnd: PlaceDraft;
  /** Only for point-to-point products; the form drops it for access products. */
  zEnd?: PlaceDraft;
  requestedCompletionDate: string;
  externalId?: string;
  description?: string;
};

function trimmed(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text ? text : undefined;
}

function hasAnyValue(place: PlaceDraft | undefined): place is PlaceDraft {
  return Boolean(trimmed(place?.city) ?? trimmed(place?.address));
}

export function toProductOrderCreate(draft: OrderDraft): ProductOrderCreate {
  const place: Place[] = [{ role: 'A-end', city: draft.aEnd.city?.trim() ?? '', address: draft.aEnd.address?.trim() ?? '' }];
  if (hasAnyValue(draft.zEnd)) {
    place.push({ role: 'Z-end', city: draft.zEnd.city?.trim() ?? '', address: draft.zEnd.address?.trim() ?? '' });
  }
  const externalId = trimmed(draft.externalId);
  const description = trimmed(draft.description);
  return {
    ...(externalId ? { externalId } : {}),
    ...(description ? { description } : {}),
    requestedCompletionDate: draft.requestedCompletionDate,
    relatedParty: [{ id: draft.accountId, role: 'customer' }],
    productOrderItem: [
      {
        id: '1',
        action: 'add',
        quantity: 1,
        product: {
          productSpecification: { id: draft.productId },
          productCharacteristic: [{ name: 'bandwidth', value: draft.bandwidth }],
          place,
        },
      },
    ],
  };
}

const placeInputs = ['aEnd', 'zEnd'] as const;

/** The draft input that shows an API issue at `apiField`, or undefined when no single input does. */
export function draftFieldForIssue(apiField: string): string | undefined {
  const path = apiField.split('.');
  const [head] = path;
  if (head === 'requestedCompletionDate' || head === 'externalId' || head === 'description') return head;
  if (head === 'relatedParty') return 'accountId';
  if (head !== 'productOrderItem') return undefined;
  // productOrderItem.<n>.product.<part>...
  const part = path[3];
  if (part === 'productSpecification') return 'productId';
  if (part === 'productCharacteristic') return 'bandwidth';
  if (part === 'place') {
    const end = placeInputs[Number(path[4])];
    const attribute = path[5];
    if (end && (attribute === 'city' || attribute === 'address')) return `${end}.${attribute}`;
    if (end) return `${end}.city`;
  }
  return undefined;
}

/** Read-side helpers: where the order's facts sit in the TMF shape. */
export function customerOf(order: Pick<ProductOrder, 'relatedParty'>): { id: string; name?: string } | undefined {
  return order.relatedParty.find((party) => party.role === 'customer') ?? order.relatedParty[0];
}

export function productOf(order: Pick<ProductOrder, 'productOrderItem'>): { id: string; name?: string } | undefined {
  return order.productOrderItem[0]?.product.productSpecification;
}

export function bandwidthOf(order: Pick<ProductOrder, 'productOrderItem'>): string | undefined {
  return order.productOrderItem[0]?.product.productCharacteristic.find((c) => c.name === 'bandwidth')?.value;
}

export function placeOf(order: Pick<ProductOrder, 'productOrderItem'>, role: Place['role']): Place | undefined {
  return order.productOrderItem[0]?.product.place.find((p) => p.role === role);
}
