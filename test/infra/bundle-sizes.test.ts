/**
 * The functions' bundles, from one real synth with esbuild (the other infra tests skip bundling): how many functions
 * there are, that each bundle stays within its budget, and what must not come back into them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAreaNames } from '../../functions/api/api-areas.ts';
import { workflowTaskFunctions } from '../../functions/workflow/task-functions.ts';
import { assemblyReport, formatReport } from '../../infra/assembly-report.ts';
import type { AssemblyReport } from '../../infra/assembly-report.ts';
import { synthesisableKamflowApp } from './kamflow-test-app.ts';

/**
 * Today's ceiling with a little headroom, so a bundle that grows by a dependency fails here. Issue 11 asks for 300 KB;
 * electrodb (195 KB, 224 KB with the jsonschema it validates models with) and zod's classic API (100 KB) alone are
 * more than that, so 300 KB needs the data layer off electrodb or the runtime schemas on zod/mini (see the README).
 * The Powertools Tracer (SDK calls as X-Ray subsegments) adds about 121 KB to every bundle (aws-xray-sdk-core and its
 * dependencies); moving it into a layer of KAMflow's own would take it out again.
 */
const bundleBudgetBytes = 800 * 1024;

/** A line of zod's Esperanto locale (ASCII, as esbuild escapes the rest): present when `import { z } from 'zod'` pulls every locale in. */
const zodLocaleMarker = 'Nevalida enigo';

describe('function bundles (real esbuild synth)', () => {
  let synthesised: ReturnType<typeof synthesisableKamflowApp>;
  let report: AssemblyReport;

  beforeAll(() => {
    synthesised = synthesisableKamflowApp({ bundle: true });
    report = assemblyReport(synthesised.app.synth().directory);
    console.log(formatReport(report));
  }, 600_000);
  afterAll(() => synthesised?.dispose());

  it('builds one function per API area, per workflow task, and the SLA sweep, order event dispatcher and hub retrier', () => {
    expect(report.functions).toHaveLength(apiAreaNames.length + workflowTaskFunctions.length + 3);
  });

  it('keeps every bundle within its budget', () => {
    for (const fn of report.functions) expect(fn.bundleBytes, `${fn.stackName}/${fn.logicalId}`).toBeLessThanOrEqual(bundleBudgetBytes);
  });

  it('ships no source map unless the deployment asks for them', () => {
    for (const fn of report.functions) expect(fn.sourceMapBytes, `${fn.stackName}/${fn.logicalId}`).toBe(0);
    const assets = readdirSync(synthesised.outdir).filter((name) => name.startsWith('asset.') && existsSync(join(synthesised.outdir, name, 'index.mjs')));
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(readdirSync(join(synthesised.outdir, asset)), asset).toEqual(['index.mjs']);
  });

  it("carries none of zod's locales", () => {
    const assets = readdirSync(synthesised.outdir).filter((name) => name.startsWith('asset.') && existsSync(join(synthesised.outdir, name, 'index.mjs')));
    for (const asset of assets) expect(readFileSync(join(synthesised.outdir, asset, 'index.mjs'), 'utf8').includes(zodLocaleMarker), asset).toBe(false);
  });
});
