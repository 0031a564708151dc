import { describe, expect, it } from 'vitest';
import { draftFieldForIssue } from '../orders/orderDraft.ts';
import { readApiErrorBody, sameFieldNames, toFormErrors } from './apiErrors.ts';

describe('readApiErrorBody', () => {
  it('reads the API error shape and drops malformed issues', () => {
    expect(
      readApiErrorBody({ code: 'VALIDATION_FAILED', message: 'bad', issues: [{ field: 'name', message: 'too long' }, { nope: 1 }] }),
    ).toEqual({ code: 'VALIDATION_FAILED', message: 'bad', issues: [{ field: 'name', message: 'too long' }] });
  });

  it('rejects bodies that are not API errors (an HTML error page, a gateway timeout)', () => {
    expect(readApiErrorBody(undefined)).toBeUndefined();
    expect(readApiErrorBody({ error: 'Internal Server Error' })).toBeUndefined();
  });
});

describe('toFormErrors', () => {
  it('puts each issue on its input and the API message in the notification', () => {
    const errors = toFormErrors(
      { code: 'VALIDATION_FAILED', message: 'Request is invalid', issues: [{ field: 'name', message: 'Required' }] },
      sameFieldNames,
    );
    expect(errors).toEqual({ name: 'Required', root: { serverError: 'Request is invalid' } });
  });

  it('maps TMF622 issue paths onto the order draft inputs', () => {
    const errors = toFormErrors(
      {
        code: 'VALIDATION_FAILED',
        message: 'Order is invalid',
        issues: [
          { field: 'productOrderItem.0.product.place.0.city', message: 'unknown city' },
          { field: 'productOrderItem.0.product.place.1.address', message: 'too long' },
          { field: 'relatedParty.0.id', message: 'must be an account id' },
        ],
      },
      draftFieldForIssue,
    );
    expect(errors).toEqual({
      'aEnd.city': 'unknown city',
      'zEnd.address': 'too long',
      accountId: 'must be an account id',
      root: { serverError: 'Order is invalid' },
    });
  });

  it('keeps issues that no input shows in the notification rather than losing them', () => {
    const errors = toFormErrors(
      { code: 'VALIDATION_FAILED', message: 'Order is invalid', issues: [{ field: 'priority', message: 'unknown' }] },
      draftFieldForIssue,
    );
    expect(errors).toEqual({ root: { serverError: 'Order is invalid (priority: unknown)' } });
  });

  it('gives no form errors when the API named no fields, so react-admin shows a plain notification', () => {
    expect(toFormErrors({ code: 'CONFLICT', message: 'exists' }, sameFieldNames)).toBeUndefined();
  });
});
