/** Managing people (administrators). */
import * as z from 'zod';
import { userRoles } from '../../domain/people.ts';
import { passwordPolicyViolations } from '../../domain/user-management.ts';
import { isoInstant, text } from './common.ts';
import { currentUserSchema } from './people.ts';

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
