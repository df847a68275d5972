import { createHash } from 'node:crypto';
import type { LambdaFunction } from './model';

/**
 * Which answer the configuration is part of. AWS creates and updates functions asynchronously:
 * CreateFunction answers `Pending`, updates answer `LastUpdateStatus: InProgress`, and reads
 * afterwards see `Active`/`Successful`. The emulator is ready at once, so only the answer of the
 * changing call itself carries the transitional state, which keeps SDK waiters working.
 */
export type ConfigurationView = 'create' | 'update' | 'read' | 'list';

export function functionConfiguration(fn: LambdaFunction, view: ConfigurationView): Record<string, unknown> {
  const s = fn.settings;
  const out: Record<string, unknown> = {
    Architectures: s.architectures,
    CodeSha256: fn.code.sha256,
    CodeSize: fn.code.size,
  };
  if (s.deadLetterTargetArn) out.DeadLetterConfig = { TargetArn: s.deadLetterTargetArn };
  out.Description = s.description;
  if (s.environment) out.Environment = { Variables: s.environment };
  Object.assign(out, {
    EphemeralStorage: { Size: s.ephemeralStorageSize },
    FunctionArn: fn.arn,
    FunctionName: fn.name,
    Handler: s.handler,
  });
  out.LastModified = fn.lastModified;
  if (view === 'read') out.LastUpdateStatus = 'Successful';
  if (view === 'update') {
    Object.assign(out, {
      LastUpdateStatus: 'InProgress',
      LastUpdateStatusReason: 'The function is being created.',
      LastUpdateStatusReasonCode: 'Creating',
    });
  }
  Object.assign(out, {
    LoggingConfig: { LogFormat: s.logFormat, LogGroup: s.logGroup },
    MemorySize: s.memorySize,
    PackageType: s.packageType,
    RevisionId: fn.revisionId,
    Role: s.role,
    Runtime: s.runtime,
  });
  if (view !== 'list' && s.runtime) out.RuntimeVersionConfig = { RuntimeVersionArn: runtimeVersionArn(fn.region, s.runtime) };
  out.SnapStart = { ApplyOn: 'None', OptimizationStatus: 'Off' };
  if (view === 'create') {
    Object.assign(out, { State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' });
  } else if (view !== 'list') {
    out.State = 'Active';
  }
  Object.assign(out, { Timeout: s.timeout, TracingConfig: { Mode: s.tracingMode }, Version: '$LATEST' });
  return out;
}

/** A stable stand-in for the runtime build AWS reports (a hash per runtime name). */
function runtimeVersionArn(region: string, runtime: string): string {
  return `arn:aws:lambda:${region}::runtime:${createHash('sha256').update(runtime).digest('hex')}`;
}
