/**
 * Ids of audit events and other time-ordered records: ULIDs from one monotonic factory per process, so ids sort in the
 * order they were made, even within one millisecond and across modules.
 */
import { monotonicFactory } from 'ulid';

export const newEventId: () => string = monotonicFactory();
