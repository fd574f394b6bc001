export interface WorklistStub {
  origin: string;
  requests: { path: string; search: string }[];
  close(): Promise<void>;
}
export function startWorklistStub(options: { languageId: number; rows: Record<string, unknown>[]; failWith?: string | null }): Promise<WorklistStub>;
