// The HTTP methods that only read (RFC 9110, "safe"): they never need a CSRF
// token, never wait for the write lock, and never store a session.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method);
