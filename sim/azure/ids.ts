import { createHash, randomUUID } from 'node:crypto';

/** Deterministic GUID (name-based, version-5 layout) so scenario ids are stable across runs. */
export function stableGuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export const newGuid = (): string => randomUUID();

/** ARM etags are quoted opaque strings. */
export const newEtag = (): string => `"${randomUUID()}"`;

/** Defender alert names look like "<reverse ticks>_<guid>". */
export function defenderAlertName(at: number, guid: string): string {
  const ticks = BigInt(at) * 10_000n + 621_355_968_000_000_000n;
  return `${(2_650_000_000_000_000_000n - ticks).toString()}_${guid}`;
}
