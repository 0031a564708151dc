/** 预警: open stages and orders at risk or breached now, least time left first, counting down live, with their owner. */
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { Link, Title, useDataProvider, useTranslate } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { useFormatters } from '../common/formatting.ts';
import { formatTimeLeft, timeLeftNow } from './countdown.ts';
import type { KamflowDataProvider } from '../dataProvider/index.ts';

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function AtRiskPage() {
  const translate = useTranslate();
  const format = useFormatters();
  const dataProvider = useDataProvider<KamflowDataProvider>();
  const list = useQuery({
    queryKey: ['sla', 'at-risk'],
    queryFn: async () => ({ ...(await dataProvider.atRisk()), receivedAt: Date.now() }),
    refetchInterval: 30_000,
  });
  const now = useNow(1000);
  const stageName = (stage: string) => (stage === 'ORDER' ? translate('kamflow.at_risk.whole_order') : translate(`kamflow.stage.${stage}`, { _: stage }));
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('kamflow.at_risk.title')} />
      <CardContent>
        {list.data?.items.length === 0 ? <Typography color="text.secondary">{translate('kamflow.at_risk.nothing_at_risk')}</Typography> : null}
        <Table size="small" data-testid="at-risk-list">
          <TableHead>
            <TableRow>
              {(['order', 'account', 'stage', 'state', 'owner', 'account_manager', 'due', 'time_left'] as const).map((name) => (
                <TableCell key={name}>{translate(`kamflow.at_risk.${name}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(list.data?.items ?? []).map((item) => {
              const left = timeLeftNow(item.timeLeftMs, list.data?.receivedAt ?? now, now);
              return (
                <TableRow key={`${item.orderId}-${item.stage}`} data-testid={`at-risk-${item.orderId}-${item.stage}`}>
                  <TableCell>
                    <Link to={`/orders/${encodeURIComponent(item.orderId)}/show`}>{item.orderId}</Link>
                  </TableCell>
                  <TableCell>{item.accountName}</TableCell>
                  <TableCell>{stageName(item.stage)}</TableCell>
                  <TableCell>
                    <Chip size="small" color={item.status === 'BREACHED' ? 'error' : 'warning'} label={translate(`kamflow.at_risk.status.${item.status}`)} data-testid="at-risk-status" />
                  </TableCell>
                  <TableCell data-testid="at-risk-owner">{item.owner}</TableCell>
                  <TableCell>{item.accountManager}</TableCell>
                  <TableCell>{format.dateTime(item.dueAt)}</TableCell>
                  <TableCell data-testid="at-risk-time-left" sx={{ fontVariantNumeric: 'tabular-nums', color: left < 0 ? 'error.main' : undefined }}>
                    {formatTimeLeft(left)}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
