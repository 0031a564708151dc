import { afterEach, describe, expect, it, vi } from 'vitest';
import { lambdaErrorPayload, lambdaInvokeResult, identifyFunction } from '../../../local/stepfunctions/lambda.ts';
import { isWellFormedTaskToken, mintTaskToken } from '../../../local/stepfunctions/task-token.ts';
import { MAX_TIMER_DELAY_MS, startLongTimer } from '../../../local/stepfunctions/timers.ts';

describe('startLongTimer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits the full delay when it is far beyond what setTimeout can hold', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const onElapsed = vi.fn();
    startLongTimer(3 * MAX_TIMER_DELAY_MS, onElapsed);
    vi.advanceTimersByTime(1);
    expect(onElapsed).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2 * MAX_TIMER_DELAY_MS);
    expect(onElapsed).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MAX_TIMER_DELAY_MS);
    expect(onElapsed).toHaveBeenCalledTimes(1);
  });

  it('re-arms in chunks no longer than the given maximum', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const onElapsed = vi.fn();
    startLongTimer(35, onElapsed, 10);
    vi.advanceTimersByTime(30);
    expect(onElapsed).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(5);
    expect(onElapsed).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never fires once cancelled, even between chunks', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const onElapsed = vi.fn();
    const cancel = startLongTimer(25, onElapsed, 10);
    vi.advanceTimersByTime(15);
    cancel();
    cancel();
    vi.advanceTimersByTime(100);
    expect(onElapsed).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('task tokens', () => {
  it('are long standard-base64 strings like AWS tokens, unique per mint', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => mintTaskToken()));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(token).toMatch(/^AQ[A-Za-z0-9+/]+$/);
      expect(token.length).toBe(642);
      expect(isWellFormedTaskToken(token)).toBe(true);
    }
  });

  it('tell a malformed token from a well-formed one', () => {
    const token = mintTaskToken();
    expect(isWellFormedTaskToken(token.slice(0, -1))).toBe(false);
    expect(isWellFormedTaskToken(`${token}=`)).toBe(false);
    expect(isWellFormedTaskToken(encodeURIComponent(token))).toBe(token === encodeURIComponent(token));
    expect(isWellFormedTaskToken('not-a-token')).toBe(false);
  });
});

describe('Lambda conventions', () => {
  it('reports a thrown error as the Node.js runtime does: errorType is the name, not the class', () => {
    class NamedError extends Error {
      override name = 'TransientError';
    }
    class UnnamedError extends Error {}
    expect(lambdaErrorPayload(new NamedError('try again'))).toMatchObject({ errorType: 'TransientError', errorMessage: 'try again' });
    expect(lambdaErrorPayload(new NamedError('x')).trace[0]).toBe('TransientError: x');
    expect(lambdaErrorPayload(new UnnamedError('y')).errorType).toBe('Error');
    expect(lambdaErrorPayload('plain string')).toEqual({ errorType: 'string', errorMessage: 'plain string', trace: [] });
  });

  it('wraps a function result as the lambda:invoke integration does', () => {
    const result = lambdaInvokeResult({ ok: true }, 'request-1', new Date('2030-01-02T03:04:05Z'));
    expect(result).toMatchObject({
      ExecutedVersion: '$LATEST',
      Payload: { ok: true },
      SdkHttpMetadata: { HttpStatusCode: 200, HttpHeaders: { 'x-amzn-RequestId': 'request-1', 'Content-Length': '11', Date: 'Wed, 02 Jan 2030 03:04:05 GMT' } },
      SdkResponseMetadata: { RequestId: 'request-1' },
      StatusCode: 200,
    });
  });

  it('identifies a function from a name, a qualified name, a partial ARN or an ARN', () => {
    expect(identifyFunction('arn:aws:lambda:eu-west-1:123456789012:function:close:live', 'us-east-1', '000000000000')).toEqual({
      functionName: 'close',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:close:live',
    });
    expect(identifyFunction('close', 'us-east-1', '000000000000')).toEqual({ functionName: 'close', invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:close' });
    expect(identifyFunction('123456789012:function:close', 'us-east-1', '000000000000').invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:123456789012:function:close');
  });
});
