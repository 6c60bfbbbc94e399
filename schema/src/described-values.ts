/**
 * Enum values keyed by the domain's own list, each with its description: a value added to the
 * domain without one here fails type-checking instead of reaching the schema undescribed.
 */
export function describedValues<const Value extends string>(
  values: readonly Value[],
  descriptions: Record<Value, string>,
): Record<Value, { description: string }> {
  return Object.fromEntries(values.map((value) => [value, { description: descriptions[value] }])) as Record<
    Value,
    { description: string }
  >;
}
