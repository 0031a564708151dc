/** TMF622-shaped product orders: submission, the order view with its stages, billing and audit trail. */
import * as z from 'zod';
import { productIds } from '../../domain/catalogue.ts';
import { orderStages, stageStatuses, workPositions } from '../../domain/order-stages.ts';
import { orderStates } from '../../domain/order-lifecycle.ts';
import { accountIdSchema, isoDate, isoInstant, listQuerySchema, orderIdSchema, text } from './common.ts';

export const placeSchema = z
  .object({
    role: z.enum(['A-end', 'Z-end']),
    city: text(50),
    address: text(300),
  })
  .strict();

const characteristicSchema = z.object({ name: text(50), value: text(100) }).strict();

const productOrderItemSchema = z
  .object({
    id: text(20).default('1'),
    action: z.literal('add').default('add'),
    quantity: z.literal(1).default(1),
    product: z
      .object({
        productSpecification: z.object({ id: z.enum(productIds), name: z.string().max(100).optional() }).strict(),
        productCharacteristic: z.array(characteristicSchema).min(1).max(20),
        place: z.array(placeSchema).min(1).max(2),
      })
      .strict(),
  })
  .strict();

const relatedPartySchema = z
  .object({
    id: accountIdSchema,
    role: z.literal('customer'),
    name: z.string().max(200).optional(),
    '@referredType': z.string().max(50).optional(),
  })
  .strict();

