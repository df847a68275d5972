import { createServer } from 'node:http';

/**
 * The capacity bench's ceiling: a bare `node:http` server that reads each request's body and
 * answers one fixed PutEvents result of the same size, with the same headers, as the emulator's.
 * No server written in Node answers faster on this machine, so it bounds what the emulator can
 * reach. Run as its own process: `node --import tsx put-events-ceiling-server.ts <port>`.
 */
const body = JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: '6f1c1a43-6f3a-4c1e-9a3e-0d6a2b7f3c11' }] });
const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': 'fc4c3e8d-3f1a-4a8e-9d7c-2b5e6a1f0c9d' });
    res.end(body);
  });
});
server.listen(Number(process.argv[2]), '127.0.0.1');
