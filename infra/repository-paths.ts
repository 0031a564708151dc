/**
 * Paths in the repository, resolved from this file rather than the working directory: NodejsFunction checks entry
 * files relative to the process's cwd, and synth runs from the CLI, from vitest and from editors alike.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** An absolute path for a path written relative to the repository root (as routes.ts and task-functions.ts do). */
export function fromRepositoryRoot(relativePath: string): string {
  return resolve(repositoryRoot, relativePath);
}

export const lockFilePath = fromRepositoryRoot('package-lock.json');

/** The built admin console, present only after `npm run build:ui`. */
export const consoleBuildDirectory = fromRepositoryRoot('admin-ui/dist');

export function consoleIsBuilt(): boolean {
  return existsSync(resolve(consoleBuildDirectory, 'index.html'));
}
