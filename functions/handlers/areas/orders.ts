/** The orders area's function: product orders, order commands (hold, resume, amend, retry, cancel), customer acceptance and the fallout queue. Bundles only these handler modules. */
import { areaHandler } from '../../api/area-router.ts';
import { handler as createProductOrder } from '../http/create-product-order.ts';
import { handler as listProductOrders } from '../http/list-product-orders.ts';
import { handler as getProductOrder } from '../http/get-product-order.ts';
import { handler as recordCustomerAcceptance } from '../http/record-customer-acceptance.ts';
import { handler as confirmNetworkBuild } from '../http/confirm-network-build.ts';
import { handler as amendProductOrder } from '../http/amend-product-order.ts';
import { handler as holdOrder } from '../http/hold-order.ts';
import { handler as resumeOrder } from '../http/resume-order.ts';
import { handler as retryOrder } from '../http/retry-order.ts';
import { handler as listFalloutOrders } from '../http/list-fallout-orders.ts';
import { handler as createCancelProductOrder } from '../http/create-cancel-product-order.ts';
import { handler as getCancelProductOrder } from '../http/get-cancel-product-order.ts';

export const handler = areaHandler('orders', {
  createProductOrder,
  listProductOrders,
  getProductOrder,
  recordCustomerAcceptance,
  confirmNetworkBuild,
  amendProductOrder,
  holdOrder,
  resumeOrder,
  retryOrder,
  listFalloutOrders,
  createCancelProductOrder,
  getCancelProductOrder,
});
