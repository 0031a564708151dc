import { httpHandler } from '../../commons/http.ts';
import { routeFor } from '../../api/route-lookup.ts';
import { circuitProducts } from '../../domain/catalogue.ts';

const catalogue = {
  items: Object.values(circuitProducts).map((product) => ({
    id: product.id,
    name: product.name,
    nameZh: product.nameZh,
    pointToPoint: product.pointToPoint,
    bandwidths: Object.entries(product.prices).map(([bandwidth, price]) => ({ bandwidth, ...price })),
  })),
};

export const handler = httpHandler(routeFor('listProducts'), async () => ({ statusCode: 200, body: catalogue }));
