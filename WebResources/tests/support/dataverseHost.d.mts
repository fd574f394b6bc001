/** A JSON answer of the Web API: a collection (value), a record, an operation response or an error. */
export interface ODataBody {
  value?: Record<string, unknown>[];
  error?: { code: string; message: string };
  [key: string]: unknown;
}
export interface DataverseClient {
  origin: string;
  token: string;
  request(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: ODataBody }>;
  all(path: string): Promise<Record<string, unknown>[]>;
  signIn(path: string): string;
}
export interface DataverseHost extends DataverseClient {
  close(): Promise<void>;
}
export function connectDataverseHost(origin: string, token: string): DataverseClient;
export function startDataverseHost(options?: { seed?: number; contacts?: number; days?: number; aggregateLimit?: number }): Promise<DataverseHost>;
