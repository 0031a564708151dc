import { describe, expect, it } from 'vitest';
import type { ProductOrder } from '../api/types.ts';
import { amendmentSchema, cancelProductOrderSchema, holdRequestSchema, noteRequestSchema } from '../../../functions/api/schemas/order-commands.ts';
import { networkBuildConfirmationSchema } from '../../../functions/api/schemas/network-builds.ts';
import { commandBody, commandsFor } from './orderCommands.ts';
import { orderCommandRequest } from './ordersAdapter.ts';

const order = (overrides: Partial<ProductOrder>): ProductOrder =>
  ({ id: 'ord_01J00000000000000000000000', kamflowState: 'PROVISIONING', stages: [], availableActions: [], productOrderItem: [], relatedParty: [], ...overrides }) as unknown as ProductOrder;

describe('order commands in the console', () => {
  it('offer what the API says the state allows, plus the build confirmation while planning is asked', () => {
    expect(commandsFor(order({ availableActions: ['hold', 'amend', 'cancel'] }))).toEqual(['hold', 'amend', 'cancel']);
    expect(commandsFor(order({ availableActions: ['amend', 'cancel', 'retry'] }))).toEqual(['retry', 'amend', 'cancel']);
    const awaiting = order({ kamflowState: 'AWAITING_BUILD', availableActions: ['hold', 'amend', 'cancel'], stages: [{ stage: 'NETWORK_BUILD', status: 'WAITING' }] as ProductOrder['stages'] });
    expect(commandsFor(awaiting)).toEqual(['confirm-build', 'hold', 'amend', 'cancel']);
    expect(commandsFor(order({ availableActions: [] }))).toEqual([]);
  });

  it('send bodies the API schemas accept, leaving empty fields out', () => {
    expect(holdRequestSchema.safeParse(commandBody('hold', { reason: ' 客户机房装修 ', expectedResumeDate: '' })).success).toBe(true);
    expect(commandBody('hold', { reason: '装修', expectedResumeDate: '2026-12-20' })).toEqual({ reason: '装修', expectedResumeDate: '2026-12-20' });
    expect(noteRequestSchema.safeParse(commandBody('resume', {})).success).toBe(true);
    expect(noteRequestSchema.safeParse(commandBody('retry', { note: '光缆已修复' })).success).toBe(true);
    const amend = commandBody('amend', { reason: '搬迁', siteRole: 'Z-end', city: '广州', address: '天河区', bandwidth: '' });
    expect(amend).toEqual({ reason: '搬迁', place: [{ role: 'Z-end', city: '广州', address: '天河区' }] });
    expect(amendmentSchema.safeParse(amend).success).toBe(true);
    const build = commandBody('confirm-build', { agreedDate: '2027-01-10', buildCost: '12000' });
    expect(build).toEqual({ investmentType: 'ROLLING', agreedDate: '2027-01-10', buildCost: 12000 });
    expect(networkBuildConfirmationSchema.safeParse(build).success).toBe(true);
  });

  it('go to the route of each command; a cancellation is a TMF622 cancelProductOrder', () => {
    const id = 'ord_01J00000000000000000000000';
    expect(orderCommandRequest(id, 'hold', { reason: 'x' })).toEqual({ method: 'POST', path: `/api/orders/${id}/hold`, body: { reason: 'x' } });
    expect(orderCommandRequest(id, 'amend', { reason: 'x' }).method).toBe('PATCH');
    expect(orderCommandRequest(id, 'confirm-build', {}).path).toBe(`/api/orders/${id}/network-build`);
    const cancel = orderCommandRequest(id, 'cancel', commandBody('cancel', { reason: '客户撤单' }));
    expect(cancel.path).toBe('/tmf-api/productOrderingManagement/v4/cancelProductOrder');
    expect(cancelProductOrderSchema.safeParse(cancel.body).success).toBe(true);
  });
});
