// How the CLI prints: JSON on stdout with --json (a contract for scripts), words for people otherwise;
// errors always on stderr, and as JSON on stdout too when --json was asked for.
import type { ApiError } from '../api/contract.ts';

export function printResult(json: boolean, data: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
}

export function printError(json: boolean, error: ApiError): void {
  if (json) process.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
  process.stderr.write(`docket: ${error.message}\n`);
  for (const issue of error.issues ?? []) process.stderr.write(`  ${issue.path}: ${issue.message}\n`);
}

/** A share as a percentage with one decimal ("87.6%"), or "-" when there is none. */
export function percent(x: number | null | undefined): string {
  return x === undefined || x === null ? '-' : `${(x * 100).toFixed(1)}%`;
}
