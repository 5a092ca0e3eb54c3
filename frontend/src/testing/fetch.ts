import { vi } from 'vitest';

export type Reply = { status: number; body?: unknown };

/** A JSON Response like the API sends. */
export function jsonResponse({ status, body }: Reply): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** Stubs global fetch with replies handed out in order; the mock records every call. */
export function stubFetch(...replies: Reply[]) {
  const queue = [...replies];
  const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    const next = queue.shift();
    if (!next) throw new Error('fetch called more often than the test expected');
    return jsonResponse(next);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export function callOf(fetchMock: ReturnType<typeof stubFetch>, index: number) {
  const [input, init] = fetchMock.mock.calls[index];
  const headers = (init?.headers ?? {}) as Record<string, string>;
  return { url: String(input), method: init?.method ?? 'GET', headers, body: init?.body ? JSON.parse(String(init.body)) : undefined };
}
