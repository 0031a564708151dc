/**
 * Every local invocation runs in a scope of its own, as Lambda Managed Instances run concurrent invocations in one
 * execution environment: the runtime sets AWS_LAMBDA_MAX_CONCURRENCY and runs each invocation inside the InvokeStore
 * (`globalThis.awslambda.InvokeStore`, an AsyncLocalStorage), where Powertools keeps its per-invocation state — the
 * logger's Lambda context and temporary keys, the metrics and their dimensions. The local runtime runs many handlers
 * concurrently in one process, so it does the same; the handlers' code is the code deployed.
 *
 * Unlike AWS's store, code outside any invocation (module initialisation, seeding, the local runtime's own work) gets
 * one shared scope instead of an error: there the process behaves as a one-invocation-at-a-time environment.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { InvokeStoreBase } from '@aws/lambda-invoke-store';
import type { Context } from 'aws-lambda';

type InvocationScope = Record<string | symbol, unknown>;

class LocalInvokeStore extends InvokeStoreBase {
  private readonly scopes = new AsyncLocalStorage<InvocationScope>();
  private readonly outsideInvocations: InvocationScope = {};

  getContext(): InvocationScope {
    return this.scopes.getStore() ?? this.outsideInvocations;
  }

  hasContext(): boolean {
    return this.scopes.getStore() !== undefined;
  }

  get<T = unknown>(key: string | symbol): T | undefined {
    // The store is untyped: each key's owner (Powertools) reads back what it wrote.
    return this.getContext()[key] as T | undefined;
  }

  set<T = unknown>(key: string | symbol, value: T): void {
    if (this.isProtectedKey(key)) throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    this.getContext()[key] = value;
  }

  run<T>(scope: InvocationScope, invoke: () => T): T {
    return this.scopes.run(scope, invoke);
  }
}

/** What the runtime reports as the environment's concurrency; Powertools only checks that it is set. */
const LOCAL_MAX_CONCURRENCY = '64';

let installed: LocalInvokeStore | undefined;

/** Installs the store (once per process) and switches Powertools to per-invocation state. */
export function installInvocationScopes(): void {
  if (installed !== undefined) return;
  installed = new LocalInvokeStore();
  // Importing @aws/lambda-invoke-store creates `globalThis.awslambda`, where the Lambda runtime puts its store.
  if (typeof globalThis.awslambda !== 'object') throw new Error('globalThis.awslambda is missing (AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA set?)');
  awslambda.InvokeStore = installed;
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= LOCAL_MAX_CONCURRENCY;
}

/** Runs one invocation of a handler in its own scope, carrying its request id as the Lambda runtime does. */
export function runInvocation<T>(context: Context, invoke: (context: Context) => T): T {
  installInvocationScopes();
  const store = installed;
  if (store === undefined) throw new Error('The invocation store is not installed');
  return store.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId }, () => invoke(context));
}
