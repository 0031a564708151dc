/** Liveness of the API. */
import * as z from 'zod';
import { isoInstant } from './common.ts';

export const healthSchema = z.object({ status: z.literal('ok'), service: z.string(), time: isoInstant }).meta({ id: 'Health' });
