/**
 * AWS SDK clients, built once per process. Endpoints come from the environment only when running on the local stack
 * (DYNAMODB_ENDPOINT, SFN_ENDPOINT); on AWS the SDK's defaults apply. On Lambda each client is captured by the
 * Powertools tracer, so every DynamoDB, Step Functions, CloudWatch and EventBridge call is an X-Ray subsegment; locally
 * the tracer is off and the clients are returned as they are.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { optionalEnv } from './env.ts';
import { tracer } from './observability.ts';

const dynamoEndpoint = optionalEnv('DYNAMODB_ENDPOINT');
const sfnEndpoint = optionalEnv('SFN_ENDPOINT');

/** Requests sent to DynamoDB by this process, by command; the benchmark reads it to report requests per order. */
const dynamoRequestsByCommand = new Map<string, number>();
export function dynamoRequestsSent(): ReadonlyMap<string, number> {
  return dynamoRequestsByCommand;
}

export const dynamoClient = tracer.captureAWSv3Client(
  new DynamoDBClient({
    ...(dynamoEndpoint ? { endpoint: dynamoEndpoint } : {}),
    maxAttempts: 5,
  }),
);
dynamoClient.middlewareStack.add(
  (next, context) => async (args) => {
    const command = context.commandName ?? 'unknown';
    dynamoRequestsByCommand.set(command, (dynamoRequestsByCommand.get(command) ?? 0) + 1);
    return next(args);
  },
  { step: 'initialize', name: 'countKamflowDynamoRequests' },
);

export const documentClient = DynamoDBDocumentClient.from(dynamoClient, {
  marshallOptions: { removeUndefinedValues: true },
});

export const sfnClient = tracer.captureAWSv3Client(new SFNClient({ ...(sfnEndpoint ? { endpoint: sfnEndpoint } : {}) }));

/** Alarm states; locally CLOUDWATCH_ENDPOINT points at the local alarm evaluator (local/cloudwatch/). */
const cloudWatchEndpoint = optionalEnv('CLOUDWATCH_ENDPOINT');
export const cloudWatchClient = tracer.captureAWSv3Client(new CloudWatchClient({ ...(cloudWatchEndpoint ? { endpoint: cloudWatchEndpoint } : {}) }));

/** Locally EVENTBRIDGE_ENDPOINT points at the PutEvents stand-in (local/eventbridge.ts). */
const eventBridgeEndpoint = optionalEnv('EVENTBRIDGE_ENDPOINT');
export const eventBridgeClient = tracer.captureAWSv3Client(new EventBridgeClient({ ...(eventBridgeEndpoint ? { endpoint: eventBridgeEndpoint } : {}) }));
