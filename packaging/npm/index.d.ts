/** The evidence a diagnosis rests on (absent fields are null); keys appear only as fingerprints. */
export interface Evidence {
  status: number | null;
  request_id: string | null;
  cf_ray: string | null;
  provider: string | null;
  error_type: string | null;
  error_code: string | null;
  error_param: string | null;
  message: string | null;
  key: string | null;
  transport_error: string | null;
  transport_phase: string | null;
  markers: string[];
  notes: string[];
  [field: string]: unknown;
}

/** The diagnosis object of `openai-doctor explain --format json` (schema version 1). */
export interface Diagnosis {
  cause: string;
  layer: string | null;
  retry: string;
  confidence: string;
  title: string;
  explanation: string;
  fixes: string[];
  decided_by: string[];
  evidence: Evidence;
}

/** Options of diagnose: the time the binary may take, in milliseconds (default 10000). */
export interface DiagnoseOptions {
  timeout?: number;
}

/** Resolves to the diagnosis of an openai-node APIError, a fetch failure, any error, or text; never rejects. */
export function diagnose(error: unknown, options?: DiagnoseOptions): Promise<Diagnosis>;
/** The same diagnosis, synchronously. */
export function diagnoseSync(error: unknown, options?: DiagnoseOptions): Diagnosis;
/** The bundled executable for this platform; throws an Error saying where to get a build when there is none. */
export function binaryPath(name?: 'openai-doctor' | 'openai-doctor-mcp', platform?: string, arch?: string): string;
