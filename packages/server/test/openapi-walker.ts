import { randomUUID } from 'node:crypto';

/** Just enough of JSON Schema / OpenAPI to generate requests from the served document. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  minItems?: number;
  /** Set by contracts/text.ts on every clean-text field: `single-line` or `multi-line`. */
  'x-epeople-text'?: 'single-line' | 'multi-line';
}

/** Where a value sits in a body: property names from the top. */
export type FieldPath = readonly string[];

/** A string field of a request, with how the clean-text rule marks it (undefined: not marked). */
export interface StringField {
  path: FieldPath;
  kind: 'single-line' | 'multi-line' | undefined;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  method: string;
  path: string;
  parameters: Array<{
    name: string;
    in: 'path' | 'query' | 'header' | 'cookie';
    required?: boolean;
    schema: JsonSchema;
  }>;
  body?: JsonSchema;
}

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: OpenApiOperation['parameters'];
        requestBody?: { content?: Record<string, { schema: JsonSchema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Valid-looking values for the string patterns our contracts use. */
const PATTERN_EXAMPLES: Array<[RegExp, string]> = [
  [/\\d\{6\}/, '123456'],
  [/\\\+\[1-9\]/, '+21620123456'],
  [/\[a-z0-9\]\+/, 'walker-test'],
];

export function createWalker(document: OpenApiDocument) {
  const resolve = (schema: JsonSchema): JsonSchema => {
    if (schema.$ref) {
      const name = schema.$ref.split('/').pop() ?? '';
      const target = document.components?.schemas?.[name];
      if (!target) throw new Error(`unresolved ${schema.$ref}`);
      return resolve(target);
    }
    const options = schema.anyOf ?? schema.oneOf;
    if (options) {
      const nonNull = options.map(resolve).find((option) => option.type !== 'null');
      return nonNull ?? resolve(options[0] as JsonSchema);
    }
    if (schema.allOf?.length === 1) return resolve(schema.allOf[0] as JsonSchema);
    return schema;
  };

  const typeOf = (schema: JsonSchema): string => {
    const resolved = resolve(schema);
    if (Array.isArray(resolved.type)) return resolved.type.find((t) => t !== 'null') ?? 'null';
    return resolved.type ?? (resolved.properties ? 'object' : resolved.enum ? typeof resolved.enum[0] : 'string');
  };

  const validValue = (schema: JsonSchema): unknown => {
    const resolved = resolve(schema);
    if (resolved.const !== undefined) return resolved.const;
    if (resolved.enum) return resolved.enum.find((value) => value !== null);
    switch (typeOf(resolved)) {
      case 'object': {
        const value: Record<string, unknown> = {};
        for (const [key, property] of Object.entries(resolved.properties ?? {})) value[key] = validValue(property);
        return value;
      }
      case 'array':
        return resolved.items ? [validValue(resolved.items)] : [];
      case 'integer':
      case 'number':
        return resolved.minimum ?? 1;
      case 'boolean':
        return true;
      default: {
        if (resolved.format === 'email') return `walker-${randomUUID().slice(0, 8)}@example.com`;
        if (resolved.format === 'uuid') return randomUUID();
        if (resolved.format === 'date-time') return new Date().toISOString();
        if (resolved.pattern) {
          const known = PATTERN_EXAMPLES.find(([pattern]) => pattern.test(resolved.pattern ?? ''));
          if (known) return known[1];
        }
        const length = Math.min(Math.max(resolved.minLength ?? 0, 12), resolved.maxLength ?? 12);
        return 'Walker text '.repeat(2).slice(0, length);
      }
    }
  };

  const wrongTypeValue = (schema: JsonSchema): unknown => {
    switch (typeOf(schema)) {
      case 'string':
        return 12345;
      case 'integer':
      case 'number':
        return 'not a number';
      case 'boolean':
        return 'yes';
      case 'array':
        return 'not an array';
      default:
        return 7;
    }
  };

  const operations = (): OpenApiOperation[] =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        ...(operation.requestBody?.content?.['application/json']
          ? { body: operation.requestBody.content['application/json'].schema }
          : {}),
      })),
    );

  /** Bodies that are each wrong in one way: a wrong type, a missing field, an unknown field... */
  const badBodies = (schema: JsonSchema): Array<{ label: string; payload: unknown }> => {
    const resolved = resolve(schema);
    const valid = validValue(resolved) as Record<string, unknown>;
    const bodies: Array<{ label: string; payload: unknown }> = [
      { label: 'unknown field', payload: { ...valid, unexpectedField: 'x' } },
      { label: 'array instead of object', payload: [valid] },
      { label: 'string instead of object', payload: 'text' },
      { label: 'empty object', payload: {} },
    ];
    for (const [key, property] of Object.entries(resolved.properties ?? {})) {
      bodies.push({ label: `${key}: wrong type`, payload: { ...valid, [key]: wrongTypeValue(property) } });
      bodies.push({ label: `${key}: null`, payload: { ...valid, [key]: null } });
      if (typeOf(property) === 'string') {
        bodies.push({ label: `${key}: very long`, payload: { ...valid, [key]: 'x'.repeat(5000) } });
        bodies.push({ label: `${key}: control characters`, payload: { ...valid, [key]: '\u0000\u202e\ud800' } });
      }
      if (resolved.required?.includes(key)) {
        const { [key]: _removed, ...rest } = valid;
        bodies.push({ label: `${key}: missing`, payload: rest });
      }
    }
    return bodies;
  };

  /**
   * Every string field of a body, nested objects included (arrays are left out: ours hold ids).
   * Enums, constants, formats and patterns are not free text, so they are not listed.
   */
  const stringFields = (schema: JsonSchema, prefix: FieldPath = []): StringField[] => {
    const resolved = resolve(schema);
    if (typeOf(resolved) === 'object') {
      return Object.entries(resolved.properties ?? {}).flatMap(([key, property]) =>
        prefix.length < 4 ? stringFields(property, [...prefix, key]) : [],
      );
    }
    if (typeOf(resolved) !== 'string' || prefix.length === 0) return [];
    if (resolved.enum || resolved.const !== undefined || resolved.format || resolved.pattern) return [];
    return [{ path: prefix, kind: resolved['x-epeople-text'], schema: resolved }];
  };

  /** `value` with `replacement` at `path` (objects on the way are copied, not changed). */
  const withValueAt = (value: unknown, path: FieldPath, replacement: unknown): unknown => {
    const [head, ...rest] = path;
    if (head === undefined) return replacement;
    const object = (value ?? {}) as Record<string, unknown>;
    return { ...object, [head]: withValueAt(object[head], rest, replacement) };
  };

  /** The path with each parameter filled: valid values, or one malformed. */
  const fillPath = (operation: OpenApiOperation, malformed?: string): string =>
    operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
      if (malformed !== undefined) return encodeURIComponent(malformed);
      const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name);
      return encodeURIComponent(String(parameter ? validValue(parameter.schema) : randomUUID()));
    });

  const validQuery = (operation: OpenApiOperation): Record<string, string> =>
    Object.fromEntries(
      operation.parameters.filter((p) => p.in === 'query').map((p) => [p.name, String(validValue(p.schema))]),
    );

  return { operations, validValue, badBodies, fillPath, validQuery, typeOf, stringFields, withValueAt };
}
