/**
 * The suite runs on a Node that package.json's `engines` admits — in `npm test` the `node` package's binary, whatever
 * the machine's own Node is — and so do the processes the tests and the local stack spawn with `process.execPath`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

/** `^22.22.2 || ^24.0.0` → [[22, 22], [24, 0]]: each admitted major with its lowest minor (patch levels aside). */
function admittedReleaseLines(range: string): [number, number][] {
  return range.split('||').map((part) => {
    const match = /^\s*\^(\d+)\.(\d+)\.\d+\s*$/.exec(part);
    if (!match) throw new Error(`engines.node part "${part}" is not a caret range`);
    return [Number(match[1]), Number(match[2])];
  });
}

function isAdmitted(version: string): boolean {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return admittedReleaseLines(packageJson.engines.node).some(([lineMajor, lowestMinor]) => major === lineMajor && (minor ?? 0) >= lowestMinor);
}

describe('the Node the tests run on', () => {
  it('admits Node 22 and 24 and not Node 20', () => {
    expect(isAdmitted('v22.23.0')).toBe(true);
    expect(isAdmitted('v24.0.0')).toBe(true);
    expect(isAdmitted('v22.12.0')).toBe(false);
    expect(isAdmitted('v20.20.2')).toBe(false);
    expect(isAdmitted('v26.0.0')).toBe(false);
  });

  it('is a Node that engines admits, in this worker and in a process it spawns', () => {
    expect(isAdmitted(process.version), `worker runs ${process.version}`).toBe(true);
    const child = execFileSync(process.execPath, ['-p', 'process.version'], { encoding: 'utf8' }).trim();
    expect(child).toBe(process.version);
  });

  it('builds on the release line of the Node the project installs', () => {
    const installed = packageJson.devDependencies.node;
    expect(installed, 'the `node` package pins the build and test runtime').toMatch(/^\d+\.\d+\.\d+$/);
    expect(isAdmitted(`v${installed}`)).toBe(true);
  });
});
