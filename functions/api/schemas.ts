/**
 * zod schemas at the HTTP boundary. They validate requests, give the handlers their types (z.infer) and feed the
 * OpenAPI document (functions/api/openapi.ts). One schema per concept; no hand-written checks elsewhere.
 */
import * as z from 'zod';
import { accountStatuses, accountTiers, contactRoles, industrySegments, tierOutcomes } from '../domain/accounts.ts';
import { checkCreditCode } from '../domain/credit-code.ts';
import { bandwidths, productIds } from '../domain/catalogue.ts';
import { orderStages, stageStatuses, workPositions } from '../domain/order-stages.ts';
import { orderStates } from '../domain/order-lifecycle.ts';
import { userRoles } from '../domain/people.ts';
import { passwordPolicyViolations } from '../domain/user-management.ts';
import { planActionStatuses } from '../domain/customer-plan.ts';
import { approvalLevels, slaClasses } from '../domain/commercial-authorisation.ts';
import { reportGroupings } from '../domain/sla-attainment.ts';
import { alarmAudiences, alarmStates } from '../commons/alarm-definitions.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoInstant = z.iso.datetime({ offset: true });
const isoDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const accountIdSchema = z.string().regex(/^acc_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an account id such as acc_01J…').meta({ description: 'Key account id' });
export const orderIdSchema = z.string().regex(/^ord_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an order id such as ord_01J…').meta({ description: 'Order id' });

export const errorResponseSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
});

// ---------------------------------------------------------------- accounts
const creditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, context) => {
    const verdict = checkCreditCode(code);
    if (!verdict.valid) context.addIssue({ code: 'custom', message: `not a unified social credit code: ${verdict.reason}` });
  });

export const createAccountSchema = z
  .object({
    name: text(200),
    industry: z.enum(industrySegments),
    /** Declared tier; when absent the tiering rule decides. */
    tier: z.enum(accountTiers).optional(),
    creditCode: creditCodeSchema.optional(),
    monthlyBilledRevenue: z.number().nonnegative().max(1e12).optional(),
    strategic: z.boolean().optional(),
    parentAccountId: accountIdSchema.optional(),
    province: text(50).optional(),
    city: text(50).optional(),
    accountManager: text(100).optional(),
  })
  .strict()
  .meta({ id: 'AccountCreate' });
export type CreateAccountRequest = z.infer<typeof createAccountSchema>;

export const accountSchema = z
  .object({
    id: accountIdSchema,
    name: z.string(),
    industry: z.enum(industrySegments),
    tier: z.enum(tierOutcomes),
    tierOverridden: z.boolean(),
    status: z.enum(accountStatuses),
    creditCode: z.string().optional(),
    monthlyBilledRevenue: z.number(),
    strategic: z.boolean(),
    parentAccountId: z.string().optional(),
    province: z.string().optional(),
    city: z.string().optional(),
    accountManager: z.string().optional(),
    createdAt: isoInstant,
    updatedAt: isoInstant,
    version: z.number().int(),
    /** On a single account and on branch listings: own figures plus those of every branch below, within reach. */
    rollup: z.object({ monthlyBilledRevenue: z.number(), openOrders: z.number().int(), accounts: z.number().int() }).optional(),
  })
  .meta({ id: 'Account' });

export const accountPageSchema = z
  .object({ items: z.array(accountSchema), nextCursor: z.string().optional() })
  .meta({ id: 'AccountPage' });

export const accountPathSchema = z.object({ id: accountIdSchema });

/** `roots=true` lists only the tops of the hierarchy (accounts without a parent) within reach. */
export const listAccountsQuerySchema = listQuerySchema.extend({ roots: z.stringbool().optional() });

