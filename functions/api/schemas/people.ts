/** The signed-in person and the people listing. */
import * as z from 'zod';
import { workPositions } from '../../domain/order-stages.ts';
import { userRoles } from '../../domain/people.ts';

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
