/**
 * The API's error body (`{ code, message, issues? }`) turned into what react-admin understands: the message for the
 * notification and, on create, `{ field: message }` form errors that react-admin sets on the matching inputs.
 */
import type { ApiErrorBody, ApiIssue } from '../api/types.ts';

/** Maps an API issue path (e.g. `productOrderItem.0.product.place.0.city`) to a form input's source, if one shows it. */
export type IssueFieldMapper = (apiField: string) => string | undefined;

/**
 * react-admin's submission error shape: string values become field errors (dotted keys address nested inputs);
 * `root.serverError` becomes the form's notification instead of the generic "the form is not valid".
 */
export type FormSubmissionErrors = { [field: string]: string | { serverError: string } };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readIssue(value: unknown): ApiIssue | undefined {
  if (!isRecord(value) || typeof value.message !== 'string') return undefined;
  return { field: typeof value.field === 'string' ? value.field : '', message: value.message };
}

export function readApiErrorBody(json: unknown): ApiErrorBody | undefined {
  if (!isRecord(json) || typeof json.message !== 'string') return undefined;
  const issues = Array.isArray(json.issues)
    ? json.issues.map(readIssue).filter((issue): issue is ApiIssue => issue !== undefined)
    : undefined;
  return {
    code: typeof json.code === 'string' ? json.code : 'UNKNOWN',
    message: json.message,
    ...(issues && issues.length > 0 ? { issues } : {}),
  };
}

/**
 * Form errors for a rejected create, or undefined when the API named no fields (then react-admin shows the message as a
 * plain notification). Issues that no input shows are appended to the notification so that nothing is lost.
 */
export function toFormErrors(body: ApiErrorBody, fieldFor: IssueFieldMapper): FormSubmissionErrors | undefined {
  if (!body.issues || body.issues.length === 0) return undefined;
  const fieldErrors: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const issue of body.issues) {
    const field = issue.field ? fieldFor(issue.field) : undefined;
    if (field === undefined) {
      unplaced.push(issue.field ? `${issue.field}: ${issue.message}` : issue.message);
      continue;
    }
    const previous = fieldErrors[field];
    fieldErrors[field] = previous ? `${previous}; ${issue.message}` : issue.message;
  }
  const serverError = unplaced.length > 0 ? `${body.message} (${unplaced.join('; ')})` : body.message;
  return { ...fieldErrors, root: { serverError } };
}

/** Same names in the form as in the API body: the account form. */
export const sameFieldNames: IssueFieldMapper = (apiField) => apiField;
