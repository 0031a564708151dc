export type JsonPrimitive = null | boolean | number | string;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses JSON text; the SyntaxError of JSON.parse propagates. */
export function parseJson(text: string): JsonValue {
  const parsed: unknown = JSON.parse(text);
  // JSON.parse can only produce JSON values; the declared `any` is the only thing being corrected here.
  return parsed as JsonValue;
}

/**
 * What a value becomes after crossing a JSON boundary (Lambda payloads, task output): undefined becomes null, Dates
 * become strings, functions disappear. Throws for values JSON cannot represent (BigInt, cycles).
 */
export function toJsonValue(value: unknown): JsonValue {
  const text = JSON.stringify(value);
  // JSON.stringify(undefined) is undefined: Lambda answers `null` for a handler that returns nothing.
  return text === undefined ? null : parseJson(text);
}

export function cloneJson<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}

export function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Returns the value with `transform` applied to every string inside it (object keys are left alone). */
export function mapJsonStrings(value: JsonValue, transform: (text: string) => string): JsonValue {
  if (typeof value === 'string') return transform(value);
  if (Array.isArray(value)) return value.map((item) => mapJsonStrings(item, transform));
  if (isJsonObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapJsonStrings(item, transform)]));
  }
  return value;
}
