/** `isTypeOf` for a Pothos object backed by a MikroORM entity: true for instances of that entity. */
export function isEntity(schema: { meta: { class: unknown } }): (value: unknown) => boolean {
  const entityClass = schema.meta.class as abstract new (...args: never[]) => unknown;
  return (value) => value instanceof entityClass;
}
