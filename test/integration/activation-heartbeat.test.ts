/** A provisioning system that goes silent: HeartbeatSeconds (scaled by the time scale) fails the order to fallout. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.ts';
import { startTestStack } from '../support/local-stack.ts';
import { startWebhookSink } from '../support/webhook-sink.ts';
import { createAccount, inState, orderRequest, stage, submitOrder, waitForOrder, useToken } from '../support/api-client.ts';

let stack: LocalStack;
let sink: Awaited<ReturnType<typeof startWebhookSink>>;

beforeAll(async () => {
  sink = await startWebhookSink();
  process.env.PROVISIONING_WEBHOOK_URL = sink.url;
  stack = await startTestStack({ simulator: false, timeScale: 86_400 }); // a day of heartbeat budget in one second
  useToken(await stack.signIn('admin'));
});
afterAll(async () => {
  await stack?.stop();
  await sink?.close();
});

describe('activation heartbeat', () => {
  it('fails the order when the provisioning system stops reporting (HeartbeatSeconds, scaled)', async () => {
      const account = await createAccount(stack.apiUrl);
      const order = await submitOrder(stack.apiUrl, orderRequest(account.id));
      const failed = await waitForOrder(stack.apiUrl, order.id, inState('FAILED'), 30_000);
      expect(failed.failure?.error).toBe('States.HeartbeatTimeout');
      expect(stage(failed, 'ACTIVATION').status).toBe('FAILED');
  });
});
