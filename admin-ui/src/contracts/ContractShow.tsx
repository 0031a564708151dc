/**
 * One contract: its terms, lines at list and agreed prices, the approval level the discount and terms require (with
 * the reasons), and every decision taken on it — who, when, why.
 */
import Alert from '@mui/material/Alert';
import CardContent from '@mui/material/CardContent';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ListButton, ReferenceField, Show, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import type { ContractView } from '../api/types.ts';
import { Fact, FactGrid } from '../common/Fact.tsx';
import { useFormatters } from '../common/formatting.ts';
import { ContractStatusChip } from './ContractList.tsx';

function ContractTitle() {
  const translate = useTranslate();
  const contract = useRecordContext<ContractView>();
  return <span>{`${translate('resources.contracts.name', { smart_count: 1 })} ${contract?.title ?? ''}`}</span>;
}

export function ContractShow() {
  return (
    <Show<ContractView> title={<ContractTitle />} actions={<TopToolbar><ListButton /></TopToolbar>}>
      <ContractDetails />
    </Show>
  );
}

function ContractDetails() {
  const translate = useTranslate();
  const format = useFormatters();
  const contract = useRecordContext<ContractView>();
  if (!contract) return null;
  const field = (name: string) => translate(`resources.contracts.fields.${name}`);
  const level = translate(`kamflow.approvals.levels.${contract.requiredLevel}`, { _: contract.requiredLevel });
  return (
    <CardContent>
      <Stack spacing={3} divider={<Divider flexItem />}>
        <Stack spacing={2}>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography variant="h5" component="h1">
              {contract.title}
            </Typography>
            <ContractStatusChip contract={contract} />
          </Stack>
          <FactGrid>
            <Fact label={field('accountId')}>
              <ReferenceField source="accountId" reference="accounts" link="show" />
            </Fact>
            <Fact label={field('slaClass')}>{translate('kamflow.contract.class', { slaClass: contract.slaClass })}</Fact>
            <Fact label={field('termMonths')}>{translate('kamflow.contract.months', { count: contract.termMonths })}</Fact>
            <Fact label={field('committedActivationDays')}>{translate('kamflow.contract.days', { count: contract.committedActivationDays })}</Fact>
            <Fact label={field('signedDate')}>{contract.signedDate ? format.date(contract.signedDate) : null}</Fact>
            <Fact label={field('listValue')}>{format.money(contract.listValue)}</Fact>
            <Fact label={field('agreedValue')}>{format.money(contract.agreedValue)}</Fact>
            <Fact label={field('discountPercent')}>{translate('kamflow.contract.percent', { value: contract.discountPercent })}</Fact>
            <Fact label={field('submittedBy')}>{contract.submittedBy}</Fact>
            <Fact label={field('submittedAt')}>{format.dateTime(contract.submittedAt)}</Fact>
          </FactGrid>
        </Stack>
        <Stack spacing={1} data-testid="contract-approval">
          <Typography variant="h6" component="h2">
            {translate('kamflow.contract.approval')}
          </Typography>
          <FactGrid>
            <Fact label={field('requiredLevel')}>{level}</Fact>
            <Fact label={field('status')}>
              <ContractStatusChip contract={contract} />
            </Fact>
          </FactGrid>
          {contract.status === 'PENDING_APPROVAL' ? <Alert severity="warning">{translate('kamflow.contract.waiting_for', { level })}</Alert> : null}
          {contract.approvalReasons.length > 0 ? (
            <>
              <Typography variant="subtitle2">{translate('kamflow.contract.approval_reasons')}</Typography>
              <ul style={{ margin: 0 }}>
                {contract.approvalReasons.map((reason) => (
                  <li key={reason}>
                    <Typography variant="body2">{reason}</Typography>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Stack>
        <Stack spacing={1}>
          <Typography variant="h6" component="h2">
            {translate('kamflow.contract.lines')}
          </Typography>
          <Table size="small" data-testid="contract-lines">
            <TableHead>
              <TableRow>
                {(['product', 'bandwidth', 'quantity', 'list_monthly', 'agreed_monthly', 'one_off'] as const).map((name) => (
                  <TableCell key={name}>{translate(`kamflow.contract.${name}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {contract.lines.map((line, index) => (
                <TableRow key={index}>
                  <TableCell>{translate(`kamflow.product.${line.productId}`, { _: line.productId })}</TableCell>
                  <TableCell>{line.bandwidth}</TableCell>
                  <TableCell>{line.quantity}</TableCell>
                  <TableCell>{format.money(line.listMonthlyCharge)}</TableCell>
                  <TableCell>{format.money(line.agreedMonthlyCharge)}</TableCell>
                  <TableCell>{format.money(line.oneOffCharge)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Stack>
        <Stack spacing={1}>
          <Typography variant="h6" component="h2">
            {translate('kamflow.contract.decisions')}
          </Typography>
          {contract.decisions.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {translate('kamflow.contract.no_decision')}
            </Typography>
          ) : (
            <Table size="small" data-testid="contract-decisions">
              <TableHead>
                <TableRow>
                  {(['decision', 'by', 'at', 'reason'] as const).map((name) => (
                    <TableCell key={name}>{translate(name === 'decision' ? 'kamflow.approvals.decision' : `kamflow.contract.${name}`)}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {contract.decisions.map((decision, index) => (
                  <TableRow key={index} data-decision={decision.decision}>
                    <TableCell>{translate(`kamflow.contract.decision.${decision.decision}`, { _: decision.decision })}</TableCell>
                    <TableCell>{decision.by}</TableCell>
                    <TableCell>{format.dateTime(decision.at)}</TableCell>
                    <TableCell>{decision.reason}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Stack>
      </Stack>
    </CardContent>
  );
}
