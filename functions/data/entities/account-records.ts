import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { contactRoles, tierOutcomes } from '../../domain/accounts.ts';
import { planActionStatuses } from '../../domain/customer-plan.ts';
import { entityConfiguration } from '../table.ts';

/** Every change of an account's tier: from, to, the rule version or the person who overrode it, and why. */
export const TierChangeEntity = new Entity(
  {
    model: { entity: 'tierChange', version: '1', service: 'kamflow' },
    attributes: {
      accountId: { type: 'string', required: true, readOnly: true },
      changeId: { type: 'string', required: true, readOnly: true },
      at: { type: 'string', required: true },
      from: { type: [...tierOutcomes, 'NONE'] as const, required: true },
      to: { type: tierOutcomes, required: true },
      ruleVersion: { type: 'number' },
      override: { type: 'boolean', required: true, default: false },
      changedBy: { type: 'string', required: true },
      reason: { type: 'string', required: true },
    },
    indexes: {
      byAccount: { pk: { field: 'pk', composite: ['accountId'] }, sk: { field: 'sk', composite: ['changeId'] } },
    },
  },
  entityConfiguration,
);


/** Contacts of an account (personal data: never logged, never shown to roles without contacts:read). */
export const ContactEntity = new Entity(
  {
    model: { entity: 'contact', version: '1', service: 'kamflow' },
    attributes: {
      accountId: { type: 'string', required: true, readOnly: true },
      contactId: { type: 'string', required: true, readOnly: true },
      name: { type: 'string', required: true },
      role: { type: contactRoles, required: true },
      phone: { type: 'string' },
      email: { type: 'string' },
      site: { type: 'string' },
      createdAt: { type: 'string', required: true, readOnly: true },
    },
    indexes: {
      byAccount: { pk: { field: 'pk', composite: ['accountId'] }, sk: { field: 'sk', composite: ['contactId'] } },
    },
  },
  entityConfiguration,
);

/** 客户发展计划 of one account for one year. */
export const CustomerPlanEntity = new Entity(
  {
    model: { entity: 'customerPlan', version: '1', service: 'kamflow' },
    attributes: {
      accountId: { type: 'string', required: true, readOnly: true },
      year: { type: 'number', required: true, readOnly: true },
      revenueTarget: { type: 'number', required: true },
      resourcePlan: { type: 'string' },
      actions: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            title: { type: 'string', required: true },
            owner: { type: 'string', required: true },
            dueDate: { type: 'string', required: true },
            status: { type: planActionStatuses, required: true },
            followUp: { type: 'string' },
          },
        },
      },
      updatedBy: { type: 'string', required: true },
      updatedAt: { type: 'string', required: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      byAccount: { pk: { field: 'pk', composite: ['accountId'] }, sk: { field: 'sk', composite: ['year'] } },
    },
  },
  entityConfiguration,
);

export type TierChangeRecord = EntityItem<typeof TierChangeEntity>;

export type ContactRecord = EntityItem<typeof ContactEntity>;

export type CustomerPlanRecord = EntityItem<typeof CustomerPlanEntity>;
