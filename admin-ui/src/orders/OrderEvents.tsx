/**
 * The order's audit trail as the API records it: every state change and stage update with who, when, from, to and
 * why — newest first, so the latest hold, amendment or cancellation (and what it released) is on top.
 */
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useTranslate } from 'react-admin';
import type { OrderEvent } from '../api/types.ts';
import { useFormatters } from '../common/formatting.ts';

/** `user:km.wang` → `km.wang`; `system:workflow` stays as it is. */
export function actorLabel(actor: string): string {
  return actor.startsWith('user:') ? actor.slice('user:'.length) : actor;
}

export function OrderEvents({ events }: { events: readonly OrderEvent[] }) {
  const translate = useTranslate();
  const format = useFormatters();
  const newestFirst = [...events].reverse();
  const state = (value: string | undefined) => (value ? translate(`kamflow.order_state.${value}`, { _: value }) : '—');
  return (
    <Table size="small" data-testid="order-events">
      <TableHead>
        <TableRow>
          <TableCell>{translate('kamflow.lifecycle.event_at')}</TableCell>
          <TableCell>{translate('kamflow.lifecycle.event_actor')}</TableCell>
          <TableCell>{translate('kamflow.order.stage_status')}</TableCell>
          <TableCell>{translate('kamflow.order.note')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {newestFirst.map((event) => (
          <TableRow key={event.id} data-testid="order-event">
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.dateTime(event.at)}</TableCell>
            <TableCell>{actorLabel(event.actor)}</TableCell>
            <TableCell>
              {event.type === 'STATE_CHANGE'
                ? `${state(event.fromState)} → ${state(event.toState)}`
                : `${translate(`kamflow.stage.${event.stage ?? ''}`, { _: event.stage ?? '' })}: ${translate(`kamflow.stage_status.${event.stageStatus ?? ''}`, { _: event.stageStatus ?? '' })}`}
            </TableCell>
            <TableCell sx={{ maxWidth: 520, overflowWrap: 'anywhere' }}>{event.reason ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
