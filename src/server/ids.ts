const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a route parameter can be a row id at all (PostgreSQL rejects other text in a uuid column). */
export function isUuid(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}
