// A real redis-server for tests: REDIS_URL when set, otherwise Debian's `redis-server` started on a free loopback
// port, in memory only (`--save '' --appendonly no`), and stopped by its PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createClient } from 'redis';

export interface RedisServer {
  url: string;
  /** Stops a server started here (nothing for REDIS_URL). */
  stop(): Promise<void>;
  /** Stops it abruptly (SIGKILL) and starts it again on the same port: a lost, then restored, connection. */
  restart?(downMs: number): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  if (process.env['REDIS_URL']) return { url: process.env['REDIS_URL'], stop: async () => {} };
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child = await launch(port);
  return {
    url,
    async stop() {
      await kill(child);
    },
    async restart(downMs) {
      await kill(child, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, downMs));
      child = await launch(port);
    },
  };
}

async function launch(port: number): Promise<ChildProcess> {
  const binary = process.env['REDIS_SERVER'] ?? 'redis-server';
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`cannot start ${binary}: ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`${binary} exited (${code})`)));
  });
  const giveUp = Date.now() + 5000;
  for (;;) {
    const client = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: false } });
    client.on('error', () => {});
    try {
      await Promise.race([client.connect(), exited]);
      await client.ping();
      await client.close();
      return child;
    } catch (error) {
      if (Date.now() > giveUp || child.exitCode !== null) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
