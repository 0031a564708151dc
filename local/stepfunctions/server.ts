/**
 * The Step Functions API over HTTP (AWS JSON 1.0 protocol), so code using @aws-sdk/client-sfn only needs its
 * `endpoint` pointed here. Requests are `POST /` with `X-Amz-Target: AWSStepFunctions.<Operation>`; dates go out as
 * epoch seconds; errors as HTTP 400 with a `__type` the SDK turns into its exception classes. Signatures are not
 * checked: any credentials are accepted.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalStepFunctions } from './engine.ts';
import type { ExecutionStatus, StateMachineDescription } from './engine.ts';
import { isStepFunctionsError, serviceErrors } from './errors.ts';
import { detailsMemberOf } from './history.ts';
import type { HistoryEvent } from './history.ts';
import { validateStateMachineDefinition } from './validate-definition.ts';
import { isJsonObject, parseJson } from './json.ts';
import type { JsonObject, JsonValue } from './json.ts';

export interface StepFunctionsServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
}

export interface StepFunctionsServer {
  readonly url: string;
  close(): Promise<void>;
}

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
const MAX_REQUEST_BYTES = 1_048_576;

/** Error code namespaces as the real service sends them (the SDK keeps only the part after '#'). */
const SERVICE_MODEL_NAMESPACE = 'com.amazonaws.swf.service.v2.model';
const VALIDATION_NAMESPACE = 'com.amazon.coral.validate';
const CORAL_SERVICE_NAMESPACE = 'com.amazon.coral.service';

type Operation = (engine: LocalStepFunctions, request: JsonObject) => Promise<JsonObject>;