export const updateAccountSchema = z
  .object({
    /** The version read; a stale version is a 409, so concurrent edits never lose an update. */
    version: z.number().int().min(1),
    name: text(200).optional(),
    industry: z.enum(industrySegments).optional(),
    status: z.enum(accountStatuses).optional(),
    province: text(50).optional(),
    city: text(50).optional(),
    creditCode: creditCodeSchema.optional(),
    monthlyBilledRevenue: z.number().nonnegative().max(1e12).optional(),
    strategic: z.boolean().optional(),
    parentAccountId: z.union([accountIdSchema, z.literal('none')]).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 1, { message: 'at least one field to change besides version', path: ['version'] })
  .meta({ id: 'AccountUpdate' });
export type UpdateAccountRequest = z.infer<typeof updateAccountSchema>;

export const tierOverrideSchema = z.object({ tier: z.enum(tierOutcomes), reason: text(1000) }).strict().meta({ id: 'TierOverride' });

export const tierChangeSchema = z
  .object({ at: isoInstant, from: z.string(), to: z.enum(tierOutcomes), ruleVersion: z.number().optional(), override: z.boolean(), changedBy: z.string(), reason: z.string() })
  .meta({ id: 'TierChange' });
export const tierHistorySchema = z.object({ items: z.array(tierChangeSchema) }).meta({ id: 'TierHistory' });
export const tierEvaluationSchema = z.object({ evaluated: z.number(), changed: z.number(), skippedOverrides: z.number(), ruleVersion: z.number() }).meta({ id: 'TierEvaluation' });

const phoneSchema = z.string().trim().regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'a mainland mobile (11 digits) or landline (0xx-xxxxxxx) number');
export const createContactSchema = z
  .object({ name: text(100), role: z.enum(contactRoles), phone: phoneSchema.optional(), email: z.email().max(200).optional(), site: text(200).optional() })
  .strict()
  .refine((contact) => contact.phone !== undefined || contact.email !== undefined, { message: 'a phone number or an email address is required', path: ['phone'] })
  .meta({ id: 'ContactCreate' });
export type CreateContactRequest = z.infer<typeof createContactSchema>;
export const contactSchema = z
  .object({ id: z.string(), accountId: z.string(), name: z.string(), role: z.enum(contactRoles), phone: z.string().optional(), email: z.string().optional(), site: z.string().optional(), createdAt: isoInstant })
  .meta({ id: 'Contact' });
export const contactListSchema = z.object({ items: z.array(contactSchema) }).meta({ id: 'ContactList' });

// ---------------------------------------------------------------- products
const stageLimitSchema = z
  .object({
    stage: z.enum(orderStages),
    workingDays: z.number().nonnegative().max(250).optional(),
    workingHours: z.number().nonnegative().max(2000).optional(),
  })
  .strict()
  .refine((limit) => limit.workingDays !== undefined || limit.workingHours !== undefined, { message: 'give workingDays or workingHours', path: ['workingDays'] });

export const productSchema = z
  .object({
    id: z.enum(productIds),
    version: z.number().int().meta({ description: 'Catalogue version; 0 is the built-in one' }),
    name: z.string(),
    nameZh: z.string(),
    pointToPoint: z.boolean(),
    bandwidths: z.array(z.object({ bandwidth: z.enum(bandwidths), oneOffCharge: z.number(), monthlyCharge: z.number() })),
    stageTemplate: z.array(z.object({ stage: z.enum(orderStages), workingDays: z.number().optional(), workingHours: z.number().optional() })).meta({ description: "Each stage's default time limit; orders without a contract are timed by it" }),
    updatedBy: z.string().optional(),
    updatedAt: isoInstant.optional(),
  })
  .meta({ id: 'Product' });
export const productDetailSchema = productSchema.extend({ history: z.array(productSchema) }).meta({ id: 'ProductDetail' });
export const productPathSchema = z.object({ id: z.enum(productIds) });

