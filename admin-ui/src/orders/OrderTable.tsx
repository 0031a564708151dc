/** The order columns, shared by the orders list and an account's orders. The API does not sort, so no column does. */
import Box from '@mui/material/Box';
import { DataTable, useTranslate } from 'react-admin';
import type { ProductOrder } from '../api/types.ts';
import { StateChip } from '../common/StateChip.tsx';
import { kamflowStateColour, tmfStateColour } from '../common/statePresentation.ts';
import { useFormatters } from '../common/formatting.ts';
import { bandwidthOf, customerOf, productOf } from './orderDraft.ts';

const Column = DataTable.Col<ProductOrder>;
/** Ids, chips and timestamps read badly when wrapped; names and products may wrap instead. */
const noWrap = () => ({ whiteSpace: 'nowrap' }) as const;

export function OrderTable({ showCustomer = true }: { showCustomer?: boolean }) {
  const translate = useTranslate();
  const format = useFormatters();
  return (
    <DataTable<ProductOrder> rowClick="show" bulkActionButtons={false}>
      <Column
        source="id"
        disableSort
        cellSx={noWrap}
        render={(order) => (
          <Box component="span" sx={{ fontFamily: 'monospace', fontSize: '0.8rem' }}>
            {order.id}
          </Box>
        )}
      />
      {showCustomer ? (
        <Column source="customer" disableSort render={(order) => customerOf(order)?.name ?? customerOf(order)?.id} />
      ) : null}
      <Column
        source="product"
        disableSort
        render={(order) => {
          const product = productOf(order);
          return product ? translate(`kamflow.product.${product.id}`, { _: product.name ?? product.id }) : null;
        }}
      />
      <Column source="bandwidth" disableSort cellSx={noWrap} render={(order) => bandwidthOf(order)} />
      <Column
        source="state"
        disableSort
        cellSx={noWrap}
        render={(order) => <StateChip value={order.state} messages="kamflow.tmf_state" colours={tmfStateColour} variant="outlined" />}
      />
      <Column
        source="kamflowState"
        disableSort
        cellSx={noWrap}
        render={(order) => <StateChip value={order.kamflowState} messages="kamflow.order_state" colours={kamflowStateColour} />}
      />
      <Column
        source="currentStage"
        disableSort
        render={(order) => translate(`kamflow.stage.${order.currentStage}`, { _: order.currentStage })}
      />
      <Column source="orderDate" disableSort cellSx={noWrap} render={(order) => format.dateTime(order.orderDate)} />
    </DataTable>
  );
}
