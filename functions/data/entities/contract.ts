import { Entity } from 'electrodb';
import type { EntityItem } from 'electrodb';
import { approvalLevels, slaClasses } from '../../domain/commercial-authorisation.ts';
import { bandwidths, productIds } from '../../domain/catalogue.ts';
import { entityConfiguration } from '../table.ts';

export const contractStatuses = ['PENDING_APPROVAL', 'APPROVED', 'REFUSED'] as const;

/** A contract of a key account: the source of an order's SLA, approved within the commercial authorisation matrix. */
export const ContractEntity = new Entity(
  {
    model: { entity: 'contract', version: '1', service: 'kamflow' },
    attributes: {
      contractId: { type: 'string', required: true, readOnly: true },
      accountId: { type: 'string', required: true, readOnly: true },
      accountManager: { type: 'string', required: true },
      supervisorId: { type: 'string', required: true },
      unitId: { type: 'string', required: true },
      title: { type: 'string', required: true },
      termMonths: { type: 'number', required: true },
      slaClass: { type: slaClasses, required: true },
      committedActivationDays: { type: 'number', required: true },
      signedDate: { type: 'string' },
      lines: {
        type: 'list',
        required: true,
        items: {
          type: 'map',
          properties: {
            productId: { type: productIds, required: true },
            bandwidth: { type: bandwidths, required: true },
            quantity: { type: 'number', required: true },
            listMonthlyCharge: { type: 'number', required: true },
            agreedMonthlyCharge: { type: 'number', required: true },
            oneOffCharge: { type: 'number', required: true },
          },
        },
      },
      listValue: { type: 'number', required: true },
      agreedValue: { type: 'number', required: true },
      discountPercent: { type: 'number', required: true },
      requiredLevel: { type: approvalLevels, required: true },
      approvalReasons: { type: 'list', required: true, items: { type: 'string' } },
      matrixVersion: { type: 'number', required: true },
      status: { type: contractStatuses, required: true },
      /** Whose inbox the contract waits in (`SUPERVISOR#sup.zhou`, `DEPARTMENT_HEAD#NORTH`, `GROUP_COMMERCIAL#all`); `none` once decided. */
      approvalQueue: { type: 'string', required: true },
      decisions: {
        type: 'list',
        required: true,
        items: { type: 'map', properties: { decision: { type: ['APPROVED', 'REFUSED'] as const, required: true }, by: { type: 'string', required: true }, at: { type: 'string', required: true }, reason: { type: 'string', required: true } } },
      },
      submittedBy: { type: 'string', required: true },
      submittedAt: { type: 'string', required: true, readOnly: true },
      version: { type: 'number', required: true },
    },
    indexes: {
      byId: { pk: { field: 'pk', composite: ['contractId'] }, sk: { field: 'sk', composite: [] } },
      byAccount: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['accountId'] }, sk: { field: 'gsi1sk', composite: ['submittedAt', 'contractId'] } },
      /** An approver's inbox. */
      byApprovalQueue: { index: 'gsi3', pk: { field: 'gsi3pk', composite: ['approvalQueue'] }, sk: { field: 'gsi3sk', composite: ['submittedAt', 'contractId'] } },
      /** Contracts within a person's reach, newest first: everyone's, a unit's, a team's, an owner's. */
      allContracts: { index: 'gsi2', pk: { field: 'gsi2pk', composite: [] }, sk: { field: 'gsi2sk', composite: ['submittedAt', 'contractId'] } },
      byOwner: { index: 'gsi4', pk: { field: 'gsi4pk', composite: ['accountManager'] }, sk: { field: 'gsi4sk', composite: ['submittedAt', 'contractId'] } },
      byTeam: { index: 'gsi5', pk: { field: 'gsi5pk', composite: ['supervisorId'] }, sk: { field: 'gsi5sk', composite: ['submittedAt', 'contractId'] } },
      byUnit: { index: 'gsi6', pk: { field: 'gsi6pk', composite: ['unitId'] }, sk: { field: 'gsi6sk', composite: ['submittedAt', 'contractId'] } },
    },
  },
  entityConfiguration,
);

export type ContractRecord = EntityItem<typeof ContractEntity>;
