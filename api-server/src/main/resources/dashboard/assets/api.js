// The API as the page uses it: sign-in, bearer calls with one refresh on 401, problem+json errors.
// Tokens live in sessionStorage (this tab only); the page's CSP allows no foreign script.
const KEY = 'influmeter.session';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY)) || null;
  } catch {
    return null;
  }
}

let session = load();

export function signedIn() {
  return session !== null;
}

export function user() {
  return session && session.user;
}

export function signOut() {
  const current = session;
  session = null;
  sessionStorage.removeItem(KEY);
  if (current) {
    fetch('/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${current.accessToken}` } })
      .catch(() => {});
  }
}

async function problem(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function keep(body) {
  session = { accessToken: body.accessToken, refreshToken: body.refreshToken, user: body.user };
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export async function signIn(email, password) {
  const response = await fetch('/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) {
    throw new ApiError(response.status, await problem(response));
  }
  keep(await response.json());
  return session.user;
}

async function refresh() {
  if (!session) return false;
  const response = await fetch('/auth/refresh', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: session.refreshToken }),
  });
  if (!response.ok) {
    return false;
  }
  const body = await response.json();
  keep({ ...body, user: body.user || session.user });
  return true;
}

/** A JSON call as the signed-in user; refreshes the access token once when it has expired. */
export async function call(method, path, retried = false) {
  if (!session) throw new ApiError(401, null);
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${session.accessToken}`, Accept: 'application/json' },
  });
  if (response.status === 401 && !retried && (await refresh())) {
    return call(method, path, true);
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problem(response));
  }
  return response.status === 204 ? null : response.json();
}

export const get = (path) => call('GET', path);
export const post = (path) => call('POST', path);
