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
export function startStubDataverse(options: { languageId: number }): Promise<StubDataverse>;
export function evaluateFetch(setName: string, fetchXml: string): Record<string, unknown>[];
