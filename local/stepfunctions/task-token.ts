import { randomBytes } from 'node:crypto';

// AWS task tokens are long standard-base64 strings starting with "AQ". Ours have the same alphabet and a similar
// length, so handlers that forget to URL-encode a token, or truncate it in a column that is too short, fail here
// as they would on AWS.
const TOKEN_PREFIX = 'AQ';
const TOKEN_RANDOM_BYTES = 480;
const TOKEN_PATTERN = new RegExp(`^${TOKEN_PREFIX}[A-Za-z0-9+/]{${(TOKEN_RANDOM_BYTES / 3) * 4}}$`);

/** The longest taskToken the SendTask* APIs accept. */
export const MAX_TASK_TOKEN_LENGTH = 2048;

export function mintTaskToken(): string {
  return TOKEN_PREFIX + randomBytes(TOKEN_RANDOM_BYTES).toString('base64');
}

/** Whether the text has the shape of a token this runtime mints, whether or not it was ever issued. */
export function isWellFormedTaskToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}
