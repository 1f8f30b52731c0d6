// The router: the single door into the core for every transport. It looks the procedure up in the
// contract, refuses what the caller's transport may not call, validates input (the renderer is untrusted),
// runs the handler, checks the output and turns every failure into a typed error.
import type { z } from 'zod';
import {
  contract,
  type ApiError,
  type ApiResult,
  type CallName,
  type Contract,
  type EventOf,
  type Input,
  type Output,
  type ParsedInput,
  type SubscriptionName,
} from './contract.ts';
import { DocketError } from './errors.ts';

export type Transport = 'in-process' | 'http' | 'ipc';

export interface CallContext {
  transport: Transport;
  /** Who acts, for the audit log: 'cli', 'window', 'http'. */
  actor: string;
}

export type Handlers = {
  [K in CallName]: (input: ParsedInput<K>, ctx: CallContext) => Output<K> | Promise<Output<K>>;
};

export type SubscriptionHandlers = {
  [K in SubscriptionName]: (
    input: ParsedInput<K>,
    emit: (event: EventOf<K>) => void,
    ctx: CallContext,
  ) => () => void;
};

/** What a transport talks to: the core's router, or the workspaces' door in front of several. */
export interface ApiDoor {
  call(name: string, input: unknown, ctx: CallContext): Promise<ApiResult<unknown>>;
  subscribe(
    name: string,
    input: unknown,
    ctx: CallContext,
    onEvent: (event: unknown) => void,
  ): ApiResult<() => void>;
}

export interface Logger {
  error(message: string, error?: unknown): void;
}

function zodIssues(error: z.ZodError): NonNullable<ApiError['issues']> {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message }));
}

function badInput(name: string, error: z.ZodError): ApiError {
  const issues = zodIssues(error);
  const first = issues[0];
  return {
    code: 'BAD_INPUT',
    message: `Invalid input for ${name}${first ? `: ${first.path}: ${first.message}` : ''}`,
    issues,
  };
}

function hasOwn(name: string): name is keyof Contract {
  return Object.hasOwn(contract, name);
}

export class Router implements ApiDoor {
  private readonly handlers: Partial<Handlers>;
  private readonly subscriptions: Partial<SubscriptionHandlers>;
  private readonly log: Logger;

  /** A router may serve part of the contract (the workspaces' own procedures); the rest is NOT_FOUND. */
  constructor(
    handlers: Partial<Handlers>,
    subscriptions: Partial<SubscriptionHandlers>,
    log: Logger = console,
  ) {
    this.handlers = handlers;
    this.subscriptions = subscriptions;
    this.log = log;
  }

  /** Untyped entry used by transports: `name` and `input` come straight off the wire. */
  async call(name: string, input: unknown, ctx: CallContext): Promise<ApiResult<unknown>> {
    if (!hasOwn(name) || contract[name].kind === 'subscription' || !this.handlers[name as CallName]) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown procedure: ${String(name)}` } };
    }
    const procedure = contract[name as CallName];
    if (procedure.localOnly === true && ctx.transport !== 'in-process') {
      return {
        ok: false,
        error: { code: 'FORBIDDEN', message: `${name} can only be run from the docket command line.` },
      };
    }
    const parsed = (procedure.input as z.ZodType).safeParse(input ?? undefined);
    if (!parsed.success) return { ok: false, error: badInput(name, parsed.error) };
    try {
      const handler = this.handlers[name as CallName] as (i: unknown, c: CallContext) => unknown;
      const result = await handler(parsed.data, ctx);
      const checked = (procedure.output as z.ZodType).safeParse(result);
      if (!checked.success) {
        this.log.error(`Output of ${name} does not match the contract`, checked.error);
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `Docket produced an invalid answer for ${name}.` },
        };
      }
      return { ok: true, data: checked.data };
    } catch (e) {
      return { ok: false, error: this.toApiError(name, e) };
    }
  }

  /** Typed call for in-process use (the CLI): returns the output or throws DocketError. */
  async invoke<K extends CallName>(name: K, input: Input<K>, ctx: CallContext): Promise<Output<K>> {
    const result = await this.call(name, input, ctx);
    if (!result.ok) {
      throw new DocketError(result.error.code, result.error.message, { issues: result.error.issues });
    }
    return result.data as Output<K>;
  }

  /** Starts a subscription; events are validated against the contract before they leave the core. */
  subscribe(
    name: string,
    input: unknown,
    ctx: CallContext,
    onEvent: (event: unknown) => void,
  ): ApiResult<() => void> {
    if (
      !hasOwn(name) ||
      contract[name].kind !== 'subscription' ||
      !this.subscriptions[name as SubscriptionName]
    ) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown subscription: ${String(name)}` } };
    }
    const declared = contract[name as SubscriptionName];
    const parsed = (declared.input as z.ZodType).safeParse(input ?? undefined);
    if (!parsed.success) return { ok: false, error: badInput(name, parsed.error) };
    const start = this.subscriptions[name as SubscriptionName] as (
      i: unknown,
      emit: (e: unknown) => void,
      c: CallContext,
    ) => () => void;
    try {
      const stop = start(
        parsed.data,
        (event) => {
          const checked = (declared.event as z.ZodType).safeParse(event);
          if (checked.success) onEvent(checked.data);
          else this.log.error(`Event of ${name} does not match the contract`, checked.error);
        },
        ctx,
      );
      return { ok: true, data: stop };
    } catch (e) {
      return { ok: false, error: this.toApiError(name, e) };
    }
  }

  private toApiError(name: string, e: unknown): ApiError {
    if (e instanceof DocketError) return e.toApiError();
    // Unexpected: log the detail for the developer, give the user a message without internals.
    this.log.error(`Unexpected error in ${name}`, e);
    return {
      code: 'INTERNAL',
      message: `Something went wrong in ${name}: ${(e as Error)?.message ?? String(e)}`,
    };
  }
}