export const updateProductSchema = z
  .object({
    version: z.number().int().nonnegative().meta({ description: 'The version read; another save in between is a 409' }),
    reason: text(500),
    name: text(100).optional(),
    nameZh: text(100).optional(),
    prices: z
      .array(z.object({ bandwidth: z.enum(bandwidths), oneOffCharge: z.number().nonnegative().max(1e8), monthlyCharge: z.number().nonnegative().max(1e8) }).strict())
      .min(1, 'at least one bandwidth')
      .refine((prices) => new Set(prices.map((price) => price.bandwidth)).size === prices.length, 'each bandwidth once'),
    stageTemplate: z
      .array(stageLimitSchema)
      .min(1)
      .refine((limits) => new Set(limits.map((limit) => limit.stage)).size === limits.length, 'each stage once'),
  })
  .strict()
  .meta({ id: 'ProductUpdate' });
export type UpdateProductRequest = z.infer<typeof updateProductSchema>;
export const productListSchema = z.object({ items: z.array(productSchema) }).meta({ id: 'ProductList' });

// ---------------------------------------------------------------- orders (TMF622-shaped)
const placeSchema = z
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

export const idempotencyHeadersSchema = z.object({
  'idempotency-key': z.string().trim().min(8).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only').optional(),
});

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

// ---------------------------------------------------------------- hold, resume, amendment, retry, cancellation
export const holdRequestSchema = z
  .object({
    reason: text(1000).meta({ description: "The customer's cause (the clock stops only for customer-caused delays)" }),
    expectedResumeDate: isoDate.optional(),
  })
  .strict()
  .meta({ id: 'OrderHoldRequest' });
export type HoldRequest = z.infer<typeof holdRequestSchema>;

export const noteRequestSchema = z.object({ note: text(1000).optional() }).strict().meta({ id: 'OrderNote' });
export type NoteRequest = z.infer<typeof noteRequestSchema>;

export const amendmentSchema = z
  .object({
    reason: text(1000),
    bandwidth: z.enum(bandwidths).optional(),
    requestedCompletionDate: isoDate.optional(),
    place: z.array(placeSchema).min(1).max(2).optional().meta({ description: 'Sites to change, by role; a changed site re-checks resources' }),
  })
  .strict()
  .refine((body) => body.bandwidth !== undefined || body.requestedCompletionDate !== undefined || body.place !== undefined, {
    message: 'name at least one of bandwidth, requestedCompletionDate, place',
    path: ['bandwidth'],
  })
  .meta({ id: 'ProductOrder_Amend' });
export type AmendmentRequest = z.infer<typeof amendmentSchema>;

export const cancelProductOrderSchema = z
  .object({
    productOrder: z.object({ id: orderIdSchema, href: z.string().max(300).optional(), '@referredType': z.string().max(50).optional() }).strict(),
    cancellationReason: text(1000),
    requestedCancellationDate: isoDate.optional(),
    '@type': z.literal('CancelProductOrder').optional(),
  })
  .strict()
  .meta({ id: 'CancelProductOrder_Create' });
export type CancelProductOrderRequest = z.infer<typeof cancelProductOrderSchema>;

export const cancelProductOrderIdSchema = z.string().regex(/^cpo_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a cancellation id such as cpo_01J…');
export const cancelProductOrderPathSchema = z.object({ id: cancelProductOrderIdSchema });

export const cancelProductOrderViewSchema = z
  .object({
    id: z.string(),
    href: z.string(),
    '@type': z.literal('CancelProductOrder'),
    state: z.enum(['acknowledged', 'inProgress', 'done', 'terminatedWithError']),
    cancellationReason: z.string(),
    creationDate: isoInstant,
    effectiveCancellationDate: isoInstant.optional(),
    productOrder: z.object({ id: z.string(), href: z.string(), '@referredType': z.literal('ProductOrder') }),
    releasedResources: z.array(z.string()).optional(),
    buildCostCharged: z.number().optional(),
  })
  .meta({ id: 'CancelProductOrder' });

// ---------------------------------------------------------------- acceptance (验收) by the account manager
export const acceptanceDecisionSchema = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('ACCEPTED'), signedBy: text(100).optional(), note: text(1000).optional() }).strict(),
    z.object({ decision: z.literal('REJECTED'), reason: text(1000), signedBy: text(100).optional() }).strict(),
  ])
  .meta({ id: 'AcceptanceDecision' });
