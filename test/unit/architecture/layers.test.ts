/**
 * The layer rule of functions/, checked over the real import graph (dependency-cruiser reads every import, type-only
 * ones included): a module imports only from its own layer or a lower one, and no modules import each other in a
 * circle. Layers, top to bottom:
 *
 *   handlers          functions/handlers/**           Lambda entry points and their middy chains
 *   services          functions/services/**, functions/adapters/**   the steps: read, let the domain decide, write
 *   api | data        functions/api/**, functions/workflow/** | functions/data/**   contracts of the outside; the table
 *   commons           functions/commons/**            clients, env, errors, logging, metrics
 *   domain            functions/domain/**             pure decisions, no I/O
 *
 * api and data stand side by side: views in api may read record types from data, but data never imports api.
 */
import { cruise } from 'dependency-cruiser';
import type { ICruiseResult } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';

type Layer = 'handlers' | 'services' | 'api' | 'data' | 'commons' | 'domain';

const rank: Readonly<Record<Layer, number>> = { handlers: 5, services: 4, api: 3, data: 3, commons: 2, domain: 1 };

function layerOf(path: string): Layer | undefined {
  const folder = /^functions\/([^/]+)\//.exec(path)?.[1];
  switch (folder) {
    case 'handlers':
      return 'handlers';
    case 'services':
    case 'adapters':
      return 'services';
    case 'api':
    case 'workflow':
      return 'api';
    case 'data':
      return 'data';
    case 'commons':
      return 'commons';
    case 'domain':
      return 'domain';
    default:
      return undefined;
  }
}

/** Why `from` may not import `to`, or undefined when it may. */
export function layerViolation(from: string, to: string): string | undefined {
  const fromLayer = layerOf(from);
  const toLayer = layerOf(to);
  if (!fromLayer || !toLayer || fromLayer === toLayer) return undefined;
  if (rank[toLayer] > rank[fromLayer]) return `${fromLayer} imports upwards from ${toLayer}`;
  if (rank[toLayer] === rank[fromLayer] && fromLayer === 'data') return 'data imports api';
  return undefined;
}

let graph: ICruiseResult;

beforeAll(async () => {
  const result = await cruise(['functions'], { tsPreCompilationDeps: true, doNotFollow: { path: 'node_modules' }, exclude: { path: 'node_modules' } });
  graph = result.output as ICruiseResult;
}, 120_000);

describe('the layers of functions/', () => {
  it('reads the whole tree', () => {
    const modules = graph.modules.filter((module) => module.source.startsWith('functions/'));
    expect(modules.length).toBeGreaterThan(150);
  });

  it('has no import from a lower layer to a higher one', () => {
    const violations = graph.modules.flatMap((module) =>
      module.dependencies.flatMap((dependency) => {
        const why = layerViolation(module.source, dependency.resolved);
        return why ? [`${module.source} → ${dependency.resolved}: ${why}`] : [];
      }),
    );
    expect(violations).toEqual([]);
  });

  it('has no import circles', () => {
    const circles = graph.modules.flatMap((module) =>
      module.source.startsWith('functions/') ? module.dependencies.filter((dependency) => dependency.circular).map((dependency) => `${module.source} ⇄ ${dependency.resolved}`) : [],
    );
    expect(circles).toEqual([]);
  });

  it('knows an upward import when it sees one (the rule itself)', () => {
    expect(layerViolation('functions/commons/http.ts', 'functions/api/routes.ts')).toMatch(/upwards/);
    expect(layerViolation('functions/domain/calendar-overrides.ts', 'functions/commons/errors.ts')).toMatch(/upwards/);
    expect(layerViolation('functions/data/orders-repository.ts', 'functions/api/schemas/product-orders.ts')).toBe('data imports api');
    expect(layerViolation('functions/api/product-order-view.ts', 'functions/data/entities/order.ts')).toBeUndefined();
    expect(layerViolation('functions/handlers/http/hold-order.ts', 'functions/services/order-changes.ts')).toBeUndefined();
  });
});
