/** The platform lines Lambda writes around each invocation in the function's log stream. */

export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST\n`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}\n`;
}

export interface ReportFigures {
  durationMs: number;
  memorySize: number;
  maxMemoryUsedMb: number;
  /** Present on the first invocation of an environment (a cold start). */
  initDurationMs?: number;
  /** Why the environment ended, when it did: `Status: timeout` or `Status: error`. */
  status?: 'timeout' | 'error';
  errorType?: string;
}

export function reportLine(requestId: string, f: ReportFigures): string {
  // Since August 2025 AWS bills the init phase of on-demand functions too.
  const billed = Math.ceil(f.durationMs + (f.initDurationMs ?? 0));
  let line = `REPORT RequestId: ${requestId}\tDuration: ${f.durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: ${f.memorySize} MB\tMax Memory Used: ${f.maxMemoryUsedMb} MB\t`;
  if (f.initDurationMs !== undefined) line += `Init Duration: ${f.initDurationMs.toFixed(2)} ms\t`;
  if (f.status) line += `Status: ${f.status}\t`;
  if (f.errorType && f.status === 'error') line += `Error Type: ${f.errorType}\t`;
  return `${line}\n`;
}
