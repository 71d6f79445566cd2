import { describe, expect, it } from 'vitest';
import { runSoak } from '../soak/soak-runner';

/**
 * The soak in its short form (`npm run soak` runs 1,000): mixed interactions, bookings among them, with faults (502,
 * 500, timeouts, GP Connect switched off, a booking's reply dropped or lost) switched on and off. Every failure comes
 * back typed and audited, nothing is booked twice, nothing is left open, and main's heap once warm stays flat.
 */
const INTERACTIONS = Number(process.env['SOAK_INTERACTIONS'] ?? '360');

describe('soak against the demonstrator with faults', () => {
  it(`${INTERACTIONS} mixed interactions: typed and audited failures only, no duplicate booking, no unhandled rejections, flat heap, no leaked sockets or timers`, async () => {
    const report = await runSoak({ interactions: INTERACTIONS, timeoutMs: 400 });
    process.stdout.write(`soak: ${JSON.stringify(report)}\n`);
    expect(report.unhandledRejections).toBe(0);
    expect(report.untyped).toBe(0);
    // The faults did bite (a soak without failures would prove nothing about them).
    expect(report.failures).toBeGreaterThan(INTERACTIONS / 10);
    expect(Object.keys(report.failureCodes).some((c) => c.includes('TIMEOUT'))).toBe(true);
    expect(report.heapEnd).toBeLessThanOrEqual(report.heapWarm * 1.1);
    // Every failure the user was shown left a failure record in the real, hash-chained trail, and the chain holds.
    expect(report.unauditedExamples).toEqual([]);
    expect(report.auditChainBreaks).toBe(0);
    // Bookings through lost replies and dropped connections: each press pressed twice, nothing booked twice, nothing
    // reported booked that the practice does not hold.
    expect(report.bookings.attempts).toBeGreaterThan(INTERACTIONS / 20);
    expect(report.bookings.confirmed).toBeGreaterThan(0);
    expect(report.bookings.recovered).toBeGreaterThan(0);
    expect(report.bookings.duplicates).toBe(0);
    expect(report.bookings.missing).toBe(0);
    expect(Object.keys(report.failureCodes).some((c) => c.startsWith('BOOKING_'))).toBe(true);
    for (const kind of ['TCPSocketWrap', 'TLSWrap', 'Timeout']) {
      expect(report.resourcesEnd[kind] ?? 0, kind).toBeLessThanOrEqual(report.resourcesWarm[kind] ?? 0);
    }
  }, 600_000);
});
