/** The parts of an OpenAPI 3 document the fuzz suite reads: operations, their parameters and body schemas. */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
  description?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: Schema;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>
  >;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  /** `METHOD /api/path/{param}`, as the document writes it. */
  key: string;
  method: string;
  /** Path template, e.g. `/api/admin/users/{id}`. */
  path: string;
  pathParams: Parameter[];
  query: Parameter[];
  headers: Parameter[];
  /** The JSON body's schema (refs resolved lazily), when the operation takes one. */
  body?: Schema;
  bodyRequired: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, reads first, then writes, deletions last (they remove what others use). */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      if (!METHODS.includes(m)) continue;
      const params = op.parameters ?? [];
      const body = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        key: `${m.toUpperCase()} ${path}`,
        method: m.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        headers: params.filter((p) => p.in === 'header'),
        body,
        bodyRequired: body !== undefined,
      });
    }
  }
  const rank = (o: Operation) => METHODS.indexOf(o.method.toLowerCase());
  return ops.sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key));
}

/** Follows `$ref`s to `#/components/schemas/...` and merges `allOf`. */
export function resolveSchema(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): Schema {
  if (!schema || depth > 16) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(doc, doc.components?.schemas?.[name], depth + 1);
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolveSchema(doc, s, depth + 1));
    return parts.reduce<Schema>(
      (acc, s) => ({
        ...acc,
        ...s,
        properties: { ...acc.properties, ...s.properties },
        required: [...(acc.required ?? []), ...(s.required ?? [])],
      }),
      { ...schema, allOf: undefined },
    );
  }
  return schema;
}

/** `/api/admin/users/{id}` -> the Nest route `/admin/users/:id` (for the inventory cross-check). */
export function nestPathOf(path: string): string {
  return path.replace(/^\/api/, '').replace(/\{([^}]+)\}/g, ':$1');
}
