/**
 * The API's throttle, read by the deployed stage (infra/stacks/api-stack.ts) and by the local API (local/api-gateway.ts)
 * so both refuse the same load: a token bucket refilled at `rateLimit` requests per second that holds `burstLimit`.
 */
export interface ApiThrottling {
  /** Steady requests per second. */
  readonly rateLimit: number;
  /** Requests the bucket holds: how many may arrive at once after a quiet spell. */
  readonly burstLimit: number;
}

export const apiThrottling: ApiThrottling = { rateLimit: 50, burstLimit: 100 };