export type AcceptanceDecisionRequest = z.infer<typeof acceptanceDecisionSchema>;

export const acceptanceResultSchema = z
  .object({ orderId: orderIdSchema, stage: z.literal('CUSTOMER_ACCEPTANCE'), decision: z.enum(['ACCEPTED', 'REJECTED']), recordedAt: isoInstant })
  .meta({ id: 'AcceptanceResult' });

// ---------------------------------------------------------------- network build confirmation by planning
export const networkBuildConfirmationSchema = z
  .object({
    investmentType: z.enum(['ROLLING', 'STRATEGIC']),
    agreedDate: isoDate,
    /** What the build costs (CNY); charged to the customer if the order is cancelled after the build was confirmed. */
    buildCost: z.number().nonnegative().max(1e9).optional(),
    note: text(1000).optional(),
  })
  .strict()
  .meta({ id: 'NetworkBuildConfirmation' });
export type NetworkBuildConfirmationRequest = z.infer<typeof networkBuildConfirmationSchema>;

// ---------------------------------------------------------------- provisioning system callbacks
const eventIdSchema = text(100).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

export const testReportSchema = z
  .object({
    passed: z.literal(true),
    measuredBandwidth: text(20).optional(),
    latencyMs: z.number().nonnegative().max(100000).optional(),
    packetLossPercent: z.number().min(0).max(100).optional(),
    notes: text(2000).optional(),
  })
  .strict();

export const provisioningCallbackSchema = z
  .discriminatedUnion('status', [
    z.object({ eventId: eventIdSchema, status: z.literal('PROGRESS'), message: text(1000), percent: z.number().int().min(0).max(100).optional() }).strict(),
    z.object({ eventId: eventIdSchema, status: z.literal('COMPLETED'), circuitId: text(64), testReport: testReportSchema }).strict(),
    z.object({ eventId: eventIdSchema, status: z.literal('FAILED'), reason: text(1000) }).strict(),
  ])
  .meta({ id: 'ProvisioningCallback' });
export type ProvisioningCallback = z.infer<typeof provisioningCallbackSchema>;

export const callbackPathSchema = z.object({ id: orderIdSchema, stage: z.enum(['ACTIVATION']) });

export const callbackResultSchema = z
  .object({ orderId: orderIdSchema, stage: z.string(), eventId: z.string(), status: z.string(), duplicate: z.boolean() })
  .meta({ id: 'CallbackResult' });

/** The activation request KAMflow sends to a provisioning system (webhook body). */
export const activationRequestSchema = z
  .object({
    activationRequestId: z.string(),
    orderId: orderIdSchema,
    attempt: z.number().int(),
    product: z.enum(productIds),
    bandwidth: z.enum(bandwidths),
    places: z.array(z.object({ role: z.string(), city: z.string(), address: z.string(), exchange: z.string().optional() })),
    callbackUrl: z.string(),
  })
  .meta({ id: 'ActivationRequest' });
export type ActivationRequest = z.infer<typeof activationRequestSchema>;

export const healthSchema = z.object({ status: z.literal('ok'), service: z.string(), time: isoInstant }).meta({ id: 'Health' });

// ---------------------------------------------------------------- people
export const currentUserSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(userRoles)),
    managerId: z.string().optional(),
    unitId: z.string().optional(),
    workPosition: z.enum(workPositions).optional(),
  })
  .meta({ id: 'User' });

export const userPageSchema = z.object({ items: z.array(currentUserSchema.extend({ status: z.enum(['PENDING', 'ACTIVE', 'DISABLED']).optional(), version: z.number().int().optional() })), nextCursor: z.string().optional() }).meta({ id: 'UserPage' });

// ---------------------------------------------------------------- managing people (administrators)
/** Cognito user names are case-insensitive in this pool; KAMflow keeps them lower case. `none` marks "no manager". */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{0,62}[a-z0-9]$/, 'letters, digits, dots, hyphens and underscores, starting with a letter (2 to 64 characters)')
  .refine((name) => name !== 'none', 'is reserved')
  .meta({ description: 'User name (sign-in name)' });
const unitSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{1,50}$/, 'a unit code such as NORTH (letters, digits, - and _)');
const rolesSchema = z
  .array(z.enum(userRoles))
  .min(1, 'at least one role')
  .refine((roles) => new Set(roles).size === roles.length, 'each role once');
const temporaryPasswordSchema = z
  .string()
  .max(256)
  .superRefine((password, context) => {
    for (const message of passwordPolicyViolations(password)) context.addIssue({ code: 'custom', message });
  });

export const createUserSchema = z
  .object({
    username: usernameSchema,
    displayName: text(100),
    email: z.email().max(200),
    roles: rolesSchema,
    /** Reporting line: the user name of the person's manager, and their unit. */
    manager: usernameSchema.optional(),
    unit: unitSchema.optional(),
    /** Handed to the person, who must choose a new password at the first sign-in. Never stored or logged. */
    temporaryPassword: temporaryPasswordSchema,
  })
  .strict()
  .meta({ id: 'UserCreate' });
export type CreateUserRequest = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    /** The version read; a stale version is a 409. */
    version: z.number().int().min(1),
    roles: rolesSchema.optional(),
    /** `null` removes the manager. */
    manager: usernameSchema.nullable().optional(),
    unit: unitSchema.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 1, { message: 'at least one field to change besides version', path: ['version'] })
  .meta({ id: 'UserUpdate' });
export type UpdateUserRequest = z.infer<typeof updateUserSchema>;

export const userPathSchema = z.object({ id: usernameSchema });

export const managedUserSchema = currentUserSchema
  .extend({
    email: z.string().optional(),
    status: z.enum(['PENDING', 'ACTIVE', 'DISABLED']),
    version: z.number().int(),
    createdAt: isoInstant,
    updatedAt: isoInstant.optional(),
  })
  .meta({ id: 'ManagedUser' });

// ---------------------------------------------------------------- customer plan (客户发展计划)
export const planPathSchema = z.object({ id: accountIdSchema, year: z.coerce.number().int().min(2000).max(2100) });

export const savePlanSchema = z
  .object({
    /** Absent to create the year's plan; the version read to change it (409 when stale). */
    version: z.number().int().min(1).optional(),
    revenueTarget: z.number().nonnegative().max(1e13),
    resourcePlan: text(4000).optional(),
    actions: z
      .array(z.object({ title: text(300), owner: text(100), dueDate: z.iso.date(), status: z.enum(planActionStatuses), followUp: text(1000).optional() }).strict())
      .max(100),
  })
  .strict()
  .meta({ id: 'CustomerPlanSave' });
export type SavePlanRequest = z.infer<typeof savePlanSchema>;

export const customerPlanSchema = z
  .object({
    accountId: z.string(),
    year: z.number(),
    revenueTarget: z.number(),
    resourcePlan: z.string().optional(),
    actions: z.array(z.object({ title: z.string(), owner: z.string(), dueDate: z.string(), status: z.enum(planActionStatuses), followUp: z.string().optional() })),
    progress: z.object({ billedRevenue: z.number(), percentOfTarget: z.number(), asOf: z.string() }),
    updatedBy: z.string(),
    updatedAt: isoInstant,
    version: z.number(),
  })
  .meta({ id: 'CustomerPlan' });

// ---------------------------------------------------------------- contracts and commercial authorisation (商务授权)
export const createContractSchema = z
  .object({
    title: text(200),
    termMonths: z.number().int().min(1).max(120),
    slaClass: z.enum(slaClasses),
    committedActivationDays: z.number().int().min(1).max(365),
    signedDate: z.iso.date().optional(),
    lines: z
      .array(
        z
          .object({
            productId: z.enum(productIds),
            bandwidth: z.enum(bandwidths),
            quantity: z.number().int().min(1).max(1000),
            agreedMonthlyCharge: z.number().nonnegative().max(1e9),
          })
          .strict(),
      )
      .min(1)
      .max(50),
  })
  .strict()
  .meta({ id: 'ContractCreate' });
