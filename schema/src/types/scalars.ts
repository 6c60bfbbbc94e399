import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { builder } from '../builder.js';

/**
 * graphql-scalars' DateTime, except that a Date is written with its own `toISOString()`: run event
 * times keep the microseconds the executor stamped them with, which `DateTimeResolver` would cut.
 */
const DateTime = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  description:
    'An instant in UTC, as an RFC 3339 string. Run event times have microseconds (six fraction digits); other times have milliseconds.',
  serialize: (value) =>
    value instanceof Date && !Number.isNaN(value.getTime())
      ? value.toISOString()
      : DateTimeResolver.serialize(value),
});

builder.addScalarType('DateTime', DateTime);
builder.addScalarType('JSON', JSONResolver);
