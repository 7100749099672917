/**
 * A test server's port: its fixed number plus E2E_PORT_OFFSET, so two checkouts
 * (git worktrees) can run the end-to-end suite side by side on one machine.
 */
export function testPort(base: number): number {
  return base + Number(process.env.E2E_PORT_OFFSET ?? 0);
}
