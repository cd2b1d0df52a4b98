/**
 * `npm start`'s configuration, read from the environment and checked before anything starts, so that a mistake
 * ends the process with one line saying what to fix rather than a stack trace.
 *
 *   BELVO_API_URL                  Belvo's API root (e.g. https://sandbox.belvo.com). Unset: the embedded sandbox.
 *   BELVO_SECRET_ID / BELVO_SECRET_PASSWORD / BELVO_WEBHOOK_AUTH   required with BELVO_API_URL
 *   BELVO_INSTITUTION              Belvo's name of the institution, default imss_mx_employment (the embedded
 *                                  sandbox answers to it too)
 *   PORT (5173), HOST (localhost)
 *   IMSS_SESSION_TIMEOUT_SECONDS   default 60 with the embedded sandbox, 180 with Belvo
 *   IMSS_SESSION_TTL_SECONDS       how long a finished session stays readable, default 900 (15 min)
 *   SANDBOX_TIME_SCALE             embedded sandbox speed, default 1 (0.1 = ten times faster)
 *   REDIS_URL                      the proxy's shared state (e.g. redis://127.0.0.1:6379). Unset: in memory
 *   IMSS_STATE_SECRET              required with REDIS_URL: ≥ 32 characters, the same on every instance
 *   BELVO_WEBHOOK_IPS              with BELVO_API_URL: `belvo` (Belvo's documented addresses) or a comma-separated
 *                                  list; webhooks from elsewhere are refused (403). Unset or `off`: any address.
 *   IMSS_CLIENT_IP_HEADER          the header a trusted reverse proxy puts the client's address in (e.g.
 *                                  X-Forwarded-For); unset: the TCP peer's address
 */
import { isIP } from 'node:net';
import { MIN_SECRET_LENGTH } from '../proxy/state-keys.js';
import { BELVO_WEBHOOK_ADDRESSES } from '../proxy/webhook-source-guard.js';

export type BackendConfig =
  | { kind: 'sandbox'; timeScale: number; sessionTimeoutMs: number }
  | {
      kind: 'belvo';
      /** An http(s) URL. */
      baseUrl: string;
      secretId: string;
      secretPassword: string;
      webhookAuthorization: string;
      sessionTimeoutMs: number;
      /** Addresses webhooks are accepted from; absent: any. */
      webhookSources?: string[];
    };

/** Where the proxy keeps its state: this process's memory, or a Redis shared by every instance. */
export type StateConfig = { kind: 'memory' } | { kind: 'redis'; url: string; secret: string };

export interface ServerConfig {
  port: number;
  host: string;
  backend: BackendConfig;
  state: StateConfig;
  /** The header a trusted reverse proxy puts the client's address in; absent: the TCP peer's address. */
  clientAddressHeader?: string;
  /** How long a finished session stays readable. */
  sessionTtlMs: number;
  /** Belvo's name of the institution (BELVO_INSTITUTION); absent: the proxy's default, imss_mx_employment. */
  institution?: string;
}

export type ServerConfigReading = { ok: true; config: ServerConfig } | { ok: false; problem: string };

type Env = Readonly<Record<string, string | undefined>>;

const BELVO_SECRETS = ['BELVO_SECRET_ID', 'BELVO_SECRET_PASSWORD', 'BELVO_WEBHOOK_AUTH'] as const;

/** The configuration, or the first problem found, as one sentence that never repeats a secret. */
export function readServerConfig(env: Env): ServerConfigReading {
  try {
    return { ok: true, config: readOrThrow(env) };
  } catch (error) {
    if (error instanceof ConfigProblem) return { ok: false, problem: error.message };
    throw error;
  }
}

class ConfigProblem extends Error {}

function readOrThrow(env: Env): ServerConfig {
  return {
    ...readServer(env),
    state: readState(env),
    sessionTtlMs: numberFrom(env, 'IMSS_SESSION_TTL_SECONDS', 900, { min: 1 }) * 1000,
  };
}

function readState(env: Env): StateConfig {
  const url = text(env, 'REDIS_URL');
  if (url === undefined) return { kind: 'memory' };
  // The value is not quoted back: a Redis URL can carry a password.
  if (!/^rediss?:\/\/./.test(url)) {
    throw new ConfigProblem(
      'REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (or unset).',
    );
  }
  const secret = text(env, 'IMSS_STATE_SECRET');
  if (secret === undefined || secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigProblem(
      `IMSS_STATE_SECRET is required with REDIS_URL: at least ${MIN_SECRET_LENGTH} random characters, the same on every instance (e.g. openssl rand -base64 32).`,
    );
  }
  return { kind: 'redis', url, secret };
}

