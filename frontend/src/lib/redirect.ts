/** Leaves the SPA for another site (a BBB node's join URL). Its own module so tests can replace it. */
export function redirectTo(url: string): void {
  window.location.assign(url);
}
