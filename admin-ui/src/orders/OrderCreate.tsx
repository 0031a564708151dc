/** Order entry (受理): the draft is turned into a TMF622 ProductOrder by the data provider (orderDraft.ts). */
import { Create, SimpleForm, useGetList } from 'react-admin';
import type { Product } from '../api/types.ts';
import type { OrderDraft } from './orderDraft.ts';
import { OrderInputs } from './OrderInputs.tsx';

export function OrderCreate() {
  const { data: products = [] } = useGetList<Product>('products', { pagination: { page: 1, perPage: 100 } });
  // An access product has no Z-end: drop whatever was typed there before the product was changed.
  const transform = (draft: OrderDraft): OrderDraft => {
    const product = products.find((candidate) => candidate.id === draft.productId);
    if (product?.pointToPoint !== false) return draft;
    const { zEnd: _dropped, ...accessOrder } = draft;
    return accessOrder;
  };
  return (
    <Create redirect="show" transform={transform}>
      <SimpleForm>
        <OrderInputs products={products} />
      </SimpleForm>
    </Create>
  );
}
