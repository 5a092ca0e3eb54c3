import { afterEach, describe, expect, it, vi } from 'vitest';
import { callOf, stubFetch } from '@/testing/fetch';
import { ApiError, apiRequest, getAccessToken, onSessionExpired, setAccessToken } from './api-client';

afterEach(() => {
  setAccessToken(null);
  onSessionExpired(null);
});

describe('api-client', () => {
  it('refreshes the access token once on 401 and retries the request', async () => {
    setAccessToken('old-token');
    const fetchMock = stubFetch(
      { status: 401, body: { error: { code: 'unauthorized', message: 'token expired' } } },
      { status: 200, body: { access_token: 'new-token', expires_in: 900 } },
      { status: 200, body: [{ id: 'r1' }] },
    );

    await expect(apiRequest('/rooms')).resolves.toEqual([{ id: 'r1' }]);

    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(callOf(fetchMock, 0)).toMatchObject({ url: '/api/v1/rooms', headers: { Authorization: 'Bearer old-token' } });
    expect(callOf(fetchMock, 1)).toMatchObject({ url: '/api/v1/auth/refresh', method: 'POST' });
    expect(fetchMock.mock.calls[1][1]).toMatchObject({ credentials: 'include' });
    expect(callOf(fetchMock, 2)).toMatchObject({ url: '/api/v1/rooms', headers: { Authorization: 'Bearer new-token' } });
    expect(getAccessToken()).toBe('new-token');
  });

  it('gives up after a failed refresh and reports the expired session', async () => {
    setAccessToken('old-token');
    const expired = vi.fn();
    onSessionExpired(expired);
    stubFetch(
      { status: 401, body: { error: { code: 'unauthorized', message: 'token expired' } } },
      { status: 401, body: { error: { code: 'unauthorized', message: 'no session' } } },
    );

    await expect(apiRequest('/rooms')).rejects.toMatchObject({ status: 401, message: 'token expired' });
    expect(getAccessToken()).toBeNull();
    expect(expired).toHaveBeenCalledOnce();
  });

  it('does not try to refresh when sign-in itself is rejected', async () => {
    const fetchMock = stubFetch({ status: 401, body: { error: { code: 'unauthorized', message: 'Wrong email or password' } } });
    await expect(apiRequest('/auth/login', { method: 'POST', body: {} })).rejects.toThrow('Wrong email or password');
    expect(fetchMock).toHaveBeenCalledOnce();
  });

  it('parses the error shape, including field errors', async () => {
    stubFetch({
      status: 400,
      body: { error: { code: 'invalid', message: 'Please fix the marked fields', fields: { email: 'must be a valid email address' } } },
    });
    const error = await apiRequest('/auth/register', { method: 'POST', body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid', fields: { email: 'must be a valid email address' } });
  });

  it('explains a non-JSON error by its status', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>', { status: 503 })));
    await expect(apiRequest('/rooms')).rejects.toMatchObject({ status: 503, code: 'http_503' });
  });
});
