/** An account's contacts. */
import * as z from 'zod';
import { contactRoles } from '../../domain/accounts.ts';
import { isoInstant, text } from './common.ts';

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
