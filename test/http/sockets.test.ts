import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../helpers/app.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Writes raw bytes to the server and reads until it closes or a full response with Content-Length arrives. */
function raw(port: number, request: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    const finish = () => {
      const text = data.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const body = text.slice(split + 4);
      if (!headers['content-length'] || Buffer.byteLength(body) < Number(headers['content-length'])) return false;
      socket.destroy();
      resolve({ status: Number(statusLine?.split(' ')[1]), headers, body: JSON.parse(body) as Record<string, unknown> });
      return true;
    };
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      finish();
    });
    socket.on('error', (err) => (finish() ? undefined : reject(err)));
    socket.on('end', () => (finish() ? undefined : reject(new Error(`incomplete response: ${data.toString('utf8').slice(0, 200)}`))));
    socket.write(request);
  });
}

function assertProblem(res: RawResponse, status: number, code: string): void {
  assert.equal(res.status, status, JSON.stringify(res));
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
  assert.equal(res.body.type, `https://hireline.dev/problems/${code}`);
  assert.equal(res.body.status, status);
  assert.equal(typeof res.body.requestId, 'string');
  assert.equal(typeof res.body.detail, 'string');
}

describe('errors the server sends on a real socket are problem+json too', () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await startTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  after(() => t.close());

  test('an oversized header → 431 headers-too-large', async () => {
    const res = await raw(port, `GET /v1/boards/${t.org.slug}/jobs HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assertProblem(res, 431, 'headers-too-large');
    assert.equal(res.body.instance, `/v1/boards/${t.org.slug}/jobs`);
  });

  test('bytes that are not HTTP → 400 malformed-request', async () => {
    assertProblem(await raw(port, 'NOT HTTP AT ALL\r\n\r\n'), 400, 'malformed-request');
  });

  test('malformed percent-encoding, an over-long parameter and a wrong method, over the wire', async () => {
    assertProblem(await raw(port, `GET /v1/boards/${t.org.slug}/jobs/%ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), 400, 'malformed-request');
    assertProblem(await raw(port, `GET /v1/boards/${t.org.slug}/jobs/${'j'.repeat(500)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`), 414, 'uri-too-long');
    const wrong = await raw(port, 'PUT /v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    assertProblem(wrong, 405, 'method-not-allowed');
    assert.match(wrong.headers.allow ?? '', /GET.*POST/);
  });
});
