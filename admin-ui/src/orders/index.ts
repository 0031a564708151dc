import OrderIcon from '@mui/icons-material/Cable';
import type { ProductOrder } from '../api/types.ts';
import { OrderCreate } from './OrderCreate.tsx';
import { OrderList } from './OrderList.tsx';
import { OrderShow } from './OrderShow.tsx';

export const orders = {
  list: OrderList,
  show: OrderShow,
  create: OrderCreate,
  icon: OrderIcon,
  recordRepresentation: (order: ProductOrder) => order.id,
};
