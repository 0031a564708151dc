/** One thing wrong with a request or a piece of data, named by its field path (`places.0.city`, `header.idempotency-key`). */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}
