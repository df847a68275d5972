import { CreateEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ListTablesCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../server';
import { clientConfig } from '../testing/emulator-fixture';

describe('the request log (npm run emulator -- --log requests)', () => {
  it('writes one line per request: service, operation, status and milliseconds', async () => {
    const lines: string[] = [];
    const emulator = await startEmulator({ logRequests: (line) => lines.push(line) });
    const events = new EventBridgeClient({ ...clientConfig(emulator.endpoint), maxAttempts: 1 });
    const dynamodb = new DynamoDBClient(clientConfig(emulator.endpoint));
    try {
      await events.send(new CreateEventBusCommand({ Name: 'logged' }));
      await events.send(new CreateEventBusCommand({ Name: 'logged' })).catch(() => undefined);
      await dynamodb.send(new ListTablesCommand({}));
      await fetch(`${emulator.endpoint}/_testbed/events?kind=nope`);
      await expect.poll(() => lines.length).toBe(4);
      const stamp = '\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z';
      expect(lines[0]).toMatch(new RegExp(`^${stamp} events\\.CreateEventBus 200 \\d+ ms$`));
      expect(lines[1]).toMatch(new RegExp(`^${stamp} events\\.CreateEventBus 400 \\d+ ms$`));
      expect(lines[2]).toMatch(new RegExp(`^${stamp} dynamodb\\.ListTables 200 \\d+ ms$`));
      expect(lines[3]).toMatch(new RegExp(`^${stamp} events\\.GET /_testbed/events 400 \\d+ ms$`));
    } finally {
      events.destroy();
      dynamodb.destroy();
      await emulator.stop();
    }
  });
});
