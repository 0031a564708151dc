/**
 * What a synthesized cloud assembly weighs: resources per stack against CloudFormation's limit, and the minified
 * bundle of every Lambda function. The infra tests assert on it; `npm run sizes` prints it, synthesising with real
 * bundles first unless given an assembly directory (`npm run sizes -- cdk.out`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** CloudFormation's limit of resources in one stack. */
export const cloudFormationResourceLimit = 500;

export interface StackWeight {
  readonly stackName: string;
  readonly resources: number;
}

export interface FunctionBundle {
  readonly stackName: string;
  readonly logicalId: string;
  /** The function's description, to tell the functions apart in a report. */
  readonly description: string;
  /** The bundle's JavaScript (index.mjs), without the source map beside it, in bytes. */
  readonly bundleBytes: number;
  readonly sourceMapBytes: number;
}

export interface AssemblyReport {
  readonly stacks: readonly StackWeight[];
  readonly functions: readonly FunctionBundle[];
}

interface Template {
  readonly Resources?: Readonly<Record<string, { readonly Type: string; readonly Properties?: Readonly<Record<string, unknown>> }>>;
}

interface Manifest {
  readonly artifacts?: Readonly<Record<string, { readonly type: string; readonly properties?: { readonly templateFile?: string } }>>;
}

export function assemblyReport(outdir: string): AssemblyReport {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  const stacks: StackWeight[] = [];
  const functions: FunctionBundle[] = [];
  for (const [stackName, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const template = JSON.parse(readFileSync(join(outdir, artifact.properties.templateFile), 'utf8')) as Template;
    const resources = Object.entries(template.Resources ?? {});
    stacks.push({ stackName, resources: resources.length });
    for (const [logicalId, resource] of resources) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const code = resource.Properties?.['Code'] as { S3Key?: unknown } | undefined;
      // NodejsFunction code is a zip asset named after its hash; the staged folder is `asset.<hash>`.
      const hash = typeof code?.S3Key === 'string' ? code.S3Key.replace(/\.zip$/, '') : undefined;
      const folder = hash ? join(outdir, `asset.${hash}`) : undefined;
      const bundle = folder ? join(folder, 'index.mjs') : undefined;
      if (!folder || !bundle || !existsSync(bundle)) continue;
      const map = join(folder, 'index.mjs.map');
      functions.push({
        stackName,
        logicalId,
        description: String(resource.Properties?.['Description'] ?? ''),
        bundleBytes: statSync(bundle).size,
        sourceMapBytes: existsSync(map) ? statSync(map).size : 0,
      });
    }
  }
  return { stacks, functions };
}

export function formatReport(report: AssemblyReport): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const lines = ['Resources per stack (CloudFormation allows 500):'];
  for (const stack of report.stacks) lines.push(`  ${stack.stackName.padEnd(28)} ${String(stack.resources).padStart(4)}  ${((100 * stack.resources) / cloudFormationResourceLimit).toFixed(0)} %`);
  const sizes = report.functions.map((fn) => fn.bundleBytes);
  if (sizes.length === 0) {
    lines.push('', 'No function bundles in this assembly (synthesised with KAMFLOW_SKIP_BUNDLING=1?)');
    return lines.join('\n');
  }
  lines.push('', `Functions: ${report.functions.length}; bundle ${kb(Math.min(...sizes))} to ${kb(Math.max(...sizes))} (minified, source maps apart)`);
  for (const fn of [...report.functions].sort((a, b) => b.bundleBytes - a.bundleBytes)) {
    lines.push(`  ${kb(fn.bundleBytes).padStart(7)}  ${fn.stackName}/${fn.logicalId}${fn.sourceMapBytes > 0 ? ` (+ ${kb(fn.sourceMapBytes)} map)` : ''}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const given = process.argv[2];
  if (given) {
    console.log(formatReport(assemblyReport(resolve(given))));
    return;
  }
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { App } = await import('aws-cdk-lib');
  const { addKamflowStacks } = await import('./kamflow-stacks.ts');
  const { deploymentSettingsFrom } = await import('./deployment-settings.ts');
  const outdir = mkdtempSync(join(tmpdir(), 'kamflow-sizes-'));
  try {
    const settings = deploymentSettingsFrom(process.env);
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    addKamflowStacks(app, settings);
    app.synth();
    console.log(formatReport(assemblyReport(outdir)));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
