/** Only same-site paths may be used as the post-sign-in destination (no open redirects). */
export function safeNextPath(next: string | null, fallback = '/rooms'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return fallback;
  return next;
}
