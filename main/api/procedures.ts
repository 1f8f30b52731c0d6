// How a procedure is declared: a query or mutation (input → output) or a subscription (input → events).
import type { z } from 'zod';
import type { ErrorCode } from './contract.ts';

export type Schema = z.ZodType;

export interface QueryOrMutation<I extends Schema, O extends Schema> {
  kind: 'query' | 'mutation';
  description: string;
  input: I;
  output: O;
  errors: readonly ErrorCode[];
  /** Only the in-process transport (the CLI) may call it: it touches paths on disk chosen by the caller. */
  localOnly?: boolean;
}

export interface Subscription<I extends Schema, E extends Schema> {
  kind: 'subscription';
  description: string;
  input: I;
  event: E;
  errors: readonly ErrorCode[];
}

export function query<I extends Schema, O extends Schema>(
  p: Omit<QueryOrMutation<I, O>, 'kind'>,
): QueryOrMutation<I, O> {
  return { kind: 'query', ...p };
}
export function mutation<I extends Schema, O extends Schema>(
  p: Omit<QueryOrMutation<I, O>, 'kind'>,
): QueryOrMutation<I, O> {
  return { kind: 'mutation', ...p };
}
export function subscription<I extends Schema, E extends Schema>(
  p: Omit<Subscription<I, E>, 'kind'>,
): Subscription<I, E> {
  return { kind: 'subscription', ...p };
}
