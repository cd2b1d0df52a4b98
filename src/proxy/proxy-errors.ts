import type * as z from 'zod/mini';
import type { ProxyErrorResponse } from '../contract/proxy-api.js';

/**
 * The proxy's own error answers (a ProxyErrorResponse), and zod's issues turned into sentences a developer reading
 * the answer can act on. These are for the partner's developers, in English: the element shows its own,
 * localized text for each code.
 */

export type ProxyErrorCode = ProxyErrorResponse['error']['code'];
export type RequestIssue = NonNullable<ProxyErrorResponse['error']['issues']>[number];

export function proxyError(
  code: ProxyErrorCode,
  message: string,
  details: Omit<ProxyErrorResponse['error'], 'code' | 'message'> = {},
): ProxyErrorResponse {
  return { error: { code, message, ...details } };
}

/** 400 `invalid_request`: a body or query the proxy cannot read, with what is wrong with each field, if known. */
export function invalidRequest(message: string, issues?: RequestIssue[]): ProxyErrorResponse {
  return proxyError('invalid_request', message, issues ? { issues } : {});
}

/**
 * Each issue with its dotted path and a sentence that names the field: "curp is required", "curp must be a
 * string", "externalId must have at least 3 characters". zod/mini's own messages are all "Invalid input".
 * `input` is the parsed body, to tell a missing field from one of the wrong type.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): RequestIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: describeIssue(issue, input),
  }));
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const name = issue.path.length === 0 ? 'the body' : issue.path.map(String).join('.');
  switch (issue.code) {
    case 'invalid_type':
      if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) return `${name} is required`;
      return `${name} must be ${withArticle(issue.expected === 'record' ? 'object' : issue.expected)}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `${name} must have at least ${characters(issue.minimum)}`
        : `${name} is too small (minimum ${issue.minimum})`;
    case 'too_big':
      return issue.origin === 'string'
        ? `${name} must have at most ${characters(issue.maximum)}`
        : `${name} is too big (maximum ${issue.maximum})`;
    case 'invalid_value':
      return `${name} must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    default:
      return `${name} is not valid`;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function characters(count: number | bigint): string {
  return `${count} character${count === 1 ? '' : 's'}`;
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}