function readServer(env: Env): Omit<ServerConfig, 'state' | 'sessionTtlMs'> {
  const port = numberFrom(env, 'PORT', 5173, { min: 0, max: 65_535, integer: true });
  const host = text(env, 'HOST') ?? 'localhost';
  const belvoUrl = text(env, 'BELVO_API_URL');
  const clientAddressHeader = headerName(env, 'IMSS_CLIENT_IP_HEADER');
  const institution = institutionName(env);
  const common = {
    port,
    host,
    ...(clientAddressHeader ? { clientAddressHeader } : {}),
    ...(institution ? { institution } : {}),
  };
  if (belvoUrl === undefined) {
    if (webhookSources(env)) {
      throw new ConfigProblem(
        'BELVO_WEBHOOK_IPS needs BELVO_API_URL: the embedded sandbox delivers its webhooks in-process.',
      );
    }
    return {
      ...common,
      backend: {
        kind: 'sandbox',
        timeScale: numberFrom(env, 'SANDBOX_TIME_SCALE', 1, { min: 0 }),
        sessionTimeoutMs: numberFrom(env, 'IMSS_SESSION_TIMEOUT_SECONDS', 60, { min: 1 }) * 1000,
      },
    };
  }

  // The value is not quoted back: a URL can carry credentials.
  if (!isHttpUrl(belvoUrl)) {
    throw new ConfigProblem(
      'BELVO_API_URL must be an http(s) URL such as https://sandbox.belvo.com (or unset, for the embedded sandbox).',
    );
  }
  const missing = BELVO_SECRETS.filter((name) => text(env, name) === undefined);
  if (missing.length > 0) {
    throw new ConfigProblem(
      `${listed(missing)} ${missing.length === 1 ? 'is' : 'are'} required when BELVO_API_URL is set.`,
    );
  }
  const sources = webhookSources(env);
  return {
    ...common,
    backend: {
      kind: 'belvo',
      baseUrl: belvoUrl,
      secretId: text(env, 'BELVO_SECRET_ID')!,
      secretPassword: text(env, 'BELVO_SECRET_PASSWORD')!,
      webhookAuthorization: text(env, 'BELVO_WEBHOOK_AUTH')!,
      sessionTimeoutMs: numberFrom(env, 'IMSS_SESSION_TIMEOUT_SECONDS', 180, { min: 1 }) * 1000,
      ...(sources ? { webhookSources: sources } : {}),
    },
  };
}

/** BELVO_WEBHOOK_IPS as a list of addresses; undefined when unset or `off`. */
function webhookSources(env: Env): string[] | undefined {
  const raw = text(env, 'BELVO_WEBHOOK_IPS')?.trim();
  if (raw === undefined || raw.toLowerCase() === 'off') return undefined;
  if (raw.toLowerCase() === 'belvo') return [...BELVO_WEBHOOK_ADDRESSES];
  const addresses = raw.split(',').map((address) => address.trim());
  const wrong = addresses.find((address) => isIP(address) === 0);
  if (wrong !== undefined) {
    throw new ConfigProblem(
      `BELVO_WEBHOOK_IPS must be "belvo", "off" or IP addresses separated by commas (got "${wrong}").`,
    );
  }
  return addresses;
}

/** BELVO_INSTITUTION: a Belvo institution name such as imss_mx_employment or planet_mx_employment. */
function institutionName(env: Env): string | undefined {
  const raw = text(env, 'BELVO_INSTITUTION')?.trim();
  if (raw === undefined) return undefined;
  if (!/^[a-z0-9_]{1,64}$/.test(raw)) {
    throw new ConfigProblem(
      `BELVO_INSTITUTION must be a Belvo institution name such as imss_mx_employment (got "${raw}").`,
    );
  }
  return raw;
}

/** A header name (RFC 9110 token characters), lower-cased. */
function headerName(env: Env, name: string): string | undefined {
  const raw = text(env, name)?.trim();
  if (raw === undefined) return undefined;
  if (!/^[!#$%&'*+.^_`|~\w-]+$/.test(raw)) {
    throw new ConfigProblem(`${name} must be a header name such as X-Forwarded-For (got "${raw}").`);
  }
  return raw.toLowerCase();
}

/** A variable's value; unset and blank are the same. */
function text(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

function numberFrom(
  env: Env,
  name: string,
  fallback: number,
  { min = 0, max = Infinity, integer = false }: { min?: number; max?: number; integer?: boolean },
): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const range = max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new ConfigProblem(
      `${name} must be ${integer ? 'a whole number' : 'a number'} ${range} (got "${raw}").`,
    );
  }
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** "A", "A and B", "A, B and C". */
function listed(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
