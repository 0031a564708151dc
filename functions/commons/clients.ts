/**
 * AWS SDK clients, built once per process. Endpoints come from the environment only when running on the local stack
 * (DYNAMODB_ENDPOINT, SFN_ENDPOINT); on AWS the SDK's defaults apply.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { optionalEnv } from './env.ts';

const dynamoEndpoint = optionalEnv('DYNAMODB_ENDPOINT');
const sfnEndpoint = optionalEnv('SFN_ENDPOINT');

/** Requests sent to DynamoDB by this process; the benchmark reads it to report requests per order. */
let dynamoRequestCounter = 0;
export function dynamoRequestsSent(): number {
  return dynamoRequestCounter;
}

export const dynamoClient = new DynamoDBClient({
  ...(dynamoEndpoint ? { endpoint: dynamoEndpoint } : {}),
  maxAttempts: 5,
});
dynamoClient.middlewareStack.add(
  (next) => async (args) => {
    dynamoRequestCounter += 1;
    return next(args);
  },
  { step: 'initialize', name: 'countKamflowDynamoRequests' },
);

export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});

export const sfnClient = new SFNClient({ ...(sfnEndpoint ? { endpoint: sfnEndpoint } : {}) });

export const eventBridgeClient = new EventBridgeClient({});
