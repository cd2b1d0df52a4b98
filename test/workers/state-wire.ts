// How test/workers/state-worker.ts and its Node client (test/backend/durable-object-states.ts) carry a ProxyState
// call over HTTP: JSON, with the numbers JSON lacks (`due(index, Infinity, …)`) spelled out.
export function encode(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) =>
    typeof item === 'number' && !Number.isFinite(item) ? { number: String(item) } : item,
  );
}

export function decode(text: string): unknown {
  return JSON.parse(text, (_, item: unknown) =>
    typeof item === 'object' && item !== null && 'number' in item && Object.keys(item).length === 1
      ? Number((item as { number: string }).number)
      : item,
  );
}

export interface StateCall {
  method: string;
  args: unknown[];
}