const operations: Readonly<Record<string, Operation>> = {
  StartExecution: async (engine, request) => {
    const name = optionalString(request, 'name');
    const input = optionalString(request, 'input');
    const started = await engine.startExecution({
      stateMachineArn: requiredString(request, 'stateMachineArn'),
      ...(name === undefined ? {} : { name }),
      ...(input === undefined ? {} : { input }),
    });
    return { executionArn: started.executionArn, startDate: epochSeconds(started.startDate) };
  },
  DescribeExecution: async (engine, request) => {
    const execution = await engine.describeExecution({ executionArn: requiredString(request, 'executionArn') });
    return withoutUndefined({
      executionArn: execution.executionArn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      status: execution.status,
      startDate: epochSeconds(execution.startDate),
      stopDate: execution.stopDate === undefined ? undefined : epochSeconds(execution.stopDate),
      input: execution.input,
      inputDetails: { included: true },
      output: execution.output,
      outputDetails: execution.output === undefined ? undefined : { included: true },
      error: execution.error,
      cause: execution.cause,
    });
  },
  ListExecutions: async (engine, request) => {
    const statusFilter = optionalString(request, 'statusFilter');
    const maxResults = optionalNumber(request, 'maxResults');
    const nextToken = optionalString(request, 'nextToken');
    const listed = await engine.listExecutions({
      stateMachineArn: requiredString(request, 'stateMachineArn'),
      ...(statusFilter === undefined ? {} : { statusFilter: asExecutionStatus(statusFilter) }),
      ...(maxResults === undefined ? {} : { maxResults }),
      ...(nextToken === undefined ? {} : { nextToken }),
    });
    return withoutUndefined({
      executions: listed.executions.map((execution) =>
        withoutUndefined({
          executionArn: execution.executionArn,
          stateMachineArn: execution.stateMachineArn,
          name: execution.name,
          status: execution.status,
          startDate: epochSeconds(execution.startDate),
          stopDate: execution.stopDate === undefined ? undefined : epochSeconds(execution.stopDate),
        }),
      ),
      nextToken: listed.nextToken,
    });
  },
  StopExecution: async (engine, request) => {
    const error = optionalString(request, 'error');
    const cause = optionalString(request, 'cause');
    const stopped = await engine.stopExecution({
      executionArn: requiredString(request, 'executionArn'),
      ...(error === undefined ? {} : { error }),
      ...(cause === undefined ? {} : { cause }),
    });
    return { stopDate: epochSeconds(stopped.stopDate) };
  },
  SendTaskSuccess: async (engine, request) => {
    await engine.sendTaskSuccess({ taskToken: requiredString(request, 'taskToken'), output: requiredString(request, 'output') });
    return {};
  },
  SendTaskFailure: async (engine, request) => {
    const error = optionalString(request, 'error');
    const cause = optionalString(request, 'cause');
    await engine.sendTaskFailure({
      taskToken: requiredString(request, 'taskToken'),
      ...(error === undefined ? {} : { error }),
      ...(cause === undefined ? {} : { cause }),
    });
    return {};
  },
  SendTaskHeartbeat: async (engine, request) => {
    await engine.sendTaskHeartbeat({ taskToken: requiredString(request, 'taskToken') });
    return {};
  },
  GetExecutionHistory: async (engine, request) => {
    const maxResults = optionalNumber(request, 'maxResults');
    const nextToken = optionalString(request, 'nextToken');
    const reverseOrder = optionalBoolean(request, 'reverseOrder');
    const includeExecutionData = optionalBoolean(request, 'includeExecutionData');
    const page = await engine.getExecutionHistory({
      executionArn: requiredString(request, 'executionArn'),
      ...(maxResults === undefined ? {} : { maxResults }),
      ...(nextToken === undefined ? {} : { nextToken }),
      ...(reverseOrder === undefined ? {} : { reverseOrder }),
      ...(includeExecutionData === undefined ? {} : { includeExecutionData }),
    });
    return withoutUndefined({ events: page.events.map(historyEventJson), nextToken: page.nextToken });
  },
  DescribeStateMachine: async (engine, request) => {
    const description = await engine.describeStateMachine({ stateMachineArn: requiredString(request, 'stateMachineArn') });
    return { ...stateMachineJson(description), status: 'ACTIVE', type: description.type, creationDate: epochSeconds(description.creationDate) };
  },
  DescribeStateMachineForExecution: async (engine, request) => {
    const description = await engine.describeStateMachineForExecution({ executionArn: requiredString(request, 'executionArn') });
    return { ...stateMachineJson(description), updateDate: epochSeconds(description.creationDate) };
  },
  ListStateMachines: async (engine, request) => {
    const maxResults = optionalNumber(request, 'maxResults');
    if (maxResults !== undefined && !(Number.isInteger(maxResults) && maxResults >= 0 && maxResults <= 1000)) {
      throw serviceErrors.validation("Value at 'maxResults' failed to satisfy constraint: Member must have value between 0 and 1000");
    }
    // One state machine: any nextToken is one this service never issued.
    if (optionalString(request, 'nextToken') !== undefined) throw serviceErrors.invalidToken('Invalid nextToken');
    const { stateMachines } = await engine.listStateMachines();
    return {
      stateMachines: stateMachines.map((machine) => ({
        stateMachineArn: machine.stateMachineArn,
        name: machine.name,
        type: machine.type,
        creationDate: epochSeconds(machine.creationDate),
      })),
    };
  },
  ListTagsForResource: async (engine, request) => {
    const { tags } = await engine.listTagsForResource({ resourceArn: requiredString(request, 'resourceArn') });
    return { tags };
  },
  ValidateStateMachineDefinition: async (_engine, request) => {
    const definition = requiredString(request, 'definition');
    if (definition.length < 1 || definition.length > MAX_DEFINITION_LENGTH) {
      throw serviceErrors.validation(`Value at 'definition' failed to satisfy constraint: Member must have length between 1 and ${MAX_DEFINITION_LENGTH}`);
    }
    const type = optionalString(request, 'type');
    if (type !== undefined && type !== 'STANDARD' && type !== 'EXPRESS') {
      throw serviceErrors.validation(`Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`);
    }
    const maxResults = optionalNumber(request, 'maxResults');
    if (maxResults !== undefined && !(Number.isInteger(maxResults) && maxResults >= 0 && maxResults <= 100)) {
      throw serviceErrors.validation("Value at 'maxResults' failed to satisfy constraint: Member must have value between 0 and 100");
    }
    const validation = validateStateMachineDefinition(definition, maxResults);
    return {
      result: validation.result,
      diagnostics: validation.diagnostics.map((diagnostic) => withoutUndefined({ ...diagnostic })),
      truncated: validation.truncated,
    };
  },
};

/** AWS's limit on a definition's length. */
const MAX_DEFINITION_LENGTH = 1_048_576;

function stateMachineJson(description: StateMachineDescription): JsonObject {
  return {
    stateMachineArn: description.stateMachineArn,
    name: description.name,
    definition: description.definition,
    roleArn: description.roleArn,
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
  };
}

