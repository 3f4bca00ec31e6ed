import { changeAlertStatus, createAlerts } from '../control';
import { isConnected } from '../state';
import type { Sim } from '../sim';
import { ALERT_CATALOG } from './demo';

export interface AlertGeneratorOptions {
  /** Mean time between events. Default 5000 ms. */
  intervalMs?: number;
  /** Share of events that change an existing alert's status instead of raising a new one. Default 0.2. */
  statusChangeRatio?: number;
  /** Seed for a repeatable sequence. */
  seed?: number;
}

/** Small deterministic PRNG (mulberry32) so demo runs can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Raises Defender alerts (mixed severities, mostly on connected subscriptions) and occasional status changes. */
export function startAlertGenerator(target: Sim | { sim: Sim }, o: AlertGeneratorOptions = {}): { stop(): void } {
  const sim = 'sim' in target ? target.sim : target;
  const rand = rng(o.seed ?? Date.now());
  const interval = o.intervalMs ?? 5000;
  const ratio = o.statusChangeRatio ?? 0.2;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    const state = sim.state;
    const open = [...state.alerts.values()].filter((a) => a.status === 'Active' || a.status === 'InProgress');
    if (open.length && rand() < ratio) {
      const a = pick(open);
      changeAlertStatus(sim, a.name, a.status === 'Active' && rand() < 0.5 ? 'InProgress' : pick(['Resolved', 'Dismissed']));
    } else {
      const subs = state.subscriptionList.filter((s) => s.state === 'Enabled');
      const connected = subs.filter((s) => isConnected(state, s.subscriptionId));
      const sub = connected.length && rand() < 0.85 ? pick(connected) : pick(subs);
      const t = pick(ALERT_CATALOG);
      createAlerts(sim, [{ ...t, subscriptionId: sub.subscriptionId, compromisedEntity: `${t.productComponentName?.toLowerCase() ?? 'vm'}-${Math.floor(rand() * 90 + 10)}` }]);
    }
    timer = setTimeout(tick, interval * (0.5 + rand()));
  };
  timer = setTimeout(tick, interval * (0.5 + rand()));
  return { stop: () => clearTimeout(timer) };
}
