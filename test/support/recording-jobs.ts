// The real job port, recording what the web role asked for, plus matchers for the messages it leads to.
import type { EnqueueResult, JobPort, JobRequest } from '../../src/ports';

export function recording(port: JobPort, log: JobRequest[]): JobPort {
  return {
    enqueue: async (request): Promise<EnqueueResult> => {
      log.push(request);
      return port.enqueue(request);
    },
    cancel: (jobId, by) => port.cancel(jobId, by),
    recent: (limit) => port.recent(limit),
  };
}

export const blocksText = (m: { blocks?: unknown[] }): string => JSON.stringify(m.blocks ?? []);
export const isStatus = (m: { blocks?: unknown[] }): boolean => blocksText(m).includes('Sentinel connector');