export type CreateContractRequest = z.infer<typeof createContractSchema>;

export const contractSchema = z
  .object({
    id: z.string(),
    accountId: z.string(),
    title: z.string(),
    termMonths: z.number(),
    slaClass: z.enum(slaClasses),
    committedActivationDays: z.number(),
    signedDate: z.string().optional(),
    lines: z.array(z.object({ productId: z.string(), bandwidth: z.string(), quantity: z.number(), listMonthlyCharge: z.number(), agreedMonthlyCharge: z.number(), oneOffCharge: z.number() })),
    listValue: z.number(),
    agreedValue: z.number(),
    discountPercent: z.number(),
    requiredLevel: z.enum(approvalLevels),
    approvalReasons: z.array(z.string()),
    status: z.string(),
    decisions: z.array(z.object({ decision: z.string(), by: z.string(), at: z.string(), reason: z.string() })),
    submittedBy: z.string(),
    submittedAt: isoInstant,
    version: z.number(),
  })
  .meta({ id: 'Contract' });
export const contractPageSchema = z.object({ items: z.array(contractSchema), nextCursor: z.string().optional() }).meta({ id: 'ContractPage' });
export const contractPathSchema = z.object({ id: z.string().regex(/^con_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a contract id such as con_01J…') });
export const contractDecisionSchema = z
  .object({ decision: z.enum(['APPROVED', 'REFUSED']), reason: text(1000) })
  .strict()
  .meta({ id: 'ContractDecision' });
export type ContractDecisionRequest = z.infer<typeof contractDecisionSchema>;

// ---------------------------------------------------------------- SLA jeopardy and escalations
const slaTargetSchema = z.enum([...orderStages, 'ORDER']);
export const atRiskQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export const atRiskItemSchema = z
  .object({
    orderId: z.string(),
    stage: slaTargetSchema.meta({ description: 'The stage, or ORDER for the order end to end' }),
    status: z.enum(['AT_RISK', 'BREACHED']),
    owner: z.string(),
    accountId: z.string(),
    accountName: z.string(),
    accountManager: z.string(),
    startedAt: isoInstant,
    atRiskAt: isoInstant,
    dueAt: isoInstant,
    timeLeftMs: z.number().meta({ description: 'Until the due time at asOf; negative once breached' }),
    escalationId: z.string().optional(),
  })
  .meta({ id: 'AtRiskItem' });
export const atRiskListSchema = z.object({ asOf: isoInstant, items: z.array(atRiskItemSchema) }).meta({ id: 'AtRiskList' });

export const escalationIdSchema = z
  .string()
  .regex(new RegExp(`^esc_[0-9A-HJKMNP-TV-Z]{26}_(${[...orderStages, 'ORDER'].join('|')})$`), 'must be an escalation id such as esc_01J…_ACTIVATION');
export const escalationPathSchema = z.object({ id: escalationIdSchema });
export const escalationSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    stage: slaTargetSchema,
    accountId: z.string(),
    accountName: z.string(),
    accountTier: z.string().optional(),
    accountManager: z.string(),
    owner: z.string(),
    dueAt: isoInstant,
    breachedAt: isoInstant,
    level: z.enum(['OWNER', 'SUPERVISOR', 'DEPARTMENT_HEAD', 'GROUP_KEY_ACCOUNT']),
    status: z.enum(['OPEN', 'ACKNOWLEDGED']),
    steps: z.array(z.object({ level: z.string(), at: isoInstant, notified: z.array(z.string()), informed: z.array(z.string()), channel: z.string() })),
    acknowledgedBy: z.string().optional(),
    acknowledgedAt: isoInstant.optional(),
    createdAt: isoInstant,
    version: z.number(),
  })
  .meta({ id: 'Escalation' });
export const escalationPageSchema = z.object({ items: z.array(escalationSchema), nextCursor: z.string().optional() }).meta({ id: 'EscalationPage' });

// ---------------------------------------------------------------- order event hub (TMF630 hub/listener)
export const hubSubscriptionRequestSchema = z
  .object({
    callback: z
      .string()
      .trim()
      .max(2000)
      .refine((value) => {
        try {
          const url = new URL(value);
          return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
        } catch {
          return false;
        }
      }, 'must be an absolute http(s) URL without credentials'),
    query: z.string().max(1000).optional().meta({ description: 'e.g. eventType=ProductOrderStateChangeEvent&productOrder.state=completed,failed' }),
  })
  .strict()
  .meta({ id: 'EventSubscriptionInput' });
export type HubSubscriptionRequest = z.infer<typeof hubSubscriptionRequestSchema>;

export const hubPathSchema = z.object({ id: z.string().regex(/^hub_[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a subscription id such as hub_01J…') });

export const hubSubscriptionSchema = z
  .object({
    id: z.string(),
    callback: z.string(),
    query: z.string(),
    createdAt: isoInstant,
    secret: z.string().optional().meta({ description: 'Only in the answer to the creation: deliveries carry x-kamflow-signature = hex HMAC-SHA256(secret, timestamp + "." + body)' }),
    deliveries: z
      .array(z.object({ eventId: z.string(), orderId: z.string(), eventType: z.string(), status: z.string(), attempts: z.number(), lastStatusCode: z.number().optional(), nextAttemptAt: z.string().optional(), deliveredAt: z.string().optional() }))
      .optional(),
  })
  .meta({ id: 'EventSubscription' });
export const hubSubscriptionPageSchema = z.object({ items: z.array(hubSubscriptionSchema), nextCursor: z.string().optional() }).meta({ id: 'EventSubscriptionPage' });
// ---------------------------------------------------------------- SLA reports and alarms
export const slaReportQuerySchema = z.object({
  from: z.iso.date().optional().meta({ description: 'First day (Beijing time), inclusive; default 29 days before `to`' }),
  to: z.iso.date().optional().meta({ description: 'Last day (Beijing time), inclusive; default today' }),
  groupBy: z.enum(reportGroupings).default('stage'),
  format: z.enum(['json', 'csv']).optional().meta({ description: 'csv (or `Accept: text/csv`) answers a CSV file for Excel' }),
});
const attainmentRowSchema = z.object({
  key: z.string(),
  finished: z.number().int(),
  timed: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  failed: z.number().int(),
  attainment: z.number().nullable(),
  averageWorkingHours: z.number().nullable(),
});
export const slaReportSchema = z
  .object({ from: z.string(), to: z.string(), groupBy: z.enum(reportGroupings), scope: z.string(), total: attainmentRowSchema, rows: z.array(attainmentRowSchema) })
  .meta({ id: 'SlaReport' });
export const alarmStateSchema = z
  .object({
    name: z.string(),
    kind: z.enum(['threshold', 'anomaly', 'composite']),
    description: z.string(),
    audience: z.array(z.enum(alarmAudiences)),
    state: z.enum(alarmStates),
    reason: z.string(),
    updatedAt: z.string().optional(),
    metricName: z.string().optional(),
    dimensions: z.record(z.string(), z.string()).optional(),
    statistic: z.string().optional(),
    comparison: z.string().optional(),
    threshold: z.number().optional(),
    periodSeconds: z.number().optional(),
    evaluationPeriods: z.number().optional(),
    anyOf: z.array(z.string()).optional(),
  })
  .meta({ id: 'AlarmState' });
export const alarmStateListSchema = z.object({ items: z.array(alarmStateSchema) }).meta({ id: 'AlarmStateList' });

// ---------------------------------------------------------------- SLA policies and business calendars
const workingBudgetSchema = z.object({ workingDays: z.number().optional(), workingHours: z.number().optional() });
const workingIntervalSchema = z.object({ start: z.string(), end: z.string() });
export const slaPolicyViewSchema = z
  .object({
    id: z.string(),
    policyId: z.string(),
    version: z.number(),
    current: z.boolean(),
    source: z.enum(['CLASS', 'PRODUCT_STANDARD']).meta({ description: "CLASS: a contract's SLA class (versioned with the code); PRODUCT_STANDARD: a product's stage template, for orders without a contract (versioned with the catalogue)" }),
    appliesTo: z.object({ slaClass: z.enum(slaClasses).optional(), tier: z.enum(accountTiers).optional(), productId: z.enum(productIds).optional() }),
    stageTargets: z.array(z.object({ stage: z.enum(orderStages), workingDays: z.number().optional(), workingHours: z.number().optional() })),
    endToEnd: workingBudgetSchema,
    jeopardyThreshold: z.number(),
    calendarId: z.string().meta({ description: "CN: the national calendar, or the province of the order's A-end where it has data" }),
    workingHours: z.array(workingIntervalSchema),
  })
  .meta({ id: 'SlaPolicy' });
export const slaPolicyListSchema = z.object({ items: z.array(slaPolicyViewSchema) }).meta({ id: 'SlaPolicyList' });
export const slaPolicyPathSchema = z.object({ id: z.string().regex(/^[a-zA-Z0-9_-]{1,60}$/, 'must be a policy id such as class-A or product-EPL') });
export const slaPolicyDetailSchema = slaPolicyViewSchema.extend({ versions: z.array(slaPolicyViewSchema) }).meta({ id: 'SlaPolicyDetail' });

const localDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const namedDateSchema = z.object({ date: localDateSchema, name: text(100) }).strict();
export const calendarPathSchema = z.object({ province: z.string().regex(/^CN(-[A-Z]{2})?$/, 'must be CN or a province code such as CN-GD') });
export const calendarYearQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const calendarOverridesSchema = z
  .object({
    /** The version read (0 when the calendar has no data yet): a calendar changed since is a 409. */
    version: z.number().int().min(0),
    extraHolidays: z.array(namedDateSchema).max(366).default([]),
    extraWorkingDays: z.array(namedDateSchema).max(366).default([]),
    additionalYears: z
      .array(z.object({ year: z.number().int().min(2000).max(2100), holidays: z.array(namedDateSchema).max(366), makeUpWorkingDays: z.array(namedDateSchema).max(366) }).strict())
      .max(10)
      .default([]),
  })
  .strict()
  .meta({ id: 'CalendarOverrides' });
export type CalendarOverridesRequest = z.infer<typeof calendarOverridesSchema>;
export const savedCalendarOverridesSchema = calendarOverridesSchema.extend({ calendarId: z.string(), updatedBy: z.string().optional(), updatedAt: z.string().optional() }).meta({ id: 'SavedCalendarOverrides' });
const dayKinds = ['WORKING_DAY', 'WEEKEND', 'PUBLIC_HOLIDAY', 'MAKE_UP_WORKING_DAY', 'PROVINCIAL_HOLIDAY', 'PROVINCIAL_WORKING_DAY', 'UNPUBLISHED'] as const;
export const calendarSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameZh: z.string(),
    kind: z.enum(['NATIONAL', 'PROVINCE']),
    publishedYears: z.array(z.number()),
    timeZone: z.string(),
    workingHours: z.array(workingIntervalSchema),
    extraHolidayCount: z.number(),
    extraWorkingDayCount: z.number(),
    additionalYears: z.array(z.number()),
    overridesVersion: z.number(),
  })
  .meta({ id: 'CalendarSummary' });
export const calendarListSchema = z.object({ items: z.array(calendarSummarySchema) }).meta({ id: 'CalendarList' });
export const calendarYearSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameZh: z.string(),
    year: z.number(),
    published: z.boolean(),
    publishedYears: z.array(z.number()),
    workingHours: z.array(workingIntervalSchema),
    days: z.array(z.object({ date: z.string(), kind: z.enum(dayKinds), working: z.boolean().optional(), name: z.string().optional(), year: z.number().optional() })),
    overrides: savedCalendarOverridesSchema,
  })
  .meta({ id: 'CalendarYear' });
