import { CreateButton, List, ReferenceInput, SelectInput, TopToolbar } from 'react-admin';
import { OrderTable } from './OrderTable.tsx';

/** The API filters orders by account only; the account picker offers the first 100 accounts (the API's page cap). */
const orderFilters = [
  <ReferenceInput key="accountId" source="accountId" reference="accounts" perPage={100} alwaysOn>
    <SelectInput optionText="name" label="resources.orders.fields.accountId" sx={{ minWidth: 240 }} />
  </ReferenceInput>,
];

export function OrderList() {
  return (
    <List
      filters={orderFilters}
      exporter={false}
      perPage={25}
      actions={
        <TopToolbar>
          <CreateButton />
        </TopToolbar>
      }
      // Orders move on their own (the workflow), so the list re-reads itself.
      queryOptions={{ refetchInterval: 15_000 }}
    >
      <OrderTable />
    </List>
  );
}
