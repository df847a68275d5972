import { InvokeCommand } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { uniqueName, useEmulator } from '../testing/emulator-fixture';
import { createNodeFunction, NO_RETRIES } from './testing';

const env = useEmulator({ clients: { lambda: NO_RETRIES } });

// What CloudFormation's custom-resource handlers do with their response URL: https, no port.
const HANDLER = `
const https = require('https');
exports.handler = (event) => new Promise((resolve, reject) => {
  const req = https.request({ hostname: event.hostname, path: '/_localstack/health', method: 'GET', port: event.port }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(body) }));
  });
  req.on('error', (e) => resolve({ error: e.code || e.message }));
  req.end();
});`;

describe('HTTPS from a handler to the emulator', () => {
  it('reaches the emulator when the handler calls its host on the default HTTPS port', async () => {
    const name = uniqueName('https-local');
    await createNodeFunction(env.lambda, name, { 'index.js': HANDLER });
    for (const hostname of ['127.0.0.1', 'localhost']) {
      const out = await env.lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify({ hostname })) }));
      const result = JSON.parse(Buffer.from(out.Payload!).toString());
      expect(result, hostname).toMatchObject({ status: 200, body: { emulator: 'order-fulfillment-testbed' } });
    }
  });

  it('leaves a request for another port alone', async () => {
    const name = uniqueName('https-other-port');
    await createNodeFunction(env.lambda, name, { 'index.js': HANDLER });
    // Port 1 on loopback: nothing listens, so the untouched HTTPS request is refused.
    const out = await env.lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify({ hostname: '127.0.0.1', port: 1 })) }));
    expect(JSON.parse(Buffer.from(out.Payload!).toString())).toEqual({ error: 'ECONNREFUSED' });
  });
});
