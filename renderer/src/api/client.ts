// The window's typed API client. Names, inputs and outputs are typed from the one contract in main/api.
import type {
  ApiError,
  CallName,
  EventOf,
  Input,
  Output,
  SubscriptionName,
} from '../../../main/api/contract.ts';
import { createTransport, type Transport } from './transport.ts';

export class ApiCallError extends Error {
  readonly code: ApiError['code'];
  readonly issues: ApiError['issues'];
  constructor(error: ApiError) {
    super(error.message);
    this.code = error.code;
    this.issues = error.issues;
  }
}

export interface Client {
  transport: Transport['kind'];
  call<K extends CallName>(name: K, input: Input<K>): Promise<Output<K>>;
  subscribe<K extends SubscriptionName>(
    name: K,
    input: Input<K>,
    onEvent: (event: EventOf<K>) => void,
    onError?: (error: ApiCallError) => void,
  ): () => void;
}

export function createClient(transport: Transport = createTransport()): Client {
  return {
    transport: transport.kind,
    async call(name, input) {
      const result = await transport.call(name, input);
      if (!result.ok) throw new ApiCallError(result.error);
      return result.data as never;
    },
    subscribe(name, input, onEvent, onError) {
      return transport.subscribe(name, input, (result) => {
        if (result.ok) onEvent(result.data as never);
        else onError?.(new ApiCallError(result.error));
      });
    },
  };
}

export const api = createClient();
