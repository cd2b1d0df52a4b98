import { createServer, type RequestListener, type Server } from 'node:http';

/**
 * How long and how many: the limits that keep `npm start`'s server answering real clients while others open
 * connections and send nothing, send their headers a byte at a time, or trickle a body.
 */
export interface ServerLimits {
  /** All request headers must arrive within this (then 408 and the connection closed). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. Answers may take longer (long polls). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections open at once; past it, new ones are closed at once (descriptors stay free for real work). */
  maxConnections: number;
  /** How often Node looks for requests past their headers or request timeout. */
  timeoutCheckIntervalMs: number;
}

/**
 * `npm start`'s values (see the README's Security section). Headers are small and come in one packet from a real
 * client: 10 s is generous on a slow mobile link. A request here is at most a 64 kB webhook: 30 s. 5 s of
 * keep-alive is Node's default, kept short on purpose for a server facing clients directly (behind a load
 * balancer, make it longer than the balancer's idle timeout). 512 connections leave half of a default
 * 1024-descriptor limit to Belvo calls and files; each waiting element holds one.
 */
const SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 512,
  timeoutCheckIntervalMs: 1_000,
};

/** A Node HTTP server with `limits` applied (`npm start`'s by default). */
export function createHardenedServer(
  listener: RequestListener,
  limits: ServerLimits = SERVER_LIMITS,
): Server {
  const server = createServer({ connectionsCheckingInterval: limits.timeoutCheckIntervalMs }, listener);
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return server;
}
