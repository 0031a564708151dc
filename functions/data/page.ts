/** One page of a listing and the cursor of the next one (absent on the last page). */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | undefined;
}
