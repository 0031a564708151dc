/** zod's issues as the field issues of a 400 (or a workflow step's ValidationError): `location.path`, e.g. `query.limit`. */
import type { z } from 'zod';
import type { FieldIssue } from '../domain/field-issue.ts';

export function zodIssues(error: z.ZodError, location?: string): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [location, path].filter((part) => part !== undefined && part !== '').join('.') || location || 'body';
    return { field, message: issue.message };
  });
}
