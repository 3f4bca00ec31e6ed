// Docker is not available here, so the deployment files are checked for the properties operators rely on.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'));

  it('runs Redis 7 durable and without eviction, as BullMQ requires', () => {
    const redis = compose.services.redis;
    expect(redis.image).toMatch(/^redis:7/);
    const cmd = redis.command.join(' ');
    expect(cmd).toContain('--appendonly yes');
    expect(cmd).toContain('--maxmemory-policy noeviction');
    expect(redis.healthcheck.test.join(' ')).toContain('ping');
  });

  it('runs web and worker from the same image with their roles, health checks and the .env file', () => {
    const { web, worker } = compose.services;
    expect(web.image).toBe(worker.image);
    expect(web.environment.ROLE).toBe('web');
    expect(worker.environment.ROLE).toBe('worker');
    for (const svc of [web, worker]) {
      expect(svc.env_file).toBe('.env');
      expect(svc.healthcheck.test.join(' ')).toContain('/readyz');
      expect(svc.depends_on.redis.condition).toBe('service_healthy');
      expect(svc.environment.REDIS_URL).toBe('redis://redis:6379');
    }
  });
});

describe('.env.example', () => {
  it('documents every variable the config schema reads', () => {
    const example = read('.env.example');
    const config = read('src/config.ts');
    const names = [...config.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});
