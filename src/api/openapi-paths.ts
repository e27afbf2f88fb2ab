/**
 * An OpenAPI 3.1 Paths Object fragment: each route module exports the paths it serves, with
 * parameters and responses whose schemas come from schemas/ (JSON Schema 2020-12 is OpenAPI
 * 3.1's own dialect), and /openapi.json assembles them.
 */
export type OpenApiPaths = Readonly<Record<string, Readonly<Record<string, unknown>>>>;
