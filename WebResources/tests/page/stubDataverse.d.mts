export interface StubRequest {
  path: string;
  search: string;
  prefer: string | null;
}
export interface StubDataverse {
  origin: string;
  requests: StubRequest[];
  close(): Promise<void>;
}
export function startStubDataverse(options: { languageId: number; aggregateLimit?: number }): Promise<StubDataverse>;
export function evaluateFetch(setName: string, fetchXml: string, aggregateLimit?: number): Record<string, unknown>[];