function historyEventJson(event: HistoryEvent): JsonObject {
  const detailsMember = detailsMemberOf(event.type);
  return {
    timestamp: epochSeconds(event.timestamp),
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
    ...(detailsMember === undefined || event.details === undefined ? {} : { [detailsMember]: event.details }),
  };
}

export async function startStepFunctionsServer(engine: LocalStepFunctions, options: StepFunctionsServerOptions): Promise<StepFunctionsServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    void handleRequest(engine, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = addressOf(server.address());
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // SDK clients keep connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handleRequest(engine: LocalStepFunctions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    if (request.method !== 'POST') {
      sendJson(response, 405, { __type: `${CORAL_SERVICE_NAMESPACE}#UnknownOperationException`, message: `Method ${request.method ?? ''} is not supported` });
      return;
    }
    const target = headerValue(request, 'x-amz-target');
    const operation = target?.startsWith(TARGET_PREFIX) ? operations[target.slice(TARGET_PREFIX.length)] : undefined;
    if (operation === undefined) {
      await readBody(request);
      sendJson(response, 400, { __type: `${CORAL_SERVICE_NAMESPACE}#UnknownOperationException`, message: `Unknown operation ${target ?? '(no X-Amz-Target)'}` });
      return;
    }
    const body = await readBody(request);
    let parsed: JsonValue;
    try {
      parsed = body.length === 0 ? {} : parseJson(body);
    } catch {
      sendJson(response, 400, { __type: `${CORAL_SERVICE_NAMESPACE}#SerializationException`, message: 'The request body is not valid JSON' });
      return;
    }
    if (!isJsonObject(parsed)) {
      sendJson(response, 400, { __type: `${CORAL_SERVICE_NAMESPACE}#SerializationException`, message: 'The request body must be a JSON object' });
      return;
    }
    sendJson(response, 200, await operation(engine, parsed));
  } catch (error) {
    if (isStepFunctionsError(error)) {
      const namespace = error.name === 'ValidationException' ? VALIDATION_NAMESPACE : SERVICE_MODEL_NAMESPACE;
      sendJson(response, 400, { __type: `${namespace}#${error.name}`, message: error.message });
      return;
    }
    if (error instanceof RequestTooLarge) {
      sendJson(response, 413, { __type: `${VALIDATION_NAMESPACE}#ValidationException`, message: error.message });
      return;
    }
    sendJson(response, 500, { __type: `${CORAL_SERVICE_NAMESPACE}#InternalFailure`, message: error instanceof Error ? error.message : String(error) });
  }
}

class RequestTooLarge extends Error {}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_REQUEST_BYTES) throw new RequestTooLarge(`The request body exceeds ${MAX_REQUEST_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: ServerResponse, statusCode: number, body: JsonObject): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(statusCode, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(text);
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function addressOf(address: string | AddressInfo | null): AddressInfo {
  if (address === null || typeof address === 'string') throw new Error('The Step Functions server is not listening on a TCP port');
  return address;
}

function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function requiredString(request: JsonObject, field: string): string {
  const value = request[field];
  if (typeof value !== 'string') throw serviceErrors.validation(`Value at '${field}' failed to satisfy constraint: Member must not be null`);
  return value;
}

function optionalString(request: JsonObject, field: string): string | undefined {
  const value = request[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serviceErrors.validation(`Value at '${field}' must be a string`);
  return value;
}

function optionalNumber(request: JsonObject, field: string): number | undefined {
  const value = request[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') throw serviceErrors.validation(`Value at '${field}' must be a number`);
  return value;
}

function optionalBoolean(request: JsonObject, field: string): boolean | undefined {
  const value = request[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw serviceErrors.validation(`Value at '${field}' must be a boolean`);
  return value;
}

function asExecutionStatus(value: string): ExecutionStatus {
  switch (value) {
    case 'RUNNING':
    case 'SUCCEEDED':
    case 'FAILED':
    case 'TIMED_OUT':
    case 'ABORTED':
      return value;
    default:
      throw serviceErrors.validation(`Value '${value}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED]`);
  }
}

function withoutUndefined(fields: Record<string, JsonValue | undefined>): JsonObject {
  const defined: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) defined[key] = value;
  }
  return defined;
}
