/** Network build confirmation by planning. */
import * as z from 'zod';
import { isoDate, text } from './common.ts';

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
