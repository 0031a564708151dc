/**
 * SDK calls become X-Ray subsegments on Lambda, and nothing changes on the local stack: the Powertools tracer is off
 * outside Lambda, so the shared clients keep their middleware as they were.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { cloudWatchClient, dynamoClient, eventBridgeClient, sfnClient } from '../../../functions/commons/clients.ts';
import { tracer } from '../../../functions/commons/observability.ts';

const xrayMiddleware = (client: { middlewareStack: { identify(): string[] } }) => client.middlewareStack.identify().filter((name) => /xray/i.test(name));

describe('tracing of AWS SDK calls', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is off outside Lambda: the shared clients carry no X-Ray middleware', () => {
    expect(process.env['AWS_EXECUTION_ENV']).toBeUndefined();
    expect(tracer.isTracingEnabled()).toBe(false);
    for (const client of [dynamoClient, sfnClient, cloudWatchClient, eventBridgeClient]) expect(xrayMiddleware(client)).toEqual([]);
  });

  it('on Lambda, a captured client records each call as a subsegment', () => {
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    // without patching this process's http modules, which other tests in the worker use
    const lambdaTracer = new Tracer({ serviceName: 'kamflow', captureHTTPsRequests: false });
    expect(lambdaTracer.isTracingEnabled()).toBe(true);
    const client = lambdaTracer.captureAWSv3Client(new DynamoDBClient({ region: 'ap-southeast-1' }));
    expect(xrayMiddleware(client).length).toBeGreaterThan(0);
  });

  it('can be turned off on Lambda with POWERTOOLS_TRACE_ENABLED=false', () => {
    vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs22.x');
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'false');
    expect(new Tracer({ serviceName: 'kamflow' }).isTracingEnabled()).toBe(false);
  });
});
