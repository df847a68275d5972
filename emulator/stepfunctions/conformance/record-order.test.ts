import { describe, expect, it } from 'vitest';
import { sortLikeParallelRecord } from './corpus';

const event = (type: string, detailsKey?: string) => ({ type, details: detailsKey ? { [detailsKey]: { resource: 'invoke' } } : {} });
const types = (events: Array<{ type: string }>) => events.map((e) => e.type);
const same = (text: string) => text;

describe('sortLikeParallelRecord', () => {
  it('orders a branch by the name of each event details member, events without details last', () => {
    const run = [
      event('ParallelStateStarted'),
      event('TaskStateEntered', 'stateEnteredEventDetails'),
      event('TaskScheduled', 'taskScheduledEventDetails'),
      event('TaskStarted', 'taskStartedEventDetails'),
      event('TaskFailed', 'taskFailedEventDetails'),
      event('TaskStateAborted'),
      event('ParallelStateExited', 'stateExitedEventDetails'),
      event('PassStateEntered', 'stateEnteredEventDetails'),
    ];
    expect(types(sortLikeParallelRecord(run, same))).toEqual([
      'ParallelStateStarted', 'TaskStateEntered', 'TaskFailed', 'TaskScheduled', 'TaskStarted', 'TaskStateAborted', 'ParallelStateExited', 'PassStateEntered',
    ]);
  });

  it('leaves the events of a retried Parallel attempt unsorted, as the recording tool does', () => {
    const attempt = [event('TaskScheduled', 'taskScheduledEventDetails'), event('TaskStarted', 'taskStartedEventDetails'), event('TaskFailed', 'taskFailedEventDetails')];
    const run = [event('ParallelStateStarted'), ...attempt, event('ParallelStateStarted'), ...attempt, event('ParallelStateExited', 'stateExitedEventDetails')];
    expect(types(sortLikeParallelRecord(run, same))).toEqual([
      'ParallelStateStarted', 'TaskScheduled', 'TaskStarted', 'TaskFailed',
      'ParallelStateStarted', 'TaskFailed', 'TaskScheduled', 'TaskStarted', 'ParallelStateExited',
    ]);
  });

  it('changes nothing outside a Parallel state', () => {
    const run = [event('TaskScheduled', 'taskScheduledEventDetails'), event('TaskFailed', 'taskFailedEventDetails')];
    expect(sortLikeParallelRecord(run, same)).toEqual(run);
  });
});
