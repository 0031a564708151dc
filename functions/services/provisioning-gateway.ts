/**
 * How activation requests reach provisioning systems: a signed HTTP webhook (PROVISIONING_WEBHOOK_URL, the local
 * simulator or a system reachable over HTTP) or an EventBridge bus (PROVISIONING_EVENT_BUS_NAME, on AWS).
 * A failed delivery is a TransientError, so the workflow's Retry sends it again with the same request id.
 */
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventBridgeClient } from '../commons/clients.ts';
import { optionalEnv } from '../commons/env.ts';
import { TransientError } from '../commons/errors.ts';
import { newNonce, signRequest, signatureHeaders } from '../domain/request-signature.ts';

/** The system id KAMflow signs its own requests to provisioning systems with. */
const kamflowSystemId = 'kamflow';
import type { ActivationRequest } from '../api/schemas/provisioning.ts';
import { provisioningSharedSecret } from './provisioning-credentials.ts';

const webhookUrl = optionalEnv('PROVISIONING_WEBHOOK_URL');
const eventBusName = optionalEnv('PROVISIONING_EVENT_BUS_NAME');

export async function sendActivationRequest(request: ActivationRequest): Promise<void> {
  if (webhookUrl) return postWebhook(webhookUrl, request);
  if (eventBusName) return putEvent(eventBusName, request);
  throw new Error('No provisioning channel: set PROVISIONING_WEBHOOK_URL or PROVISIONING_EVENT_BUS_NAME');
}

async function postWebhook(url: string, request: ActivationRequest): Promise<void> {
  const body = JSON.stringify(request);
  const target = new URL(url);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = newNonce();
  const signature = signRequest({ method: 'POST', path: target.pathname, systemId: kamflowSystemId, timestamp, nonce, body }, await provisioningSharedSecret());
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': request.activationRequestId,
        [signatureHeaders.systemId]: kamflowSystemId,
        [signatureHeaders.timestamp]: timestamp,
        [signatureHeaders.nonce]: nonce,
        [signatureHeaders.signature]: signature,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new TransientError(`provisioning system unreachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (response.status >= 500 || response.status === 429) throw new TransientError(`provisioning system answered ${response.status}`);
  if (!response.ok) throw new Error(`provisioning system refused the activation request: ${response.status}`);
}

async function putEvent(busName: string, request: ActivationRequest): Promise<void> {
  const result = await eventBridgeClient.send(
    new PutEventsCommand({ Entries: [{ EventBusName: busName, Source: 'kamflow.orders', DetailType: 'ActivationRequested', Detail: JSON.stringify(request) }] }),
  );
  if ((result.FailedEntryCount ?? 0) > 0) throw new TransientError('EventBridge did not accept the activation request');
}
