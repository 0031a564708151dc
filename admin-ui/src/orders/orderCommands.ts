/** Which lifecycle commands an order offers, and the request body each sends (pure; the dialogs in OrderActions.tsx). */
import type { ProductOrder } from '../api/types.ts';
import type { OrderCommand } from './ordersAdapter.ts';

export type CommandForm = Record<string, string>;

const commandOrder: readonly OrderCommand[] = ['confirm-build', 'resume', 'retry', 'hold', 'amend', 'cancel'];

/** The commands the order's state allows now (a build confirmation while a build request waits for planning). */
export function commandsFor(order: ProductOrder): OrderCommand[] {
  const allowed = new Set<string>(order.availableActions ?? []);
  const buildWaiting = order.kamflowState === 'AWAITING_BUILD' && order.stages.some((stage) => stage.stage === 'NETWORK_BUILD' && stage.status === 'WAITING');
  if (buildWaiting) allowed.add('confirm-build');
  return commandOrder.filter((command) => allowed.has(command));
}

/** The body each command sends, from the dialog's fields; empty fields are left out. */
export function commandBody(command: OrderCommand, form: CommandForm): Record<string, unknown> {
  const text = (name: string) => (form[name] ?? '').trim();
  const optional = (name: string, as = name) => (text(name) ? { [as]: text(name) } : {});
  switch (command) {
    case 'hold':
      return { reason: text('reason'), ...optional('expectedResumeDate') };
    case 'resume':
    case 'retry':
      return optional('note');
    case 'cancel':
      return { reason: text('reason') };
    case 'confirm-build':
      return { investmentType: text('investmentType') || 'ROLLING', agreedDate: text('agreedDate'), ...(text('buildCost') ? { buildCost: Number(text('buildCost')) } : {}), ...optional('note') };
    case 'amend': {
      const role = text('siteRole');
      return {
        reason: text('reason'),
        ...optional('bandwidth'),
        ...optional('requestedCompletionDate'),
        ...(role ? { place: [{ role, city: text('city'), address: text('address') }] } : {}),
      };
    }
  }
}

