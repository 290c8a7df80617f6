import { describe, expect, it } from 'vitest';
import { readJson, readLimited, unstorableText } from '../../src/server/json';

const site = 'http://localhost:4321';

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request(`${site}/api/x`, {
    method: 'POST',
    headers: { origin: site, 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
}

/** A body that streams `chunks` chunks of 64 KiB and counts how many were pulled. */
function endless(chunks: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const chunk = new Uint8Array(65_536).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled++ >= chunks) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

describe('readLimited', () => {
  it('stops reading a body as soon as it passes the limit', async () => {
    const body = endless(10_000); // 655 MB if read to the end
    expect(await readLimited(post(body.stream), 1_000_000)).toBeUndefined();
    expect(body.pulled()).toBeLessThan(20);
  });

  it('refuses a declared length over the limit without reading anything', async () => {
    const body = endless(10);
    expect(await readLimited(post(body.stream, { 'content-length': '2000000' }), 1_000_000)).toBeUndefined();
    expect(body.pulled()).toBeLessThanOrEqual(1);
  });

  it('reads a body within the limit whole, as UTF-8', async () => {
    expect(await readLimited(post('{"a":"容器"}'))).toBe('{"a":"容器"}');
  });
});

describe('readJson', () => {
  it('answers 413 for an oversized body and 400 for NUL bytes and lone surrogates', async () => {
    const big = await readJson(post(endless(100).stream));
    expect(!big.ok && big.response.status).toBe(413);
    for (const text of ['{"name":"a\\u0000b"}', '{"name":"\\ud800"}', '{"\\udc00":1}', '[["x\\u0000"]]']) {
      const result = await readJson(post(text));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.response.status).toBe(400);
        expect((await result.response.json()).error).toMatch(/NUL character or a lone surrogate/);
      }
    }
    expect(await readJson(post('{"ok":"😀 容器"}'))).toEqual({ ok: true, value: { ok: '😀 容器' } });
  });
});

describe('unstorableText', () => {
  it('names the path to the bad text, and accepts what a store can keep', () => {
    expect(unstorableText({ a: [1, { b: 'x\0' }] })).toBe('(root).a.1.b');
    expect(unstorableText({ a: ['fine', 2, null, true] })).toBeUndefined();
  });
});
