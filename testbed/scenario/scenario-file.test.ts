import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../project';
import { expectationOverride, parseScenario, readScenario, ScenarioFileError } from './scenario-file';

describe('scenario files', () => {
  it('reads a JSON array, a JSON document with orders, and NDJSON alike', () => {
    const order = { location: 'us-east', category: 'books', value: 5 };
    const line = JSON.stringify(order);
    for (const [text, file] of [
      [`[${line}]`, 'a.json'],
      [JSON.stringify({ name: 'named', orders: [order] }), 'b.json'],
      [`${line}\n${line}\n`, 'c.ndjson'],
      [`${line}\n\n${line}`, 'd.json'],
    ] as const) {
      const scenario = parseScenario(text, 'x', file);
      expect(scenario.orders[0]).toMatchObject({ ...order, via: 'GET', expectStatus: 202 });
    }
  });

  it.each([
    ['', 'x.json', 'The scenario file x.json is empty.'],
    ['[{"location": "us-east",}]', 'x.json', 'x.json is not valid JSON'],
    ['{"location":"us-east"}\n{"location": 5}', 'x.ndjson', 'x.ndjson line 2 at location'],
    ['[{"location":"us-east","via":"PUT"}]', 'x.json', 'x.json, order 1, at via'],
    ['[{"location":"us-east"},{"location":"us-east","expect":["sqs"]}]', 'x.json', 'x.json, order 2, at expect: expect must be a list of routes or a map of route to true/false; the routes are log, api, stepfunctions, table, dispatch.'],
    ['{"orders":[{"location":"us-east","expect":{"sqs":true}}]}', 'x.json', 'x.json, order 1, at expect: unknown key "sqs"; expect takes the routes log, api, stepfunctions, table, dispatch.'],
    ['[{"location":"us-east","delayMs":-1}]', 'x.json', 'x.json, order 1, at delayMs'],
    ['[{"location":"us-east","colour":"red"}]', 'x.json', 'x.json, order 1: unknown key "colour"; an order takes orderId, location,'],
  ])('refuses %j with one sentence naming where', (text, file, message) => {
    expect(() => parseScenario(text, 'x', file)).toThrow(ScenarioFileError);
    expect(() => parseScenario(text, 'x', file)).toThrow(message);
  });

  it('reads a file that does not exist as a plain sentence', async () => {
    await expect(readScenario('no/such/file.json')).rejects.toThrow('Cannot read the scenario file no/such/file.json: there is no such file.');
    await expect(readScenario('scripts')).rejects.toThrow('Cannot read the scenario file scripts: it is a directory.');
  });

  it('turns a route list into a full expectation and keeps a partial map as it is', () => {
    const [listed, mapped] = parseScenario('[{"expect":["log","api"]},{"expect":{"api":false}}]', 'x', 'x.json').orders;
    expect(expectationOverride(listed!)).toEqual({ log: true, api: true, stepfunctions: false, table: false, dispatch: false });
    expect(expectationOverride(mapped!)).toEqual({ api: false });
  });

  it('ships scenario files that all parse', async () => {
    // The scenarios `npm run scenario` is shown with in the README.
    const dir = pathToFileURL(path.join(PROJECT_ROOT, 'scripts', 'scenarios') + path.sep);
    const files = (await readdir(dir)).filter((f) => /\.(nd)?json$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const scenario = await readScenario(new URL(f, dir).pathname);
      expect(scenario.orders.length, f).toBeGreaterThan(0);
    }
    expect((await readScenario(new URL('mixed-regions-day.ndjson', dir).pathname)).orders).toHaveLength(1000);
  });
});
