import { waitFor } from '../testing/wait';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, type DescribeExecutionCommandOutput, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';

export const ROLE_ARN = 'arn:aws:iam::000000000000:role/StepFunctionsRole';

/** The tests' emulator time scale: retry back-off and waits run a thousand times faster. */
export const TIME_SCALE = 0.001;

/** Waits until the execution has left RUNNING and returns its description. */
export function finishedExecution(sfn: SFNClient, executionArn: string, timeoutMs = 10_000): Promise<DescribeExecutionCommandOutput> {
  return waitFor(
    `execution ${executionArn} to finish`,
    async () => {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      return described.status === 'RUNNING' ? undefined : described;
    },
    timeoutMs,
  );
}

export async function historyOf(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
}

/** The sequence of event types, the shape most history assertions compare. */
export function typesOf(events: HistoryEvent[]): string[] {
  return events.map((e) => e.type!);
}

/** The rejection of `promise`, for asserting on an AWS error's name and message. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
