// The job system's public face: the web role enqueues through createJobPort, the worker role runs startWorkers.
export { createJobPort, type ClosableJobPort, type JobPortDeps } from './job-port';
export { startWorkers, type RunningWorkers, type WorkerDeps } from './workers';
export { QUEUES, DEFAULT_PREFIX, ARM_WRITE_BUDGET, type WriteBudget } from './queues';
export { jobIdFor } from './job-ids';
export type { OperationHandler, OperationInput } from './handlers/operations';
