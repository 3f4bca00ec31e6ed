// Starts a simulator the way a person does (`npm run sim:… -- …`) and reads the `export NAME=value` block it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

export interface Standalone {
  child: ChildProcess;
  env: Record<string, string>;
  /** Everything written to stdout so far. */
  stdout(): string;
  stop(): void;
}

export async function startStandalone(script: string, args: string[], names: readonly string[], timeoutMs = 30_000): Promise<Standalone> {
  // Own process group, so stop() ends npm and the simulator beneath it.
  const child = spawn('npm', ['run', script, '--', ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  };
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  try {
    const env = await new Promise<Record<string, string>>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no environment block; stdout=${out} stderr=${err}`)), timeoutMs);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const found = Object.fromEntries([...out.matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
        if (names.every((n) => n in found)) {
          clearTimeout(timer);
          done(found);
        }
      });
    });
    return { child, env, stdout: () => out, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
