// Real processes for the multi-instance tests: `npm start` (the proxy with the demo page), `npm run sandbox`, and the
// proxy's Node entry run by `node` itself, so that a SIGKILL reaches the server and not an `npm` wrapper.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Running {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm run <script>` with `env`, resolved once it printed `ready`. */
export function npmRun(script: string, env: Record<string, string>, ready: RegExp): Promise<Running> {
  return run('npm', ['run', '--silent', script], env, ready);
}

/** The proxy as `npm start` runs it, on 127.0.0.1:`port`, resolved once it listens. */
export function startProxyProcess(port: number, env: Record<string, string>): Promise<Running> {
  return npmRun('start', { PORT: String(port), HOST: '127.0.0.1', ...env }, PROXY_READY);
}

/** The same server as `npm start`, run by `node` directly: its PID is the server's, for SIGKILL. */
export function startProxyNode(port: number, env: Record<string, string>): Promise<Running> {
  return run(
    process.execPath,
    ['--import', 'tsx', 'src/server/start.ts'],
    { PORT: String(port), HOST: '127.0.0.1', ...env },
    PROXY_READY,
  );
}

/** Stops a process (SIGTERM unless told otherwise) and waits for it to exit. */
export async function stop(running: Running, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const { child } = running;
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  await running.exited;
}

/** The JSON log lines of some processes (as `npm start` prints them) that have every one of `fields`. */
export function loggedBy(processes: Running[], fields: Record<string, unknown>): Record<string, unknown>[] {
  return processes
    .flatMap((process) => process.output().split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => Object.entries(fields).every(([key, value]) => entry[key] === value));
}

const PROXY_READY = /IMSS Connect demo/;

function run(command: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<Running> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise<Running>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve({ child, output: () => output, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`${command} ${args.join(' ')} exited: ${output}`)));
  });
}
