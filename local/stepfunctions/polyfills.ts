/**
 * aws-local-stepfunctions@3 calls `Promise.withResolvers` (ES2024, Node 22+) in every Task state. On Node 20 every Task
 * would fail with "Promise.withResolvers is not a function", so this module must be evaluated before the engine runs
 * a Task. engine.ts imports it first; import it yourself only if you use the engine package directly.
 */

interface PromiseResolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

function withResolvers<T>(): PromiseResolvers<T> {
  let resolve: PromiseResolvers<T>['resolve'] = () => undefined;
  let reject: PromiseResolvers<T>['reject'] = () => undefined;
  const promise = new Promise<T>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  return { promise, resolve, reject };
}

if (!('withResolvers' in Promise)) {
  // Same property attributes as the native built-in, so feature detection elsewhere behaves as on Node 22.
  Object.defineProperty(Promise, 'withResolvers', { value: withResolvers, writable: true, configurable: true, enumerable: false });
}

export {};