export const createProductOrderSchema = z
  .object({
    externalId: text(100).optional(),
    description: text(1000).optional(),
    priority: z.enum(['0', '1', '2', '3', '4']).optional(),
    requestedCompletionDate: isoDate,
    relatedParty: z.array(relatedPartySchema).length(1, 'exactly one customer party'),
    productOrderItem: z.array(productOrderItemSchema).min(1).max(20).meta({ description: 'One item per circuit; several items make a parent order with one child order per item (跨网一点受理)' }),
    /** TMF622 agreement reference: the approved contract the order is placed under (its SLA class applies). */
    agreement: z.array(z.object({ id: z.string().regex(/^con_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a contract id'), name: z.string().max(200).optional() }).strict()).max(1).optional(),
    '@type': z.literal('ProductOrder').optional(),
  })
  .strict()
  .meta({ id: 'ProductOrder_Create' });
export type CreateProductOrderRequest = z.infer<typeof createProductOrderSchema>;


const progressNoteSchema = z.object({ at: isoInstant, message: z.string(), percent: z.number().optional() });

export const stageViewSchema = z
  .object({
    stage: z.enum(orderStages),
    sequence: z.number().int(),
    workPosition: z.enum(workPositions),
    owner: z.string(),
    status: z.enum(stageStatuses),
    startedAt: isoInstant.optional(),
    finishedAt: isoInstant.optional(),
    attempts: z.number().int(),
    note: z.string().optional(),
    dueAt: isoInstant.optional().meta({ description: 'Planned due time on the business calendar' }),
    onTime: z.boolean().optional(),
    workingHours: z.number().optional().meta({ description: 'Working time the stage took' }),
    progress: z.array(progressNoteSchema).optional(),
  })
  .meta({ id: 'OrderStage' });

export const billingViewSchema = z
  .object({
    billingAccountId: z.string(),
    oneOffCharge: z.number(),
    monthlyCharge: z.number(),
    currency: z.literal('CNY'),
    chargesFrom: z.string(),
    leaseType: z.enum(['LONG_TERM', 'TEMPORARY']).optional(),
    chargeType: z.enum(['SERVICE', 'CANCELLATION']).meta({ description: 'SERVICE: charges from acceptance; CANCELLATION: build costs of a cancelled order' }),
    startedAt: isoInstant,
  })
  .meta({ id: 'BillingRecord' });

export const productOrderSchema = z
  .object({
    id: orderIdSchema,
    href: z.string(),
    '@type': z.literal('ProductOrder'),
    externalId: z.string().optional(),
    description: z.string().optional(),
    priority: z.string().optional(),
    category: z.string(),
    state: z.string().meta({ description: 'TMF622 state' }),
    kamflowState: z.enum(orderStates),
    currentStage: z.enum(orderStages),
    orderDate: isoInstant,
    requestedCompletionDate: z.string(),
    completionDate: isoInstant.optional(),
    relatedParty: z.array(z.object({ id: z.string(), name: z.string().optional(), role: z.string(), '@referredType': z.string() })),
    productOrderItem: z.array(
      z.object({
        id: z.string(),
        action: z.string(),
        quantity: z.number(),
        state: z.string(),
        product: z.object({
          productSpecification: z.object({ id: z.string(), name: z.string() }),
          productCharacteristic: z.array(z.object({ name: z.string(), value: z.string() })),
          place: z.array(z.object({ role: z.string(), city: z.string(), address: z.string(), exchange: z.string().optional() })),
        }),
      }),
    ),
    milestone: z.array(z.object({ id: z.string(), name: z.string(), status: z.string(), milestoneDate: z.string().optional(), message: z.string().optional() })),
    jeopardyAlert: z.array(
      z.object({
        id: z.string(),
        alertDate: z.string(),
        name: z.string(),
        message: z.string(),
        jeopardyType: z.enum(['hazard', 'critical']).optional().meta({ description: 'hazard: at risk; critical: breached' }),
        level: z.enum(['AT_RISK', 'BREACHED']).optional(),
        stage: z.string().optional().meta({ description: 'The stage, or ORDER for the order end to end' }),
        owner: z.string().optional(),
        dueAt: isoInstant.optional(),
      }),
    ),
    stages: z.array(stageViewSchema),
    events: z
      .array(z.object({ id: z.string(), at: isoInstant, type: z.string(), actor: z.string(), fromState: z.string().optional(), toState: z.string().optional(), stage: z.string().optional(), stageStatus: z.string().optional(), reason: z.string().optional() }))
      .meta({ description: 'The audit trail: every state change and stage update, who, when, from, to and why' }),
    billing: billingViewSchema.optional(),
    circuitId: z.string().optional(),
    agreement: z.array(z.object({ id: z.string() })).optional(),
    dueAt: isoInstant.optional(),
    slaPolicy: z.object({ id: z.string(), version: z.number(), note: z.string(), calendarId: z.string().meta({ description: 'The business calendar the due times run on: CN, or the province of the A-end' }), stageDueTimes: z.partialRecord(z.enum(orderStages), z.string()).meta({ description: 'Due time of every stage planned at acknowledgement; absent where its year is not published yet' }) }).optional(),
    slaClass: z.string().optional(),
    failure: z.object({ error: z.string(), cause: z.string(), at: isoInstant }).optional(),
    rejectionReason: z.string().optional(),
    hold: z
      .object({ reason: z.string(), approvedBy: z.string(), startedAt: isoInstant, heldFrom: z.enum(orderStates), expectedResumeDate: z.string().optional() })
      .optional()
      .meta({ description: 'The customer-caused hold in force: the SLA clock is stopped' }),
    holdHistory: z
      .array(z.object({ reason: z.string(), approvedBy: z.string(), startedAt: isoInstant, endedAt: isoInstant, resumedBy: z.string(), heldWorkingHours: z.number().optional() }))
      .optional(),
    cancellation: z
      .object({
        id: z.string(),
        state: z.string(),
        cancellationReason: z.string(),
        requestedBy: z.string(),
        requestedAt: isoInstant,
        effectiveCancellationDate: isoInstant.optional(),
        releasedResources: z.array(z.string()).optional(),
        buildCostCharged: z.number().optional(),
      })
      .optional(),
    orderRelationship: z
      .array(z.object({ id: z.string(), href: z.string(), relationshipType: z.enum(['parent', 'child']), state: z.string().optional(), kamflowState: z.string().optional() }))
      .optional()
      .meta({ description: 'A parent order lists its child orders (one per item); a child names its parent' }),
    availableActions: z.array(z.enum(['hold', 'resume', 'amend', 'cancel', 'retry'])).meta({ description: 'What the order\'s state allows now (the console offers only these)' }),
  })
  .meta({ id: 'ProductOrder' });

export const listOrdersQuerySchema = listQuerySchema.extend({
  accountId: accountIdSchema.optional(),
});

export const orderPathSchema = z.object({ id: orderIdSchema });
