import { connect } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { startEmulator } from './server';
import { useEmulator } from './testing/emulator-fixture';

const env = useEmulator();

describe('the server against bad clients', () => {
  it('answers malformed JSON, an unknown operation and an unknown route in AWS’s shape', async () => {
    const call = (headers: Record<string, string>, body: string) => fetch(env.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', ...headers }, body });
    const broken = await call({ 'x-amz-target': 'AWSEvents.PutRule' }, '{"Name":');
    expect([broken.status, broken.headers.get('x-amzn-errortype')]).toEqual([400, 'SerializationException']);
    const unknown = await call({ 'x-amz-target': 'AWSEvents.LaunchRockets' }, '{}');
    expect([unknown.status, unknown.headers.get('x-amzn-errortype')]).toEqual([400, 'UnknownOperationException']);
    const nowhere = await fetch(new URL('/no/such/route', env.endpoint));
    expect(nowhere.status).toBe(404);
    expect(await nowhere.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('refuses a body over the limit without reading it whole', async () => {
    const res = await fetch(new URL('/_localstack/chaos/faults', env.endpoint), { method: 'POST', body: Buffer.alloc(300 * 1024, 'a') });
    expect([res.status, await res.text()]).toEqual([413, expect.stringContaining('HTTP content length exceeded')]);
  });

  it('closes a connection whose headers never finish', async () => {
    const socket = connect(env.emulator.port, '127.0.0.1');
    socket.write('POST / HTTP/1.1\r\nHost: x\r\n');
    const answer = await new Promise<string>((resolve) => {
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('close', () => resolve(data));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 40_000);

  it('warns when bound beyond loopback', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const emulator = await startEmulator({ host: '0.0.0.0', port: 0 });
    try {
      expect(warn.mock.calls.flat().join(' ')).toMatch(/no authentication/);
    } finally {
      await emulator.stop();
      warn.mockRestore();
    }
  });
});
