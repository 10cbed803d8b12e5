/**
 * Health gate of a deploy: GET /health answers 200, then GET /v1/models lists the served name.
 * The HTTP calls go through the transport's port forward; this reads the `/v1/models` body (OpenAI list shape:
 * `{"object": "list", "data": [{"id": ...}]}`).
 */
export function modelsListServed(body: string, servedModelName: string): boolean {
  try {
    const v = JSON.parse(body) as { data?: Array<{ id?: unknown }> };
    return Array.isArray(v.data) && v.data.some((m) => m && m.id === servedModelName);
  } catch {
    return false;
  }
}

/** Paths the gate requests, in order. */
export const HEALTH_PATHS = ['/health', '/v1/models'] as const;

/** Request headers of the gate's /v1 calls: the deployment's API key, when it has one. */
export function authHeaders(apiKey: string | undefined): Record<string, string> {
  return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
}
