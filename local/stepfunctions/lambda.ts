/** Invoking a local handler the way the Lambda service and its Node.js runtime would. */
import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { JsonObject, JsonValue } from './json.ts';

export type LambdaContextLike = Context;
export type LocalLambdaHandler = (event: unknown, context: LambdaContextLike) => Promise<unknown>;

/** What the Node.js runtime reports for an error a handler throws: the Step Functions Cause is its JSON. */
export interface LambdaErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace: string[];
}

export interface LambdaFunctionIdentity {
  readonly functionName: string;
  readonly invokedFunctionArn: string;
}

// The context reports this much remaining time; it is not enforced (a handler is not interrupted).
const REPORTED_FUNCTION_TIMEOUT_MS = 900_000;

const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9$_-]+)?$/;
const PARTIAL_FUNCTION_ARN = /^(\d{12}):function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9$_-]+))?$/;
const NAME_WITH_QUALIFIER = /^([A-Za-z0-9_-]+)(?::([A-Za-z0-9$_-]+))?$/;

/** FunctionName accepts a name, a name:qualifier, a partial ARN or a full ARN, as Lambda's Invoke does. */
export function identifyFunction(functionNameOrArn: string, region: string, accountId: string): LambdaFunctionIdentity {
  const fullArn = FUNCTION_ARN.exec(functionNameOrArn);
  if (fullArn?.[1] !== undefined) return { functionName: fullArn[1], invokedFunctionArn: functionNameOrArn };
  const partialArn = PARTIAL_FUNCTION_ARN.exec(functionNameOrArn);
  if (partialArn?.[1] !== undefined && partialArn[2] !== undefined) {
    return { functionName: partialArn[2], invokedFunctionArn: `arn:aws:lambda:${region}:${functionNameOrArn}` };
  }
  const name = NAME_WITH_QUALIFIER.exec(functionNameOrArn);
  if (name?.[1] !== undefined) {
    return { functionName: name[1], invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionNameOrArn}` };
  }
  return { functionName: functionNameOrArn, invokedFunctionArn: functionNameOrArn };
}

export function createLambdaContext(identity: LambdaFunctionIdentity, awsRequestId: string): LambdaContextLike {
  const deadline = Date.now() + REPORTED_FUNCTION_TIMEOUT_MS;
  const today = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  const callbackStyleUnsupported = (): never => {
    throw new Error('context.done/fail/succeed are not supported locally: return (or reject) a promise from the handler');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: identity.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: identity.invokedFunctionArn,
    memoryLimitInMB: '1024',
    awsRequestId,
    logGroupName: `/aws/lambda/${identity.functionName}`,
    logStreamName: `${today}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: callbackStyleUnsupported,
    fail: callbackStyleUnsupported,
    succeed: callbackStyleUnsupported,
  };
}

/** Mirrors the Node.js runtime: errorType is the error's `name` (so a subclass that does not set it reports "Error"). */
export function lambdaErrorPayload(thrown: unknown): LambdaErrorPayload {
  if (thrown instanceof Error) {
    return { errorType: thrown.name, errorMessage: thrown.message, trace: (thrown.stack ?? '').split('\n') };
  }
  return { errorType: typeof thrown, errorMessage: String(thrown), trace: [] };
}

/** The result of the optimized `arn:aws:states:::lambda:invoke` integration around the function's own result. */
export function lambdaInvokeResult(payload: JsonValue, requestId: string, now: Date = new Date()): JsonObject {
  const headers: Record<string, string> = {
    Connection: 'keep-alive',
    'Content-Length': String(Buffer.byteLength(JSON.stringify(payload))),
    'Content-Type': 'application/json',
    Date: now.toUTCString(),
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-Remapped-Content-Length': '0',
    'x-amzn-RequestId': requestId,
    'X-Amzn-Trace-Id': `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Sampled=0`,
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
      HttpHeaders: headers,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}
