/** Contracts within the signed-in person's reach, newest first, each with its approval state (审批状态). */
import { DataTable, List, ReferenceField, useTranslate } from 'react-admin';
import type { ContractView } from '../api/types.ts';
import { useFormatters } from '../common/formatting.ts';
import { StateChip } from '../common/StateChip.tsx';
import type { ChipColour } from '../common/statePresentation.ts';

const Column = DataTable.Col<ContractView>;
const noWrap = () => ({ whiteSpace: 'nowrap' }) as const;

export const contractStatusColour: Record<ContractView['status'], ChipColour> = { PENDING_APPROVAL: 'warning', APPROVED: 'success', REFUSED: 'error' };

export function ContractStatusChip({ contract }: { contract: ContractView }) {
  return <StateChip value={contract.status} messages="kamflow.contract.status" colours={contractStatusColour} />;
}

/** The contract columns, shared by the contracts list and an account's contracts. */
export function ContractTable({ showAccount = true }: { showAccount?: boolean }) {
  const translate = useTranslate();
  const format = useFormatters();
  return (
    <DataTable<ContractView> rowClick="show" bulkActionButtons={false} data-testid="contract-table">
      <Column source="title" disableSort />
      {showAccount ? <Column source="accountId" disableSort render={() => <ReferenceField source="accountId" reference="accounts" link="show" />} /> : null}
      <Column source="slaClass" disableSort cellSx={noWrap} render={(contract) => translate('kamflow.contract.class', { slaClass: contract.slaClass })} />
      <Column source="committedActivationDays" disableSort cellSx={noWrap} render={(contract) => translate('kamflow.contract.days', { count: contract.committedActivationDays })} />
      <Column source="agreedValue" disableSort cellSx={noWrap} render={(contract) => format.money(contract.agreedValue)} />
      <Column source="discountPercent" disableSort cellSx={noWrap} render={(contract) => translate('kamflow.contract.percent', { value: contract.discountPercent })} />
      <Column source="status" disableSort cellSx={noWrap} render={(contract) => <ContractStatusChip contract={contract} />} />
      <Column source="submittedAt" disableSort cellSx={noWrap} render={(contract) => format.dateTime(contract.submittedAt)} />
    </DataTable>
  );
}

export function ContractList() {
  return (
    <List exporter={false} perPage={25}>
      <ContractTable />
    </List>
  );
}
