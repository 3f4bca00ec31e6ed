/**
 * The Azure simulator serves HTTPS with a certificate from sim/tls/ca.pem. Node reads NODE_EXTRA_CA_CERTS only at
 * start-up, so when it is not already set the demo runs itself once more with it set.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export const SIM_CA_PATH = path.resolve(__dirname, '..', 'tls', 'ca.pem');

export function trustsSimCa(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!env.NODE_EXTRA_CA_CERTS && path.resolve(env.NODE_EXTRA_CA_CERTS) === SIM_CA_PATH;
}

/** Runs this same command again with the simulator's CA trusted; resolves with the child's exit code. */
export function rerunTrustingSimCa(): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: SIM_CA_PATH },
  });
  // Ctrl-C reaches the whole process group, so the child sees it directly; a SIGTERM sent to this pid is passed on.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
